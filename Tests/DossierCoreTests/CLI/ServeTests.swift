import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Starts `dossier serve` on a free port of 127.0.0.1 and uses it as a browser would.
@Suite("dossier serve")
struct ServeTests {
    /// Collects a process's standard error from a background thread.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }
        var value: String { lock.withLock { text } }
    }

    static func fetch(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Starts `dossier serve --port 0` in `site`, its standard error collected.
    static func serve(_ site: TestSite) throws -> (Process, Output) {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = site.root
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["DOSSIER_CACHE_DIR": site.root.appendingPathComponent("cache").path], uniquingKeysWith: { _, new in new })
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let output = Output()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        return (process, output)
    }

    /// Waits until `condition` holds, checking every 100 ms, for at most `seconds`.
    static func wait(seconds: Double, until condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("serves the site, reloads after a change, reports errors, stops on SIGINT", .timeLimit(.minutes(1)))
    func servesAndRebuilds() async throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let (process, output) = try Self.serve(site)
        defer { if process.isRunning { process.terminate() } }

        #expect(try await Self.wait(seconds: 20) { output.value.contains("serving Public/ at http://127.0.0.1:") })
        let address = try #require(
            output.value.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init))

        let (status, home) = try await Self.fetch(address)
        #expect(status == 200)
        #expect(home.contains("<h1>Test dossier</h1>"))
        #expect(home.contains("/__dossier/live-reload.js"))
        let (missing, _) = try await Self.fetch(address + "no/such/page.html")
        #expect(missing == 404)
        let (escape, _) = try await Self.fetch(address + "%2e%2e/%2e%2e/etc/passwd")
        #expect(escape == 404)
        let (_, before) = try await Self.fetch(address + "__dossier/state")

        try site.write("articles/first-report.md", "---\ntitle: Changed report\ndate: 2017\n---\nNew.\n\nText.\n")
        #expect(
            try await Self.wait(seconds: 20) {
                try await Self.fetch(address + "articles/first-report/index.html").1.contains("Changed report")
            })
        // The state changes just after the new site is in place, so wait for it too.
        #expect(try await Self.wait(seconds: 20) { try await Self.fetch(address + "__dossier/state").1 != before })

        try site.write("articles/broken.md", "---\ntitle: Broken\ndate: soon\n---\n")
        #expect(
            try await Self.wait(seconds: 20) {
                try await Self.fetch(address + "__dossier/state").1.contains("Content/articles/broken.md:3:7: error:")
            })
        #expect(output.value.contains("Content/articles/broken.md:3:7: error: 'date' must be a date"))

        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The pipe's last bytes may reach the handler after the process has ended.
        #expect(try await Self.wait(seconds: 5) { output.value.contains("stopped") })
    }

    @Test("Ctrl-C stops serve even while its first build waits for another build's lock", .timeLimit(.minutes(1)))
    func stopsWhileWaiting() async throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        // Another build under way: the test holds the lock of Public/.
        let other = open(site.root.appendingPathComponent(".Public.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(other) }
        #expect(flock(other, LOCK_EX) == 0)
        let (process, output) = try Self.serve(site)
        // A serve that did not stop would build once the lock is let go, and serve on.
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(
            try await Self.wait(seconds: 20) {
                output.value.contains("waiting for another build into Public/ to finish")
            })
        kill(process.processIdentifier, SIGINT)
        #expect(try await Self.wait(seconds: 10) { !process.isRunning }, "serve did not stop while it waited")
        #expect(
            try await Self.wait(seconds: 5) {
                output.value.contains("cancelled while waiting for another build into Public/ to finish")
            })
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Public").path))
    }
}
