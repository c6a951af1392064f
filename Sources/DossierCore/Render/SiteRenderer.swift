import Dispatch
import Foundation

/// Renders every page of a resolved dossier with the templates, in memory; no disk access.
public enum SiteRenderer {
    /// One page to render: its path, template and context.
    struct Page {
        var path: String
        var template: String
        var context: @Sendable () -> [String: TemplateValue]
    }

    /// Renders every page of the site plus `feed.xml`, `sitemap.xml`, `dossier.json` and
    /// `search-index.js`, handing each file to `emit` as soon as it is ready, from several threads
    /// at once (the search index on a thread of its own from the start, while the relations the
    /// rest needs may still be counted). `emit` returns a problem to report, or nil; it must write
    /// a streamed file (pages, `dossier.json`, the search index) before it returns, since the file
    /// is made as it is written; it is not called once `render` has returned. Template errors are
    /// reported once each, however many pages hit them; the problems come back sorted, so the
    /// report does not depend on thread timing.
    /// With a `cache`, a page whose key matches the previous build's is reused instead of rendered.
    /// `leavingMemoryToExit` keeps the pages' plan, with the records it holds, for the process's
    /// exit to give back (see `BuildOptions.leavesMemoryToExit`).
    public static func render(
        _ dossier: ResolvedDossier, templates: TemplateSet, cache: PageCache? = nil,
        leavingMemoryToExit: Bool = false, emit: @escaping @Sendable (OutputFile) -> Diagnostic?
    ) -> Diagnostics {
        var timer = StageTimer()
        // The search index needs no relations: it is written while they may still be counted.
        let searchIndex = BackgroundWork {
            emit(OutputFile(path: "search-index.js") { SearchIndex.render(dossier, emit: $0) })
        }
        let pages = plan(dossier)
        defer { if leavingMemoryToExit { LeftToExit.keep(pages) } }
        timer.mark("records")
        // The feeds come first: they are the longest jobs, and one started last would leave the
        // other cores idle at the end.
        let feeds = 3
        var problems = concurrentMap(feeds + pages.count) { index -> Diagnostic? in
            let file: OutputFile?
            switch index {
            case 0: file = OutputFile(path: "dossier.json") { DossierJSON.render(dossier, emit: $0) }
            case 1: file = OutputFile(path: "feed.xml", text: AtomFeed.render(dossier))
            case 2:
                file = dossier.site.baseURL.map { _ in
                    OutputFile(path: "sitemap.xml", text: Sitemap.render(dossier, pages: pages.map(\.path)))
                }
            default:
                let page = pages[index - feeds]
                let context = page.context()
                if let cache, cache.reuse(path: page.path, key: cache.key(template: page.template, context: context)) {
                    return nil
                }
                // Written as it is rendered, so a page of many megabytes (the timeline of a large
                // dossier) is never held whole; a template error ends the build, so the partial
                // file it leaves is never published.
                let failure = PageFailure()
                let problem = emit(
                    OutputFile(path: page.path) { write in
                        failure.ran = true
                        do throws(Diagnostic) {
                            try templates.render(page.template, context) { (piece: UnsafeRawBufferPointer) in
                                write(piece)
                            }
                        } catch {
                            failure.error = error
                        }
                    })
                assert(failure.ran || problem != nil, "emit must write a streamed page before it returns")
                return failure.error ?? problem
            }
            return file.flatMap(emit)
        }
        problems.append(searchIndex.value())
        var diagnostics = Diagnostics()
        for problem in Set(problems.compactMap { $0 }).sorted(by: { $0.description < $1.description }) {
            diagnostics.report(problem)
        }
        return diagnostics
    }

    /// Every path `render` writes, for checking that static files do not collide with them.
    static func outputPaths(_ dossier: ResolvedDossier) -> [String] {
        // Only the paths are wanted: no contexts nor records.
        pageList(dossier).map(\.path) + [
            "dossier.json", "feed.xml", "sitemap.xml", "search-index.js", SiteWriter.marker,
        ]
    }

    /// What a page shows: one of the site's own pages, or an article, actor or topic (by its
    /// position in the dossier's list).
    enum Subject {
        case home, articleDirectory, actorDirectory, topicDirectory, timeline, search, notFound
        case article(Int), actor(Int), topic(Int)
    }

    /// Every page of the site, in the order they render: its path, template and subject.
    static func pageList(_ dossier: ResolvedDossier) -> [(path: String, template: String, subject: Subject)] {
        var pages: [(path: String, template: String, subject: Subject)] = [
            (SitePaths.home, "index.html", .home),
            (SitePaths.articles, "articles.html", .articleDirectory),
            (SitePaths.actors, "actors.html", .actorDirectory),
            (SitePaths.topics, "topics.html", .topicDirectory),
            (SitePaths.timeline, "timeline.html", .timeline),
            (SitePaths.search, "search.html", .search),
            (SitePaths.notFound, "404.html", .notFound),
        ]
        pages.reserveCapacity(pages.count + dossier.articles.count + dossier.actors.count + dossier.topics.count)
        for (index, article) in dossier.articles.enumerated() {
            pages.append((SitePaths.article(article.slug), "article.html", .article(index)))
        }
        for (index, actor) in dossier.actors.enumerated() {
            pages.append((SitePaths.actor(actor.slug), "actor.html", .actor(index)))
        }
        for (index, topic) in dossier.topics.enumerated() {
            pages.append((SitePaths.topic(topic.slug), "topic.html", .topic(index)))
        }
        return pages
    }

    /// The pages of the site, each with the template that renders it and how its context is made.
    /// The records of the many pages one and two folders deep are built once up front and shared;
    /// pages sit at three depths.
    static func plan(_ dossier: ResolvedDossier) -> [Page] {
        var timer = StageTimer(indent: "  ")
        var recordsByRoot: [String: Records] = ["": Records(dossier, root: "", eager: false)]
        let articles = dossier.articles
        let digests = concurrentMap(articles.count) { index in
            Records.mentionDigest(dossier.articleBodies[articles[index].slug] ?? RenderedMarkdown())
        }
        let mentionDigests = Dictionary(zip(articles.map(\.slug), digests), uniquingKeysWith: { first, _ in first })
        timer.mark("mention digests")
        // The records show counts: from here on, the relations are needed.
        _ = dossier.relations
        timer.mark("relations (what was left to count)")
        for root in ["../", "../../"] {
            recordsByRoot[root] = Records(dossier, root: root, eager: true, mentionDigests: mentionDigests)
        }
        return pageList(dossier).map { path, template, subject in
            let records = recordsByRoot[SitePaths.root(of: path)]!
            return Page(path: path, template: template) {
                let context = PageContext(dossier: dossier, path: path, records: records)
                switch subject {
                case .home: return context.home()
                case .articleDirectory: return context.articleDirectory()
                case .actorDirectory: return context.actorDirectory()
                case .topicDirectory: return context.topicDirectory()
                case .timeline: return context.timeline()
                case .search: return context.search()
                case .notFound: return context.notFound()
                case .article(let index): return context.articlePage(dossier.articles[index])
                case .actor(let index): return context.actorPage(dossier.actors[index])
                case .topic(let index): return context.topicPage(dossier.topics[index])
                }
            }
        }
    }
}

/// The template error of a page rendered while it is written, set from inside the write.
private final class PageFailure: @unchecked Sendable {
    // Set and read on the thread that renders the page: `emit` writes the file before returning.
    var error: Diagnostic?
    /// Whether the page was rendered at all.
    var ran = false
}
