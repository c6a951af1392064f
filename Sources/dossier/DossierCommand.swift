import ArgumentParser
import DossierCore
import Foundation

/// The `dossier` command: build, check and scaffold an annotated research dossier.
@main
struct DossierCommand: AsyncParsableCommand {
    /// The command's name, help and subcommands.
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Build an annotated research dossier into a static site.",
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self, ServeCommand.self]
    )

    /// With no subcommand there is nothing to do: show the help, as a usage error.
    func run() throws {
        FileHandle.standardError.write(Data((Self.helpMessage() + "\n").utf8))
        throw ExitCode(2)
    }

    /// Runs the command, mapping argument-parser's usage failures to exit status 2 (SPEC 4).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            if code == .success || code.rawValue == 1 || code.rawValue == 2 { Foundation.exit(code.rawValue) }
            Foundation.exit(2)
        }
    }
}

/// Options every command that builds shares.
struct SiteOptions: ParsableArguments {
    @Option(help: "The content folder.")
    /// The content folder.
    var content = "Content"

    @Option(help: "The templates folder.")
    /// The templates folder.
    var templates = "Templates"

    @Option(help: "The output folder, replaced whole by a successful build.")
    /// The output folder.
    var output = "Public"

    @Flag(help: "Build draft articles too.")
    /// Whether drafts are built.
    var drafts = false

    @Option(name: .customLong("base-url"), help: "The published site's absolute URL (overrides base_url).")
    /// Overrides `base_url`.
    var baseURL: String?

    /// Rejects a `--base-url` that is not an absolute web address.
    func validate() throws {
        if let baseURL, !WebAddress.isValid(baseURL) {
            throw ValidationError("--base-url must be an absolute http or https URL")
        }
    }

    /// The build options these flags describe.
    func buildOptions() -> BuildOptions {
        var options = BuildOptions(
            content: content, templates: templates, output: output, includeDrafts: drafts, baseURL: baseURL)
        options.removeOldSiteInBackground = true
        options.keepSpareSite = true
        options.bodyCache = BodyCache.defaultFile(for: options)
        let folder = output.hasSuffix("/") ? output : output + "/"
        options.waitingForOtherBuild = {
            FileHandle.standardError.write(Data("waiting for another build into \(folder) to finish\n".utf8))
        }
        return options
    }
}

/// Prints diagnostics compiler-style on standard error, sorted by place.
func printDiagnostics(_ diagnostics: Diagnostics) {
    var text = ""
    for diagnostic in diagnostics.sorted { text += diagnostic.description + "\n" }
    let errors = diagnostics.errors.count
    let warnings = diagnostics.warnings.count
    if errors + warnings > 0 {
        text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
}
