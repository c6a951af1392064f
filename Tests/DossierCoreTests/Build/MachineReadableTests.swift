import Foundation
import Testing

@testable import DossierCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `dossier.json` and `feed.xml` read back and compared with the content they come from.
@Suite("Machine-readable output")
struct MachineReadableTests {
    static let contents: [(String, [String: String]?)] = [("shipped", nil), ("fixture", Fixtures.relations)]

    func makeSite(_ files: [String: String]?) throws -> TestSite {
        if let files { return try TestSite(files) }
        return try TestSite(content: TestSite.repository.appendingPathComponent("Content"))
    }

    @Test("dossier.json round-trips the content", arguments: ["shipped", "fixture"])
    func jsonRoundTrip(name: String) throws {
        let site = try makeSite(Self.contents.first { $0.0 == name }!.1)
        defer { site.remove() }
        #expect(!site.build(baseURL: "https://example.org/").diagnostics.hasErrors)
        var diagnostics = Diagnostics()
        let files = ContentLoader.load(
            directory: site.root.appendingPathComponent("Content"), displayPath: "Content", diagnostics: &diagnostics)
        let dossier = DossierParser.parse(files, diagnostics: &diagnostics)
        let (resolved, _) = Resolver.resolve(dossier, includeDrafts: false)

        let json = try #require(site.output("dossier.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["title"] as? String == dossier.site.title)
        let articles = try #require(root["articles"] as? [[String: Any]])
        #expect(articles.map { $0["slug"] as? String } == resolved.articles.map(\.slug))
        for (entry, article) in zip(articles, resolved.articles) {
            #expect(entry["title"] as? String == article.title)
            #expect(entry["date"] as? String == article.date.description)
            #expect(entry["source_url"] as? String == article.sourceURL)
            #expect(entry["url"] as? String == "articles/\(article.slug)/index.html")
            let topics = Set(entry["topics"] as? [String] ?? [])
            #expect(Set(article.topics.map(\.slug)).isSubset(of: topics))
            let mentions = try #require(entry["mentions"] as? [[String: Any]])
            #expect(mentions.count == resolved.articleBodies[article.slug]?.mentions.count)
            for mention in mentions {
                let anchor = try #require(mention["anchor"] as? String)
                #expect(resolved.articleBodies[article.slug]?.anchors.contains(anchor) == true)
            }
            #expect(entry["notes"] as? [String] == article.notes.map(\.id))
        }
        let actors = try #require(root["actors"] as? [[String: Any]])
        #expect(Set(actors.compactMap { $0["slug"] as? String }) == Set(dossier.actors.map(\.slug)))
        for actor in dossier.actors {
            let entry = try #require(actors.first { $0["slug"] as? String == actor.slug })
            #expect(entry["name"] as? String == actor.name)
            #expect(entry["aliases"] as? [String] == actor.aliases)
        }
        let topics = try #require(root["topics"] as? [[String: Any]])
        #expect(Set(topics.compactMap { $0["slug"] as? String }) == Set(dossier.topics.map(\.slug)))
        let events = try #require(root["events"] as? [[String: Any]])
        for article in dossier.articles where !article.draft {
            for (position, report) in article.events.enumerated() {
                let id = report.id ?? "\(article.slug)--\(position + 1)"
                let entry = try #require(events.first { $0["id"] as? String == id })
                #expect(entry["date"] as? String == report.date.description)
                #expect((entry["sources"] as? [String])?.contains(article.slug) == true)
            }
        }
        let dates = events.compactMap { $0["date"] as? String }.compactMap(PartialDate.init)
        #expect(dates == dates.sorted())
    }

    @Test("feed.xml is well-formed Atom with absolute links, newest first", arguments: ["shipped", "fixture"])
    func atomFeed(name: String) throws {
        let site = try makeSite(Self.contents.first { $0.0 == name }!.1)
        defer { site.remove() }
        #expect(!site.build(baseURL: "https://example.org/dossier/").diagnostics.hasErrors)
        let feed = try #require(site.output("feed.xml"))
        let reader = AtomReader()
        let parser = XMLParser(data: Data(feed.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(reader.rootNamespace == "http://www.w3.org/2005/Atom")
        #expect(!reader.entryLinks.isEmpty)
        #expect(reader.entryLinks.allSatisfy { $0.hasPrefix("https://example.org/dossier/articles/") })
        #expect(reader.updated == reader.updated.sorted(by: >))
    }
}

/// Collects what the feed test needs from an Atom document.
final class AtomReader: NSObject, XMLParserDelegate {
    var rootNamespace: String?
    var entryLinks: [String] = []
    var updated: [String] = []
    private var inEntry = false
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if rootNamespace == nil { rootNamespace = attributes["xmlns"] }
        if name == "entry" { inEntry = true }
        if inEntry, name == "link", let href = attributes["href"] { entryLinks.append(href) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "entry" { inEntry = false }
        if inEntry, name == "updated" { updated.append(text) }
    }
}
