import Foundation
import Testing

@testable import DossierCore

/// Problems found in review, each kept from coming back.
@Suite("Review regressions")
struct ReviewRegressionTests {
    @Test("the output folder may not be, hold or sit inside Content/ or Templates/, nor a folder a build did not make")
    func outputGuard() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let cases: [(String, String)] = [
            ("Content", "refusing to replace"), (".", "refusing to replace"), ("Templates", "refusing to replace"),
            ("Content/site", "refusing to write into"),
        ]
        for (output, message) in cases {
            let report = SiteBuilder.build(BuildOptions(output: output, relativeTo: site.root))
            #expect(report.diagnostics.errors.first?.message.hasPrefix(message) == true, "\(output)")
        }
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Content/index.md").path))
        let other = site.root.appendingPathComponent("Other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: other.appendingPathComponent("notes.txt"))
        let report = SiteBuilder.build(BuildOptions(output: "Other", relativeTo: site.root))
        #expect(report.diagnostics.errors.first?.message.contains("was not made by dossier") == true)
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("notes.txt").path))
        // A refused output gets no lock file: none in the project, none beside it for `.`.
        let hidden = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [])
        #expect(!FileManager.default.fileExists(atPath: BuildLock.path(for: site.root)))
    }

    @Test("an event id used twice in one article, empty titles and bad base URLs are errors")
    func contentChecks() {
        var files = Fixtures.relations
        files["articles/probe.md"] = """
            ---
            title: "  "
            date: 2020
            events:
              - id: same
                date: 2020
                title: One
              - id: same
                date: 2020
                title: Two
            ---
            Text.

            """
        files["index.md"] = "---\ntitle: T\nbase_url: \"https://\"\n---\nHome of [[Test topic]].\n"
        let (_, diagnostics) = resolveInMemory(files)
        #expect(
            texts(diagnostics) == [
                "Content/articles/probe.md:2:8: error: 'title' must not be empty",
                "Content/index.md:3:11: error: 'base_url' must be an absolute http or https address, not 'https://'",
            ])
        files["articles/probe.md"] = files["articles/probe.md"]!.replacingOccurrences(of: "\"  \"", with: "Probe")
        let (_, again) = resolveInMemory(files)
        #expect(
            again.errors.map(\.description).contains {
                $0.hasPrefix("Content/articles/probe.md:8:5: error: event id 'same' is used twice in this article")
            })
    }

    @Test("without a usable index.md the other files are still checked")
    func brokenIndex() {
        var files = Fixtures.relations
        files["index.md"] = "---\nsubtitle: no title\n---\n"
        files["articles/probe.md"] = "---\ntitle: P\ndate: 2020\n---\n[[Nobody]]\n"
        let (_, diagnostics) = resolveInMemory(files)
        #expect(
            texts(diagnostics) == [
                "Content/articles/probe.md:5:1: error: '[[Nobody]]' names no actor or topic",
                "Content/index.md:2:1: error: missing required key 'title'",
            ])
    }

    @Test("Atom stays well-formed with noncharacters in titles")
    func xmlNoncharacters() {
        #expect(Escape.xml("A \u{FFFE} B \u{FFFF} <c>") == "A  B  &lt;c&gt;")
    }

    @Test("a static file that links outside Templates/static is refused")
    func staticSymlink() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("Templates/static/passwd"),
            withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        let report = site.build()
        #expect(
            texts(report.diagnostics) == [
                "Templates/static/passwd:1:1: error: static file links outside Templates/static; copy the file in instead"
            ])
    }

    @Test("a static file in place of a generated page's folder, or inside a generated file, is refused")
    func staticFolderCollisions() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let statics = site.root.appendingPathComponent("Templates/static")
        try Data("x".utf8).write(to: statics.appendingPathComponent("search"))
        try FileManager.default.createDirectory(
            at: statics.appendingPathComponent("feed.xml"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: statics.appendingPathComponent("feed.xml/inside.txt"))
        let before = site.snapshot()
        let report = site.build()
        #expect(
            texts(report.diagnostics) == [
                "Templates/static/feed.xml/inside.txt:1:1: error: static file 'feed.xml/inside.txt' would be inside the generated file 'feed.xml'",
                "Templates/static/search:1:1: error: static file 'search' has the same path as a folder of generated pages",
            ])
        #expect(site.snapshot() == before)
    }

    @Test("web addresses need a scheme, a host and no spaces")
    func webAddresses() {
        for good in ["https://example.org", "http://example.org/a?b#c", "HTTPS://EXAMPLE.ORG/"] {
            #expect(WebAddress.isValid(good), "\(good)")
        }
        for bad in ["https://", "https:///x", "ftp://x.org", "javascript:alert(1)", "https://a b.org", "//x.org", ""] {
            #expect(!WebAddress.isValid(bad), "\(bad)")
        }
    }
}
