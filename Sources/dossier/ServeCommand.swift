import ArgumentParser
import DossierCore
import DossierServe
import Foundation

/// `dossier serve`: a local preview that rebuilds on every change.
struct ServeCommand: AsyncParsableCommand {
    /// The subcommand's name and help.
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on 127.0.0.1 and rebuild when Content/ or Templates/ change.")

    @OptionGroup var options: SiteOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    /// The port; 1111 unless given (Zola's default, free on most machines).
    var port: UInt16 = 1111

    /// Serves until Ctrl-C or SIGTERM.
    func run() async throws {
        let server = PreviewServer(options: options.buildOptions(), port: port)
        let task = Task {
            try await server.run { message in
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        }
        // Ctrl-C (and SIGTERM) stop the server cleanly instead of killing the process mid-build.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .main) }
        for source in sources {
            source.setEventHandler { task.cancel() }
            source.resume()
        }
        do {
            try await task.value
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
