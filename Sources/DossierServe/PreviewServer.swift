import DossierCore
import FlyingFox
import Foundation

/// `dossier serve`: builds the site, serves the output folder on 127.0.0.1, and rebuilds when a
/// file under the content or templates folder changes; open pages reload themselves.
public struct PreviewServer: Sendable {
    /// What to build.
    public let options: BuildOptions
    /// The port to listen on; 0 picks a free one.
    public let port: UInt16
    /// How often the folders are checked for changes: a check costs one system call while
    /// nothing changes (see `FolderWatcher`).
    public let interval: Duration

    /// Creates a server for `options` on `port`.
    public init(options: BuildOptions, port: UInt16, interval: Duration = .milliseconds(100)) {
        var options = options
        // Ctrl-C cancels the task: a build waiting for another one's lock gives up at once.
        options.isCancelled = { Task.isCancelled }
        self.options = options
        self.port = port
        self.interval = interval
    }

    /// Builds, serves and watches until the task is cancelled. `report` receives what a person
    /// at the terminal should see: the address, each rebuild and its diagnostics.
    public func run(report: @escaping @Sendable (String) -> Void) async throws {
        let state = BuildState()
        var options = options
        // Every rebuild after the first parses and decodes only what changed; a memory per run,
        // so two runs never share one.
        options.memory = BuildMemory()
        // Watching starts before the first build, so a file saved while it runs is built next.
        var watcher = FolderWatcher(folders: [options.content, options.templates])
        await rebuild(options, state: state, report: report)
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled,
            handler: SiteHandler(root: options.output, state: state))
        let serving = Task { try await server.run() }
        try await server.waitUntilListening()
        if case .ip4(let host, let actualPort)? = await server.listeningAddress {
            report("serving \(options.outputDisplay)/ at http://\(host):\(actualPort)/ (Ctrl-C to stop)")
        }
        do {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                if watcher.hasChanged() { await rebuild(options, state: state, report: report) }
            }
        } catch is CancellationError {}
        await server.stop(timeout: 1)
        serving.cancel()
        report("stopped")
    }

    private func rebuild(_ options: BuildOptions, state: BuildState, report: @Sendable (String) -> Void) async {
        let start = Date()
        let result = SiteBuilder.build(options)
        await state.record(result.diagnostics)
        var lines = result.diagnostics.sorted.map(\.description)
        if result.diagnostics.hasErrors {
            lines.append("build failed; \(options.outputDisplay)/ is unchanged")
        } else {
            lines.append(
                "built \(result.pageCount) pages in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        }
        report(lines.joined(separator: "\n"))
    }
}
