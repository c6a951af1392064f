import Dispatch
import Foundation

/// Resolves a parsed dossier: renders every body with its annotations (in parallel), merges the
/// events the articles report, checks every cross reference and derives the relations.
public enum Resolver {
    /// The relative path from a page one section deep (`articles/x/index.html`) to the root.
    static let sectionRoot = SitePaths.root(of: SitePaths.article("x"))

    /// Resolves `dossier`; drafts are left out unless `includeDrafts`.
    public static func resolve(_ dossier: Dossier, includeDrafts: Bool) -> (ResolvedDossier, Diagnostics) {
        var diagnostics = Diagnostics()
        let targets = LinkTargets(dossier, includeDrafts: includeDrafts)
        var articles = dossier.articles
            .filter { includeDrafts || !$0.draft }
            .sorted { ($1.date, $0.slug) < ($0.date, $1.slug) }
        checkFrontMatterReferences(articles, targets: targets, diagnostics: &diagnostics)

        var jobs: [(MarkdownSource, AnnotationRenderer.Settings)] = []
        for article in articles {
            jobs.append(
                (article.body, .init(targets: targets, root: sectionRoot, notes: article.notes, acceptsNotes: true)))
        }
        for actor in dossier.actors { jobs.append((actor.body, .init(targets: targets, root: sectionRoot))) }
        for topic in dossier.topics { jobs.append((topic.body, .init(targets: targets, root: sectionRoot))) }
        jobs.append((dossier.site.body, .init(targets: targets, root: "")))
        let rendered = renderInParallel(jobs)
        for (_, problems) in rendered { diagnostics.merge(problems) }

        var next = 0
        func take<T>(_ items: [T], key: (T) -> String) -> [String: RenderedMarkdown] {
            var bodies: [String: RenderedMarkdown] = [:]
            for item in items {
                bodies[key(item)] = rendered[next].0
                next += 1
            }
            return bodies
        }
        let articleBodies = take(articles, key: \.slug)
        let actorBodies = take(dossier.actors, key: \.slug)
        let topicBodies = take(dossier.topics, key: \.slug)
        let indexBody = rendered[next].0

        let allBodies = [articleBodies, actorBodies, topicBodies, ["": indexBody]]
        checkFragments(allBodies, articleBodies: articleBodies, diagnostics: &diagnostics)
        let events = EventMerger.merge(articles, diagnostics: &diagnostics)
        let relations = RelationBuilder(articles: articles, bodies: articleBodies, events: events).build()
        // The Markdown is rendered: what the rest of the build keeps is lighter without it.
        func withoutBody<T>(_ item: T, _ body: WritableKeyPath<T, MarkdownSource>) -> T {
            var item = item
            item[keyPath: body].text = ""
            return item
        }
        articles = articles.map { withoutBody($0, \.body) }
        let site = withoutBody(dossier.site, \.body)
        let actors = dossier.actors.map { withoutBody($0, \.body) }
        let topics = dossier.topics.map { withoutBody($0, \.body) }
        let resolved = ResolvedDossier(
            site: site,
            articles: articles,
            actors: actors.sorted { ($0.name.lowercased(), $0.slug) < ($1.name.lowercased(), $1.slug) },
            topics: topics.sorted { ($0.title.lowercased(), $0.slug) < ($1.title.lowercased(), $1.slug) },
            events: events,
            articleBodies: articleBodies,
            actorBodies: actorBodies,
            topicBodies: topicBodies,
            indexBody: indexBody,
            relations: relations,
            actorsBySlug: Dictionary(actors.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }),
            topicsBySlug: Dictionary(topics.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }),
            articlesBySlug: Dictionary(articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }))
        return (resolved, diagnostics)
    }

    /// Renders bodies on every core; results keep the jobs' order, so output stays deterministic.
    static func renderInParallel(
        _ jobs: [(MarkdownSource, AnnotationRenderer.Settings)]
    ) -> [(RenderedMarkdown, Diagnostics)] {
        concurrentMap(jobs.count) { AnnotationRenderer.render(jobs[$0].0, settings: jobs[$0].1) }
    }

    private static func checkFrontMatterReferences(
        _ articles: [Article], targets: LinkTargets, diagnostics: inout Diagnostics
    ) {
        func check(_ references: [SlugReference], actors: Bool) {
            for reference in references {
                let known = actors ? targets.actors : targets.topics
                guard known[reference.slug] == nil else { continue }
                diagnostics.error(
                    "unknown \(actors ? "actor" : "topic") '\(reference.slug)'", at: reference.location,
                    notes: NearMatch.note(for: reference.slug, among: known.keys))
            }
        }
        for article in articles {
            check(article.actors, actors: true)
            check(article.topics, actors: false)
            for event in article.events {
                check(event.actors, actors: true)
                check(event.topics, actors: false)
            }
        }
    }

    private static func checkFragments(
        _ groups: [[String: RenderedMarkdown]], articleBodies: [String: RenderedMarkdown],
        diagnostics: inout Diagnostics
    ) {
        for group in groups {
            for key in group.keys.sorted() {
                for reference in group[key]!.articleReferences {
                    guard let fragment = reference.fragment, let target = articleBodies[reference.slug] else {
                        continue
                    }
                    if !target.anchors.contains(fragment) {
                        diagnostics.error(
                            "article '\(reference.slug)' has no '#\(fragment)'", at: reference.location,
                            notes: ["its paragraphs are #p-1 to #p-\(target.paragraphCount)"])
                    }
                }
            }
        }
    }
}
