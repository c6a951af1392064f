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

    /// Every page of the site plus `feed.xml`, `sitemap.xml` and `dossier.json`, sorted by path.
    /// Template errors are reported once each, however many pages hit them.
    public static func render(
        _ dossier: ResolvedDossier, templates: TemplateSet, diagnostics: inout Diagnostics
    ) -> [OutputFile] {
        let pages = plan(dossier)
        let results = ResultSlots<Result<String, Diagnostic>>(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            let page = pages[index]
            do throws(Diagnostic) {
                results.set(index, .success(try templates.render(page.template, page.context())))
            } catch {
                results.set(index, .failure(error))
            }
        }
        var files: [OutputFile] = []
        var reported: Set<Diagnostic> = []
        for (page, result) in zip(pages, results.values) {
            switch result {
            case .success(let html): files.append(OutputFile(path: page.path, text: html))
            case .failure(let problem):
                if reported.insert(problem).inserted { diagnostics.report(problem) }
            }
        }
        files.append(OutputFile(path: "dossier.json", text: DossierJSON.render(dossier)))
        files.append(OutputFile(path: "feed.xml", text: AtomFeed.render(dossier)))
        if dossier.site.baseURL != nil {
            files.append(OutputFile(path: "sitemap.xml", text: Sitemap.render(dossier, pages: pages.map(\.path))))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The pages of the site, each with the template that renders it.
    static func plan(_ dossier: ResolvedDossier) -> [Page] {
        func page(
            _ path: String, _ template: String, _ build: @escaping @Sendable (PageContext) -> [String: TemplateValue]
        )
            -> Page
        {
            Page(path: path, template: template) { build(PageContext(dossier: dossier, path: path)) }
        }
        var pages = [
            page(SitePaths.home, "index.html") { $0.home() },
            page(SitePaths.articles, "articles.html") { $0.articleDirectory() },
            page(SitePaths.actors, "actors.html") { $0.actorDirectory() },
            page(SitePaths.topics, "topics.html") { $0.topicDirectory() },
            page(SitePaths.timeline, "timeline.html") { $0.timeline() },
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
