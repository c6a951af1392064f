import Foundation
import Testing

@testable import DossierCore

@Suite("Building a site")
struct BuildTests {
    @Test("a failed build leaves the previous output exactly as it was")
    func failedBuildKeepsOutput() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        #expect(!site.build().diagnostics.hasErrors)
        let before = site.snapshot()
        #expect(before["articles/first-report/index.html"] != nil)
        try site.write("articles/first-report.md", "---\ntitle: Broken\ndate: soon\n---\n[[Nobody]]\n")
        try site.write("actors/russia.md", "---\nkind: state\n---\n")
        let report = site.build()
        #expect(
            texts(report.diagnostics) == [
                "Content/actors/russia.md:2:1: error: missing required key 'name'",
                "Content/articles/first-report.md:3:7: error: 'date' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not 'soon'",
            ])
        #expect(site.snapshot() == before)
    }

    @Test("a successful build replaces the output whole: pages of removed content disappear")
    func noStalePages() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        #expect(site.output("articles/second-report/index.html") != nil)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/articles/second-report.md"))
        try Data("stale".utf8).write(to: site.root.appendingPathComponent("Public/stray.txt"))
        #expect(!site.build().diagnostics.hasErrors)
        #expect(site.output("articles/second-report/index.html") == nil)
        #expect(site.output("stray.txt") == nil)
        #expect(site.output("articles/first-report/index.html") != nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(leftovers == [".Public.lock"])
    }

    @Test("drafts are built only on request")
    func drafts() throws {
        var files = Fixtures.relations
        files["articles/draft-piece.md"] = "---\ntitle: Draft\ndate: 2024\ndraft: true\n---\nText.\n"
        let site = try TestSite(files)
        defer { site.remove() }
        site.build()
        #expect(site.output("articles/draft-piece/index.html") == nil)
        site.build(drafts: true)
        #expect(site.output("articles/draft-piece/index.html") != nil)
    }

    @Test("errors from many files are all reported in one run, sorted by place")
    func allErrorsInOneRun() throws {
        var files = Fixtures.relations
        files["articles/bad-one.md"] = "---\ntitle: One\ndate: 2020\ntopics: [no-such-topic]\n---\n[[Ghost]]\n"
        files["articles/bad-two.md"] = "---\ntitle: \"Two\ndate: 2020\n---\nText.\n"
        files["actors/Bad Name.md"] = "---\nname: X\n---\n"
        files["actors/kinded.md"] = "---\nname: Kinded\nkind: person\nrol: typo\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let report = site.build()
        #expect(
            texts(report.diagnostics) == [
                "Content/actors/Bad Name.md:1:1: error: 'Bad Name' is not a valid slug: use lowercase letters, digits and single hyphens\nContent/actors/Bad Name.md:1:1: note: rename the file to 'bad-name.md'",
                "Content/actors/kinded.md:4:1: warning: unknown key 'rol'\nContent/actors/kinded.md:4:1: note: did you mean 'role'?",
                "Content/articles/bad-one.md:4:10: error: unknown topic 'no-such-topic'",
                "Content/articles/bad-one.md:6:1: error: '[[Ghost]]' names no actor or topic",
                "Content/articles/bad-two.md:2:8: error: unterminated double-quoted string\nContent/articles/bad-two.md:2:8: note: a quoted text must end on the line where it starts; use '|' or '>' for longer text",
            ])
        #expect(site.output("index.html") == nil)
    }

    @Test("an event reported twice with different dates is an error")
    func conflictingEvent() {
        var files = Fixtures.relations
        files["articles/second-report.md"] = """
            ---
            title: Second report
            date: 2023
            events:
              - id: border-opened
                date: 1996
                title: The border controls are lifted
            ---
            Text.

            """
        let (_, diagnostics) = resolveInMemory(files)
        #expect(
            texts(diagnostics).contains(
                "Content/articles/second-report.md:5:5: error: event 'border-opened' is dated 1996 here but 1995 at Content/articles/first-report.md:7:5\nContent/articles/second-report.md:5:5: note: one id is one event: give both reports the same date"
            ))
    }

    @Test("source_url accepts only http and https")
    func sourceURL() {
        var files = Fixtures.relations
        files["articles/probe.md"] = "---\ntitle: P\ndate: 2020\nsource_url: javascript:alert(1)\n---\nText.\n"
        let (_, diagnostics) = resolveInMemory(files)
        #expect(
            texts(diagnostics) == [
                "Content/articles/probe.md:4:13: error: 'source_url' must be an absolute http or https address, not 'javascript:alert(1)'"
            ])
    }
}
