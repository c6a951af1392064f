import ArgumentParser
import DossierCore
import Foundation

/// `dossier new article|actor|topic "Title"`: scaffold a content file, never overwriting one.
struct NewCommand: ParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a content file from a title or name; never overwrites.")

    @Argument(help: "What to create: article, actor or topic.")
    /// What to create.
    var kind: Scaffold.Kind

    @Argument(help: "The title (article, topic) or name (actor).")
    /// The title or name.
    var title: String

    @Option(help: "The slug (file name); made from the title when omitted.")
    /// The file name, when not made from the title.
    var slug: String?

    @Option(help: "The content folder.")
    /// The content folder.
    var content = "Content"

    /// Rejects a bad slug or an empty title as usage errors.
    func validate() throws {
        if let slug, !Slug.isValid(slug) {
            throw ValidationError("--slug must be lowercase letters, digits and single hyphens")
        }
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the title must not be empty")
        }
    }

    /// Writes the file, refusing to overwrite one.
    func run() throws {
        let chosen = slug ?? Slug.make(from: title)
        guard !chosen.isEmpty else {
            throw ValidationError("cannot make a slug from '\(title)'; pass --slug")
        }
        let scaffold = Scaffold(kind: kind, title: title, slug: chosen, today: Scaffold.today())
        let relative = "\(content)/\(scaffold.folder)/\(chosen).md"
        let url = URL(
            fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // O_EXCL makes "never overwrites" hold even against a file created a moment ago.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "file exists; not overwriting it" : String(cString: strerror(errno))
            FileHandle.standardError.write(Data("\(relative):1:1: error: \(reason)\n".utf8))
            throw ExitCode(1)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        handle.write(Data(scaffold.text.utf8))
        print("created \(relative)")
    }
}

extension Scaffold.Kind: ExpressibleByArgument {}
