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
        #expect(hidden == [])
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
        #expect(hidden == [])
    }

    @Test("a build into a folder another build is writing waits for it, says so, then builds")
    func buildsTakeTurns() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        // Stands in for another build under way: it holds the lock on the folder Public/ is in.
        let other = open(site.root.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(other, LOCK_EX) == 0)
        let waited = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        var options = site.options()
        options.waitingForOtherBuild = { waited.signal() }
        let result = Box()
        DispatchQueue.global().async { [options] in
            result.report = SiteBuilder.build(options)
            finished.signal()
        }
        #expect(waited.wait(timeout: .now() + 30) == .success, "the build did not report waiting")
        #expect(finished.wait(timeout: .now() + 0.3) == .timedOut, "the build went on while the lock was held")
        #expect(site.output("index.html") == nil)
        close(other)
        #expect(finished.wait(timeout: .now() + 60) == .success)
        #expect(result.report?.diagnostics.hasErrors == false)
        #expect(site.output("index.html") != nil)
        // Free again: the next build does not wait.
        options.waitingForOtherBuild = { Issue.record("a build waited with no other build under way") }
        #expect(!SiteBuilder.build(options).diagnostics.hasErrors)
    }
}

/// A build's report, handed from the thread that built.
private final class Box: @unchecked Sendable {
    // Written once before `finished` is signalled, read after.
    var report: SiteBuilder.Report?
}
