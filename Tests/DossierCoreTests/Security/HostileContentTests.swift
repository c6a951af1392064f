import Foundation
import Testing

@testable import DossierCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Builds a dossier whose every field carries hostile strings and proves none of them became
/// markup, a script, an event handler or an active URL in any output file.
@Suite("Hostile content")
struct HostileContentTests {
    /// Strings that try to break out of text, attributes, URLs, XML, JSON and SVG.
    static let corpus = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(2)' x='",
        "javascript:alert(3)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==",
        "]]></title></svg><script>alert(5)</script>",
        "</script><iframe src=//evil.example>",
        "ctl\u{1}\u{8}\u{1B}\u{7F}chars",
        "\u{202E}evil\u{202C} rtl",
        "{{ site.title }}{% include \"base.html\" %}",
        "&lt;b&gt;entity&amp;",
        "\u{2028}line\u{2029}separators",
    ]

    /// A front matter double-quoted scalar holding `text`.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x202E).contains(scalar.value) {
                    output += String(format: "\\u%04X", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    static func files() -> [String: String] {
        let joined = corpus.joined(separator: " | ")
        let q = quoted(joined)
        let hostileBody = """
            <script>alert(6)</script>

            <div onclick="alert(7)">raw block</div>

            Text \(corpus.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " ")) with
            [a link](javascript:alert(8)) [another](JAVASCRIPT:alert(9)) [data](data:text/html,x)
            [vb](vbscript:msgbox) <javascript:alert(10)> ![img](javascript:alert(11)) ![remote](https://evil.example/x.png)
            [entity](&#106;avascript:alert(12)) [ok](https://example.org/?q="><script>) [[hostile-actor|\(corpus[1])]]
            and `<code>` and [title](https://example.org "\\" onmouseover=\\"x").

            ```"><script>alert(13)</script>
            <script>in code</script>
            ```

            """
        return [
            "index.md":
                "---\ntitle: \(q)\nsubtitle: \(q)\ndescription: \(q)\nbase_url: \"https://example.org/a?b=<c>&d='e'\"\n---\n\(hostileBody)",
            "actors/hostile-actor.md": """
            ---
            name: \(q)
            aliases: [\(corpus.indices.map { quoted("alias \($0) " + corpus[$0]) }.joined(separator: ", "))]
            kind: person
            role: \(q)
            country: \(q)
            ---
            \(hostileBody)
            """,
            "topics/hostile-topic.md": "---\ntitle: \(q)\nsummary: \(q)\n---\n\(hostileBody)",
            "articles/hostile-article.md": """
            ---
            title: \(q)
            date: 2020-02-29
            publication: \(q)
            author: \(q)
            source_url: "https://example.org/\\"><script>alert(14)</script>?a=1&b=2"
            summary: \(q)
            topics: [hostile-topic]
            actors: [hostile-actor]
            events:
              - id: hostile-event
                date: 2020-03
                title: \(q)
                place: \(q)
                actors: [hostile-actor]
                topics: [hostile-topic]
            notes:
              bad-note: \(q)
            ---
            \(hostileBody)
            The [noted passage \(corpus[2])](note:bad-note).

            """,
        ]
    }

    /// Tags the templates and the Markdown renderer produce; anything else is injected markup.
    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "link", "body", "a", "header", "p", "nav", "ul", "ol", "li", "main",
        "article", "section", "h1", "h2", "h3", "h4", "h5", "h6", "span", "time", "div", "aside", "sup", "mark", "em",
        "strong", "code", "pre", "blockquote", "hr", "br", "footer", "figure", "figcaption", "svg", "line", "text",
        "circle", "rect", "desc", "form", "label", "input", "button",
        // Only the search page has scripts: our own two files, by relative src (checked below).
        "script",
    ]

    @Test("no hostile string becomes markup, a script, an event handler or an active URL")
    func nothingExecutes() throws {
        let site = try TestSite(Self.files())
        defer { site.remove() }
        let report = site.build()
        #expect(report.diagnostics.errors.map(\.description) == [])
        let folder = site.root.appendingPathComponent("Public")
        let pages = LinkChecker.htmlFiles(in: folder)
        #expect(pages.count == 10)
        for page in pages {
            let html = try #require(site.output(page))
            let (tags, attributes) = HTMLScanner.scan(html)
            for tag in tags {
                #expect(Self.allowedTags.contains(tag.name), "\(page):\(tag.line):\(tag.column): <\(tag.name)>")
                #expect(tag.name != "script" || page == "search/index.html", "\(page): a script outside search")
            }
            let scripts = attributes.filter { $0.tag == "script" }.map(\.value)
            #expect(scripts.allSatisfy { $0 == "../search-index.js" || $0 == "../search.js" }, "\(page): \(scripts)")
            for attribute in attributes {
                let place = "\(page):\(attribute.line):\(attribute.column)"
                #expect(!attribute.name.hasPrefix("on"), "\(place): event handler \(attribute.name)")
                #expect(
                    [
                        "href", "src", "id", "class", "lang", "charset", "name", "content", "rel", "type", "title",
                        "datetime", "aria-label", "aria-current", "aria-labelledby", "role", "viewbox", "xmlns", "x",
                        "y",
                        "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "rx", "start", "alt",
                        "action", "method", "for", "autocomplete", "spellcheck", "aria-live",
                    ].contains(attribute.name), "\(place): unexpected attribute \(attribute.name)")
                if attribute.name == "href" || attribute.name == "src" {
                    let scheme = URLScheme.of(attribute.value.trimmingCharacters(in: .whitespaces))
                    #expect(
                        scheme == nil || ["http", "https", "mailto"].contains(scheme!), "\(place): \(attribute.value)")
                }
            }
            #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "\(page)")
        }
        // The hostile text is shown, escaped, not swallowed.
        let article = try #require(site.output("articles/hostile-article/index.html"))
        #expect(article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(article.contains("&amp;lt;b&amp;gt;entity&amp;amp;"))
        #expect(article.contains("{{ site.title }}"))
    }

    @Test("feed, sitemap and dossier.json stay well-formed and carry the strings intact")
    func machineReadableOutput() throws {
        let site = try TestSite(Self.files())
        defer { site.remove() }
        #expect(!site.build().diagnostics.hasErrors)
        for file in ["feed.xml", "sitemap.xml"] {
            let text = try #require(site.output(file))
            let parser = XMLParser(data: Data(text.utf8))
            #expect(parser.parse(), "\(file): \(parser.parserError.map { "\($0)" } ?? "")")
            #expect(!text.contains("<script"))
        }
        let json = try #require(site.output("dossier.json"))
        #expect(!json.contains("<"))
        let searchIndex = try #require(site.output("search-index.js"))
        #expect(!searchIndex.contains("<"), "the search index could end its script element")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let articles = try #require(root["articles"] as? [[String: Any]])
        let title = try #require(articles.first?["title"] as? String)
        #expect(title.contains("<script>alert(1)</script>"))
        #expect(title.contains("\u{202E}evil"))
    }
}
