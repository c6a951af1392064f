import Foundation
import Testing

@testable import DossierCore

/// Malformed and extreme files: each gives its documented diagnostic at the right place, or
/// builds correctly where the input is valid; never a crash or a hang.
@Suite("Malformed input")
struct MalformedInputTests {
    /// Builds the relations fixture plus one article written as raw bytes.
    func build(article bytes: [UInt8]) throws -> (TestSite, SiteBuilder.Report) {
        let site = try TestSite(Fixtures.relations)
        let url = site.root.appendingPathComponent("Content/articles/probe.md")
        try Data(bytes).write(to: url)
        return (site, site.build())
    }

    func build(article text: String) throws -> (TestSite, SiteBuilder.Report) {
        try build(article: Array(text.utf8))
    }

    static let cases: [(String, String)] = [
        ("", "Content/articles/probe.md:1:1: error: expected '---' on the first line to open the front matter"),
        (
            "title: x\n",
            "Content/articles/probe.md:1:1: error: expected '---' on the first line to open the front matter"
        ),
        (
            "---\ntitle: x\ndate: 2020\n",
            "Content/articles/probe.md:1:1: error: missing closing '---' for the front matter"
        ),
        ("---\ntitle: x\n\tdate: 2020\n---\n", "Content/articles/probe.md:3:1: error: tab in indentation"),
        ("---\ntitle: x\ntitle: y\ndate: 2020\n---\n", "Content/articles/probe.md:3:1: error: duplicate key 'title'"),
        (
            "---\ntitle: \"x\ndate: 2020\n---\n",
            "Content/articles/probe.md:2:8: error: unterminated double-quoted string"
        ),
        (
            "---\ntitle: x\ndate: 2020\ntopics: [a, b\n---\n",
            "Content/articles/probe.md:4:9: error: unterminated flow list"
        ),
        ("---\ntitle: x\ndate: soon\n---\n", "Content/articles/probe.md:3:7: error: 'date' must be a date"),
        ("---\ndate: 2020\n---\n", "Content/articles/probe.md:2:1: error: missing required key 'title'"),
        (
            "---\ntitle: x\ndate: 2020\n  extra: 1\n---\n",
            "Content/articles/probe.md:4:3: error: inconsistent indentation"
        ),
        (
            "---\ntitle: x\ndate: 2020\ndraft: yes\n---\n",
            "Content/articles/probe.md:4:8: error: 'draft' must be true or false"
        ),
        ("---\ntitle: x\ndate: 2020-02-30\n---\n", "Content/articles/probe.md:3:7: error: 'date' must be a date"),
        ("---\ntitle: {a: 1}\ndate: 2020\n---\n", "Content/articles/probe.md:2:8: error: flow maps are not supported"),
    ]

    @Test("each SPEC 2.1 error is reported at its line and column through the whole build", arguments: cases)
    func frontMatterErrors(text: String, expected: String) throws {
        let (site, report) = try build(article: text)
        defer { site.remove() }
        let found = report.diagnostics.errors.map(\.description)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
        #expect(site.output("index.html") == nil)
    }

    @Test("invalid UTF-8 is an error at the first bad byte")
    func invalidUTF8() throws {
        let bytes = Array("---\ntitle: x\ndate: 2020\n---\nok\nab".utf8) + [0xFF, 0x41, 0x0A]
        let (site, report) = try build(article: bytes)
        defer { site.remove() }
        #expect(
            texts(report.diagnostics) == [
                "Content/articles/probe.md:6:3: error: the file is not valid UTF-8 (byte 0xFF)"
            ])
    }

    @Test("a byte order mark and CRLF line ends are accepted, and positions stay right")
    func bomAndCRLF() throws {
        let text = "\u{FEFF}---\r\ntitle: With BOM\r\ndate: 2020\r\n---\r\nFirst.\r\n\r\nSee [[Nobody]].\r\n"
        let (site, report) = try build(article: text)
        defer { site.remove() }
        #expect(
            texts(report.diagnostics) == ["Content/articles/probe.md:7:5: error: '[[Nobody]]' names no actor or topic"])
        let fixed = try build(article: text.replacingOccurrences(of: "[[Nobody]]", with: "[[Putin]]"))
        defer { fixed.0.remove() }
        #expect(fixed.1.diagnostics.all.isEmpty)
        let html = try #require(fixed.0.output("articles/probe/index.html"))
        #expect(html.contains("<h1>With BOM</h1>"))
        #expect(html.contains("<p id=\"p-2\">See <a class=\"mention actor\""))
        #expect(!html.contains("\r"))
    }

    @Test("a file of only front matter builds an empty article")
    func onlyFrontMatter() throws {
        let (site, report) = try build(article: "---\ntitle: Empty\ndate: 2021\n---")
        defer { site.remove() }
        #expect(report.diagnostics.all.isEmpty)
        #expect(site.output("articles/probe/index.html")?.contains("<h1>Empty</h1>") == true)
    }

    @Test("a 10 MB article builds")
    func largeArticle() throws {
        let paragraph = String(
            repeating: "Lorem ipsum [[Putin]] dolor sit amet, *consectetur* adipiscing elit. ", count: 12)
        let count = 10 * 1024 * 1024 / (paragraph.utf8.count + 2)
        let text = "---\ntitle: Big\ndate: 2020\n---\n" + String(repeating: paragraph + "\n\n", count: count)
        let (site, report) = try build(article: text)
        defer { site.remove() }
        #expect(report.diagnostics.all.isEmpty)
        let html = try #require(site.output("articles/probe/index.html"))
        #expect(html.contains("<p id=\"p-\(count)\">"))
    }

    @Test("deeply nested lists, block quotes and emphasis are flattened with a warning, not a crash")
    func deepMarkdown() throws {
        let quotes = String(repeating: ">", count: 20_000) + " deep\n\n"
        let list = (0..<500).map { String(repeating: "  ", count: $0) + "- item\n" }.joined() + "\n"
        let emphasis = String(repeating: "*", count: 20_000) + "x" + String(repeating: "*", count: 20_000) + "\n"
        let (site, report) = try build(article: "---\ntitle: Deep\ndate: 2020\n---\n" + quotes + list + emphasis)
        defer { site.remove() }
        #expect(!report.diagnostics.hasErrors)
        #expect(
            report.diagnostics.warnings.allSatisfy {
                $0.message.contains("levels deep; the deeper levels are flattened")
            })
        #expect(site.output("articles/probe/index.html")?.contains("deep") == true)
    }

    @Test("deeply nested front matter is an error, not a crash")
    func deepFrontMatter() throws {
        let nested = (0..<3000).map { String(repeating: " ", count: $0 + 1) + "k\($0):\n" }.joined()
        let (site, report) = try build(article: "---\ntitle: x\ndate: 2020\nnest:\n" + nested + "---\n")
        defer { site.remove() }
        #expect(report.diagnostics.errors.map(\.message) == ["front matter nested more than 64 levels deep"])
    }
}
