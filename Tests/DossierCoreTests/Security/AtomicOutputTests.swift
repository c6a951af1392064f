import Foundation
import Testing

@testable import DossierCore

/// The output folder is replaced whole or not at all: by a failing build, a failing disk, or a
/// build killed half-way.
@Suite("Atomic output")
struct AtomicOutputTests {
    @Test("a template error leaves Public/ byte-identical and names the template and line")
    func templateError() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(!site.build().diagnostics.hasErrors)
        let before = site.snapshot()
        let template = site.root.appendingPathComponent("Templates/topic.html")
        var text = try String(contentsOf: template, encoding: .utf8)
        text = text.replacingOccurrences(of: "<h1>{{ topic.title }}</h1>", with: "<h1>{{ topic.titel }}</h1>")
        try Data(text.utf8).write(to: template)
        let report = site.build()
        #expect(report.diagnostics.errors.count == 1)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.location.path == "Templates/topic.html")
        #expect(error.location.line == 6)
        #expect(error.message == "unknown field 'titel' in 'topic'")
        #expect(error.notes == ["did you mean 'title'?"])
        #expect(site.snapshot() == before)
    }

    @Test("unclosed tags and missing partials are diagnostics with file and line, never a crash")
    func templateSyntaxErrors() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let templates = site.root.appendingPathComponent("Templates")
        try Data("{% extends \"base.html\" %}{% block content %}{% if x %}open{% endblock %}".utf8)
            .write(to: templates.appendingPathComponent("topics.html"))
        try Data("{% include \"partials/missing.html\" %}".utf8).write(to: templates.appendingPathComponent("404.html"))
        try FileManager.default.removeItem(at: templates.appendingPathComponent("timeline.html"))
        let report = site.build()
        let errors = report.diagnostics.errors.map(\.description)
        #expect(errors.count == 3, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("Templates/404.html:1:12: error: template 'partials/missing.html' not found")
            })
        #expect(
            errors.contains { $0.hasPrefix("Templates/timeline.html:1:1: error: missing template 'timeline.html'") })
        #expect(
            errors.contains {
                $0.hasPrefix("Templates/topics.html:1:59: error: unexpected '{% endblock %}'; expected '{% endif %}'")
            })
        #expect(site.output("index.html") == nil)
    }

    @Test("a disk error half-way through writing leaves Public/ byte-identical and no staging folder")
    func diskError() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(!site.build().diagnostics.hasErrors)
        let before = site.snapshot()
        // The second file needs `a.html` to be a folder, but it was just written as a file: ENOTDIR.
        let files = [OutputFile(path: "a.html", text: "x"), OutputFile(path: "a.html/b.html", text: "y")]
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter.write(files, to: site.root.appendingPathComponent("Public"))
        }
        #expect(site.snapshot() == before)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [".Public.lock"])
    }

    @Test("a build killed at any moment leaves either the old site or the new one, never a mix")
    func killedBuilds() throws {
        var files = Fixtures.relations
        for index in 0..<400 {
            files["articles/filler-\(index).md"] =
                "---\ntitle: Filler \(index)\ndate: 2019\n---\n"
                + String(repeating: "A paragraph about [[Putin]] and [[Russia]].\n\n", count: 40)
        }
        let site = try TestSite(files)
        defer { site.remove() }
        #expect(!site.build().diagnostics.hasErrors)
        let old = site.snapshot()
        try site.write("articles/first-report.md", "---\ntitle: Rewritten\ndate: 2017\n---\nNew text.\n\nMore text.\n")
        var delays: [UInt32] = [0, 20_000, 50_000, 100_000, 150_000, 200_000, 300_000, 500_000]
        var new: [String: Data]?
        var outcomes: [String] = []
        while !delays.isEmpty {
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build"]
            process.currentDirectoryURL = site.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delays.removeFirst())
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = site.snapshot()
            if now == old {
                outcomes.append("old")
            } else {
                if new == nil {
                    #expect(site.build().diagnostics.hasErrors == false)
                    new = site.snapshot()
                    #expect(now == new, "after a kill, Public/ is neither the old nor the new site")
                }
                #expect(now == new)
                outcomes.append("new")
                // Back to the old site for the next attempt.
                try site.write("articles/first-report.md", Fixtures.relations["articles/first-report.md"]!)
                #expect(!site.build().diagnostics.hasErrors)
                #expect(site.snapshot() == old)
                try site.write(
                    "articles/first-report.md", "---\ntitle: Rewritten\ndate: 2017\n---\nNew text.\n\nMore text.\n")
            }
        }
        #expect(outcomes.contains("old"))
        // A later build cleans up what killed builds left beside the output.
        #expect(!site.build().diagnostics.hasErrors)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [".Public.lock"])
    }

    @Test("a build into a folder another build is writing waits for it, says so, then builds")
    func buildsTakeTurns() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Public")
        let (other, finished, result) = Self.startBuildThatWaits(site)
        #expect(finished.wait(timeout: .now() + 0.3) == .timedOut, "the build went on while the lock was held")
        // Nothing started: no staging folder, no body cache, no site.
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [".Public.lock"])
        #expect(!FileManager.default.fileExists(atPath: site.bodyCache.path))
        #expect(site.output("index.html") == nil)
        close(other)
        #expect(finished.wait(timeout: .now() + 60) == .success)
        #expect(result.report?.diagnostics.hasErrors == false)
        #expect(site.output("index.html") != nil)
        // Free again: the next build does not wait.
        var options = site.options()
        options.waitingForOtherBuild = { Issue.record("a build waited with no other build under way") }
        #expect(!SiteBuilder.build(options).diagnostics.hasErrors)
        #expect(Self.lockIsFree(output), "the lock outlived the build")
    }

    @Test("a process started while a build holds the lock does not hold it after the build")
    func lockNotInherited() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Public")
        let lock = try BuildLock.acquire(
            for: output, waiting: { Issue.record("nobody else holds the lock") }, isCancelled: { false })
        // As the background deletion of an old site is started: posix_spawn, no descriptor closed.
        var child: pid_t = 0
        let words: [String] = ["/bin/sleep", "5"]
        var arguments = words.map { strdup($0) } + [nil]
        defer { for pointer in arguments { free(pointer) } }
        #expect(posix_spawn(&child, "/bin/sleep", nil, nil, &arguments, environ) == 0)
        defer {
            kill(child, SIGKILL)
            waitpid(child, nil, 0)
        }
        lock.release()
        #expect(Self.lockIsFree(output), "the child process holds the lock")
    }

    @Test("a build holds the lock to its end: the new site and the body cache are in place before it lets go")
    func lockHeldToTheEnd() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Public")
        var options = site.options()
        let seen = Box()
        options.beforeUnlocking = {
            // One try from a descriptor of its own: taken by this build, it must fail.
            let descriptor = open(BuildLock.path(for: output), O_RDWR | O_CLOEXEC)
            defer { close(descriptor) }
            seen.facts = [
                "held": flock(descriptor, LOCK_EX | LOCK_NB) != 0,
                "site": FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path),
                "cache": FileManager.default.fileExists(atPath: site.bodyCache.path),
            ]
        }
        #expect(!SiteBuilder.build(options).diagnostics.hasErrors)
        #expect(seen.facts == ["held": true, "site": true, "cache": true])
        #expect(Self.lockIsFree(output))
    }

    @Test("a folder made where the output goes while a build waited is refused, not replaced")
    func outputCheckedAfterWaiting() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Public")
        let (other, finished, result) = Self.startBuildThatWaits(site)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        close(other)
        #expect(finished.wait(timeout: .now() + 60) == .success)
        #expect(result.report?.diagnostics.errors.first?.message.contains("was not made by dossier") == true)
        #expect(try String(contentsOf: output.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test("a build cancelled while it waits for the lock gives up at once and touches nothing")
    func cancelledWhileWaiting() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(!site.build().diagnostics.hasErrors)
        let before = site.snapshot()
        let output = site.root.appendingPathComponent("Public")
        let other = Self.holdLock(of: output)
        let asked = Box()
        var options = site.options()
        options.waitingForOtherBuild = { asked.facts = ["cancelled": true] }
        options.isCancelled = { asked.facts["cancelled"] == true }
        try site.edit("articles/second-report.md", replacing: "Then he left.", with: "He left.")
        let (finished, result) = Self.startBuild(options)
        let gaveUp = finished.wait(timeout: .now() + 10)
        // Let a build that did not give up finish, so the test ends either way.
        close(other)
        #expect(gaveUp == .success, "the cancelled build went on waiting")
        #expect(gaveUp == .success || finished.wait(timeout: .now() + 60) == .success)
        #expect(
            texts(result.report?.diagnostics ?? Diagnostics()) == [
                "Public:1:1: error: cancelled while waiting for another build into Public/ to finish"
            ])
        #expect(site.snapshot() == before)
    }

    @Test("a lock file that is not a plain file of this user's is not used: the build warns and goes on")
    func unusableLockFile() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let output = site.root.appendingPathComponent("Public")
        // A link planted where the lock file goes must not make a file where it points.
        let target = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createSymbolicLink(
            atPath: BuildLock.path(for: output), withDestinationPath: target.path)
        let report = site.build()
        #expect(!report.diagnostics.hasErrors)
        #expect(report.diagnostics.warnings.first?.message.hasPrefix("building without the lock") == true)
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(site.output("index.html") != nil)
    }

    /// Stands in for another build under way: holds the lock of `output` until the descriptor
    /// returned is closed. Close-on-exec, or processes other tests start meanwhile would share
    /// the lock and hold it after `close`.
    static func holdLock(of output: URL) -> Int32 {
        let descriptor = open(BuildLock.path(for: output), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(flock(descriptor, LOCK_EX) == 0)
        return descriptor
    }

    /// Starts a build on another thread: `finished` is signalled when it returns, and `result`
    /// then holds its report.
    fileprivate static func startBuild(_ options: BuildOptions) -> (finished: DispatchSemaphore, result: Box) {
        let finished = DispatchSemaphore(value: 0)
        let result = Box()
        DispatchQueue.global().async {
            result.report = SiteBuilder.build(options)
            finished.signal()
        }
        return (finished, result)
    }

    /// Holds the lock of `site`'s output (see `holdLock`), starts a build there (see `startBuild`)
    /// and waits until the build says it waits for the lock.
    fileprivate static func startBuildThatWaits(_ site: TestSite) -> (
        other: Int32, finished: DispatchSemaphore, result: Box
    ) {
        let other = holdLock(of: site.root.appendingPathComponent("Public"))
        let waited = DispatchSemaphore(value: 0)
        var options = site.options()
        options.waitingForOtherBuild = { waited.signal() }
        let (finished, result) = startBuild(options)
        #expect(waited.wait(timeout: .now() + 30) == .success, "the build did not report waiting")
        return (other, finished, result)
    }

    /// Whether the lock of `output` can be taken within a second. Processes other tests start
    /// share every descriptor for the moment between their fork and exec, so one try could fail.
    static func lockIsFree(_ output: URL) -> Bool {
        let descriptor = open(BuildLock.path(for: output), O_RDWR | O_CLOEXEC)
        defer { close(descriptor) }
        for _ in 0..<20 {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            usleep(50_000)
        }
        return false
    }
}

/// What a build or a hook reports from another thread.
private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var storedReport: SiteBuilder.Report?
    private var storedFacts: [String: Bool] = [:]

    /// The report, set by the thread that built.
    var report: SiteBuilder.Report? {
        get { lock.withLock { storedReport } }
        set { lock.withLock { storedReport = newValue } }
    }

    /// What a hook saw, by name.
    var facts: [String: Bool] {
        get { lock.withLock { storedFacts } }
        set { lock.withLock { storedFacts = newValue } }
    }
}
