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

    /// Renders every page of the site plus `feed.xml`, `sitemap.xml` and `dossier.json`, handing
    /// each file to `emit` as soon as it is ready, from several threads at once. `emit` returns
    /// a problem to report, or nil; it must write a streamed file (pages, `dossier.json`, the
    /// search index) before it returns, since the file is made as it is written. Template errors are reported once each, however many pages
    /// hit them; the problems come back sorted, so the report does not depend on thread timing.
    /// With a `cache`, a page whose key matches the previous build's is reused instead of rendered.
    /// `leavingMemoryToExit` keeps the pages' plan, with the records it holds, for the process's
    /// exit to give back (see `BuildOptions.leavesMemoryToExit`).
    public static func render(
        _ dossier: ResolvedDossier, templates: TemplateSet, cache: PageCache? = nil,
        leavingMemoryToExit: Bool = false, emit: @Sendable (OutputFile) -> Diagnostic?
    ) -> Diagnostics {
        var timer = StageTimer()
        let pages = plan(dossier)
        defer { if leavingMemoryToExit { LeftToExit.keep(pages) } }
        timer.mark("records")
        // The feeds come first: they are the longest jobs, and one started last would leave the
        // other cores idle at the end.
        let feeds = 4
        let problems = concurrentMap(feeds + pages.count) { index -> Diagnostic? in
            let file: OutputFile?
            switch index {
            case 0: file = OutputFile(path: "dossier.json") { DossierJSON.render(dossier, emit: $0) }
            case 1: file = OutputFile(path: "feed.xml", text: AtomFeed.render(dossier))
            case 3: file = OutputFile(path: "search-index.js") { SearchIndex.render(dossier, emit: $0) }
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
        var diagnostics = Diagnostics()
        for problem in Set(problems.compactMap { $0 }).sorted(by: { $0.description < $1.description }) {
            diagnostics.report(problem)
        }
        return diagnostics
    }

    /// Every path `render` writes, for checking that static files do not collide with them.
    static func outputPaths(_ dossier: ResolvedDossier) -> [String] {
        // Only the paths are wanted: no records need building.
        plan(dossier, eagerRecords: false).map(\.path) + [
            "dossier.json", "feed.xml", "sitemap.xml", "search-index.js", SiteWriter.marker,
        ]
    }

    /// The pages of the site, each with the template that renders it.
    /// With `eagerRecords`, the records of the many pages one and two folders deep are built once
    /// up front and shared; pages sit at three depths.
    static func plan(_ dossier: ResolvedDossier, eagerRecords: Bool = true) -> [Page] {
        var recordsByRoot: [String: Records] = ["": Records(dossier, root: "", eager: false)]
        let articles = dossier.articles
        let digests =
            eagerRecords
            ? concurrentMap(articles.count) { index in
                Records.mentionDigest(dossier.articleBodies[articles[index].slug] ?? RenderedMarkdown())
            } : []
        let mentionDigests = Dictionary(zip(articles.map(\.slug), digests), uniquingKeysWith: { first, _ in first })
        for root in ["../", "../../"] {
            recordsByRoot[root] = Records(dossier, root: root, eager: eagerRecords, mentionDigests: mentionDigests)
        }
        func page(
            _ path: String, _ template: String, _ build: @escaping @Sendable (PageContext) -> [String: TemplateValue]
        ) -> Page {
            let records = recordsByRoot[SitePaths.root(of: path)]!
            return Page(path: path, template: template) {
                build(PageContext(dossier: dossier, path: path, records: records))
            }
        }
        var pages = [
            page(SitePaths.home, "index.html") { $0.home() },
            page(SitePaths.articles, "articles.html") { $0.articleDirectory() },
            page(SitePaths.actors, "actors.html") { $0.actorDirectory() },
            page(SitePaths.topics, "topics.html") { $0.topicDirectory() },
            page(SitePaths.timeline, "timeline.html") { $0.timeline() },
            page(SitePaths.search, "search.html") { $0.search() },
            page(SitePaths.notFound, "404.html") { $0.notFound() },
        ]
        for article in dossier.articles {
            pages.append(page(SitePaths.article(article.slug), "article.html") { $0.articlePage(article) })
        }
        for actor in dossier.actors {
            pages.append(page(SitePaths.actor(actor.slug), "actor.html") { $0.actorPage(actor) })
        }
        for topic in dossier.topics {
            pages.append(page(SitePaths.topic(topic.slug), "topic.html") { $0.topicPage(topic) })
        }
        return pages
    }
}

/// The template error of a page rendered while it is written, set from inside the write.
private final class PageFailure: @unchecked Sendable {
    // Set and read on the thread that renders the page: `emit` writes the file before returning.
    var error: Diagnostic?
    /// Whether the page was rendered at all.
    var ran = false
}
