import Foundation
import Testing

@testable import DossierCore

/// Reads generated pages back and checks what they say about each other.
@Suite("Pages and their relations")
struct PageRelationTests {
    let site: TestSite

    init() throws {
        site = try TestSite(Fixtures.relations)
        let report = site.build(baseURL: "https://example.org/dossier")
        #expect(texts(report.diagnostics) == [])
    }

    @Test("an actor page lists each mention's sentence, linking to its paragraph")
    func actorMentions() throws {
        defer { site.remove() }
        let html = try #require(site.output("actors/alexander-lukashenko/index.html"))
        #expect(html.contains("<h1>Alexander Lukashenko</h1>"))
        #expect(html.contains("Lukashenka, Alyaksandr Lukashenka"))
        #expect(
            html.contains(
                #"<a href="../../articles/first-report/index.html#p-1">¶</a>  <mark>Lukashenka</mark> in Minsk."#)
                || html.contains(
                    #"<a href="../../articles/first-report/index.html#p-1">¶</a> Putin met <mark>Lukashenka</mark> in Minsk."#
                ))
        #expect(
            html.contains(
                #"<a href="../../articles/second-report/index.html#p-1">¶</a> As the first report said, <mark>the president</mark> agreed."#
            ))
        // Newest article first.
        let second = try #require(html.range(of: "Second report"))
        let first = try #require(html.range(of: "First report</a></h3>"))
        #expect(second.lowerBound < first.lowerBound)
        // Appears with Putin (same paragraph).
        #expect(
            html.contains(
                #"<a class="chip actor" href="../../actors/vladimir-putin/index.html">Vladimir Putin</a> <span class="count">1</span>"#
            ))
    }

    @Test("an event reported by two articles shows both sources, at its precision")
    func multiSourceEvent() throws {
        defer { site.remove() }
        let html = try #require(site.output("timeline/index.html"))
        #expect(html.contains(#"id="event-border-opened""#))
        #expect(html.contains(#"<time class="event-date" datetime="1995">1995</time>"#))
        #expect(html.contains("Reported by 2 sources:"))
        #expect(html.contains(#"<time class="event-date" datetime="2017-01-09">9 January 2017</time>"#))
        let year1995 = try #require(html.range(of: #"<h2 id="year-1995">"#))
        let year2017 = try #require(html.range(of: #"<h2 id="year-2017">"#))
        #expect(year1995.lowerBound < year2017.lowerBound)
    }

    @Test("article pages list a much-reported event briefly and link to the timeline, which lists it all")
    func briefEventsOnArticlePages() throws {
        defer { site.remove() }
        var files = ["index.md": minimalIndex, "topics/test-topic.md": "---\ntitle: Test topic\n---\n"]
        let actors = (1...7).map { "actor-\($0)" }
        for actor in actors { files["actors/\(actor).md"] = "---\nname: Person \(actor.dropFirst(6))\n---\n" }
        for number in 1...5 {
            files["articles/report-\(number).md"] = """
                ---
                title: Report \(number)
                date: 2020-01-0\(number)
                events:
                  - id: summit
                    date: 2019-12
                    title: The summit
                    actors: [\(actors.joined(separator: ", "))]
                ---
                Text.
                """
        }
        let crowded = try TestSite(files)
        defer { crowded.remove() }
        #expect(texts(crowded.build().diagnostics) == [])
        let page = try #require(crowded.output("articles/report-1/index.html"))
        let article = try #require(
            page.components(separatedBy: #"<h2 id="events">"#).last?.components(separatedBy: "</section>").first)
        #expect(article.contains("Reported by 5 sources:"))
        #expect(article.components(separatedBy: "<a class=\"chip actor\"").count - 1 == 5)
        #expect(article.contains(#" and <a href="../../timeline/index.html#event-summit">2 more</a>. "#))
        #expect(article.contains(#"; <a href="../../timeline/index.html#event-summit">2 more on the timeline</a>"#))
        #expect(article.components(separatedBy: "<a href=\"../../articles/report-").count - 1 == 3)
        let timeline = try #require(crowded.output("timeline/index.html"))
        #expect(timeline.components(separatedBy: "<a class=\"chip actor\"").count - 1 == 7)
        #expect(timeline.components(separatedBy: "<a href=\"../articles/report-").count - 1 == 5)
        #expect(!timeline.contains("more on the timeline"))
    }

    @Test("the timeline carries an accessible SVG chart with one mark per event, shaped by precision")
    func timelineChart() throws {
        defer { site.remove() }
        let html = try #require(site.output("timeline/index.html"))
        #expect(html.contains(#"aria-labelledby="chart-title chart-description" xmlns"#))
        #expect(html.contains(#"<title id="chart-title">Timeline of 2 events, 1995 to 2017</title>"#))
        let svg = try #require(html.components(separatedBy: "<svg").last?.components(separatedBy: "</svg>").first)
        #expect(svg.components(separatedBy: "<a href=\"../timeline/index.html#event-").count - 1 == 2)
        #expect(html.contains(#"<title>1995: The border controls are lifted</title><rect class="mark year""#))
        #expect(html.contains(#"<title>9 January 2017: Visa-free entry begins</title><circle class="mark day""#))
    }

    @Test("an article page shows its metadata, events, actors and who cites it")
    func articlePage() throws {
        defer { site.remove() }
        let html = try #require(site.output("articles/first-report/index.html"))
        #expect(html.contains(#"<time datetime="2017-02">February 2017</time>"#))
        #expect(html.contains(#"<h2 id="cited-by">Cited by</h2>"#))
        #expect(
            html.contains(#"<a class="article-title" href="../../articles/second-report/index.html">Second report</a>"#)
        )
        #expect(
            html.contains(
                #"<a class="chip actor" href="../../actors/vladimir-putin/index.html">Vladimir Putin</a> <span class="count" title="mentions">2</span>"#
            ))
        #expect(html.contains("Events reported"))
    }

    @Test("a topic page lists its articles, events and most mentioned actors")
    func topicPage() throws {
        defer { site.remove() }
        let html = try #require(site.output("topics/border-controls/index.html"))
        #expect(
            html.contains(#"<a class="article-title" href="../../articles/first-report/index.html">First report</a>"#))
        #expect(html.contains("The border controls are lifted"))
        // Russia: 1 mention in first-report, plus 2 events of the topic (one event, two reports merged = 1).
        #expect(
            html.contains(
                #"<a class="chip actor" href="../../actors/russia/index.html">Russia</a> "#
                    + #"<span class="count">2</span>"#))
    }

    @Test("directories group actors by kind with mention counts, and count topics' articles and events")
    func directories() throws {
        defer { site.remove() }
        let actors = try #require(site.output("actors/index.html"))
        let people = try #require(actors.range(of: #"<h2 id="kind-person">People</h2>"#))
        let states = try #require(actors.range(of: #"<h2 id="kind-state">States</h2>"#))
        #expect(people.lowerBound < states.lowerBound)
        #expect(
            actors.contains(
                #"<a href="../actors/alexander-lukashenko/index.html">Alexander Lukashenko</a> "#
                    + #"<span class="role">— President of Belarus</span> <span class="count" title="mentions">2</span>"#
            ))
        let topics = try #require(site.output("topics/index.html"))
        #expect(
            topics.contains(
                #"<a href="../topics/border-controls/index.html">Border controls</a> "#
                    + #"<span class="meta">1 article, 1 event</span>"#))
        let articles = try #require(site.output("articles/index.html"))
        let second = try #require(articles.range(of: "Second report"))
        let first = try #require(articles.range(of: "First report"))
        #expect(second.lowerBound < first.lowerBound)
    }

    @Test("the search page works without JavaScript and its index covers every kind of page")
    func search() throws {
        defer { site.remove() }
        let page = try #require(site.output("search/index.html"))
        #expect(page.contains(#"<form class="search-form" role="search""#))
        #expect(page.contains(#"browse the <a href="../articles/index.html">articles</a>"#))
        #expect(page.contains(#"<script src="../search-index.js"></script>"#))
        let index = try #require(site.output("search-index.js"))
        #expect(index.hasPrefix("window.DOSSIER_SEARCH_INDEX = ["))
        let json = String(index.dropFirst("window.DOSSIER_SEARCH_INDEX = ".count).dropLast(2))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(Set(entries.compactMap { $0["kind"] }) == ["article", "actor", "topic", "event"])
        let lukashenko = try #require(entries.first { $0["path"] == "actors/alexander-lukashenko/index.html" })
        #expect(lukashenko["words"]?.contains("alyaksandr lukashenka") == true)
    }

    @Test("feed, sitemap and dossier.json are written and parse")
    func machineReadable() throws {
        defer { site.remove() }
        let feed = try #require(site.output("feed.xml"))
        #expect(
            feed.contains(
                "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/dossier/articles/second-report/index.html\"/>"
            ))
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/dossier/actors/russia/index.html</loc>"))
        let json = try #require(site.output("dossier.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles.map { $0["slug"] as? String } == ["second-report", "first-report"])
        let events = try #require(object["events"] as? [[String: Any]])
        let opened = try #require(events.first { $0["id"] as? String == "border-opened" })
        #expect(opened["sources"] as? [String] == ["first-report", "second-report"])
        #expect(opened["precision"] as? String == "year")
    }
}
