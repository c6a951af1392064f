import Dispatch
import Foundation

/// Resolves a parsed dossier: renders every body with its annotations (in parallel), merges the
/// events the articles report, checks every cross reference and derives the relations.
public enum Resolver {
    /// The relative path from a page one section deep (`articles/x/index.html`) to the root.
    static let sectionRoot = SitePaths.root(of: SitePaths.article("x"))

    /// Resolves `dossier`; drafts are left out unless `includeDrafts`. The Markdown sources are
    /// taken out of the dossier and each is released as soon as its body is rendered, so the
    /// sources and the rendered bodies are never all in memory at once (pass the dossier with
    /// `consume` for that to hold).
    /// With a `cache`, bodies it holds are taken from it instead of rendered, and every body
    /// rendered without diagnostics is kept in it for `BodyCache.save()`.
    public static func resolve(_ dossier: consuming Dossier, includeDrafts: Bool, cache: BodyCache? = nil)
        -> (ResolvedDossier, Diagnostics)
    {
        var diagnostics = Diagnostics()
        var timer = StageTimer(indent: "  ")
        let targets = LinkTargets(copy dossier, includeDrafts: includeDrafts)
        var articles = dossier.articles
            .filter { includeDrafts || !$0.draft }
            .sorted { ($1.date, $0.slug) < ($0.date, $1.slug) }
        dossier.articles = []

        var sources: [MarkdownSource] = []
        var settings: [AnnotationRenderer.Settings] = []
        for index in articles.indices {
            sources.append(takeBody(&articles[index], \.body))
            settings.append(
                .init(targets: targets, root: sectionRoot, notes: articles[index].notes, acceptsNotes: true))
        }
        for index in dossier.actors.indices {
            sources.append(takeBody(&dossier.actors[index], \.body))
            settings.append(.init(targets: targets, root: sectionRoot))
        }
        for index in dossier.topics.indices {
            sources.append(takeBody(&dossier.topics[index], \.body))
            settings.append(.init(targets: targets, root: sectionRoot))
        }
        sources.append(takeBody(&dossier.site, \.body))
        settings.append(.init(targets: targets, root: ""))
        timer.mark("link targets")
        // Checking the front matter and merging the events need no bodies: they run on a thread of
        // their own while the bodies render, instead of one after the other on one core.
        let articlesWithoutBodies = articles
        let merging = BackgroundWork { [targets] in
            var problems = Diagnostics()
            checkFrontMatterReferences(articlesWithoutBodies, targets: targets, diagnostics: &problems)
            let checked = problems
            problems = Diagnostics()
            let events = EventMerger.merge(articlesWithoutBodies, diagnostics: &problems)
            return (checked, events, problems)
        }
        let rendered = renderInParallel(TakeOnce(consume sources), settings: settings, cache: cache)
        timer.mark("bodies")
        let (frontMatterProblems, events, eventProblems) = merging.value()
        timer.mark("events (while bodies rendered)")
        diagnostics.merge(frontMatterProblems)
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

        // The relations are counted on a thread of their own, one core's work, while the build
        // goes on with what needs none (the fragment check here; the page list, the search index
        // and the mention digests after); what needs them waits (`ResolvedDossier.relations`).
        // A build that fails before rendering lets the count finish unread.
        let counting = BackgroundWork { [articles, events] in
            RelationBuilder(articles: articles, bodies: articleBodies, events: events).build()
        }
        checkFragments(
            [articleBodies, actorBodies, topicBodies, ["": indexBody]], articleBodies: articleBodies,
            diagnostics: &diagnostics)
        diagnostics.merge(eventProblems)
        timer.mark("fragments (while relations are counted)")
        let actors = dossier.actors
        let topics = dossier.topics
        let resolved = ResolvedDossier(
            site: dossier.site,
            articles: articles,
            actors: actors.sorted { ($0.name.lowercased(), $0.slug) < ($1.name.lowercased(), $1.slug) },
            topics: topics.sorted { ($0.title.lowercased(), $0.slug) < ($1.title.lowercased(), $1.slug) },
            events: events,
            articleBodies: articleBodies,
            actorBodies: actorBodies,
            topicBodies: topicBodies,
            indexBody: indexBody,
            counting: counting,
            actorsBySlug: Dictionary(actors.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }),
            topicsBySlug: Dictionary(topics.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }),
            articlesBySlug: Dictionary(articles.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first }))
        return (resolved, diagnostics)
    }

    /// Moves the Markdown source out of `item`, leaving an empty text behind.
    private static func takeBody<T>(_ item: inout T, _ body: WritableKeyPath<T, MarkdownSource>) -> MarkdownSource {
        let source = item[keyPath: body]
        item[keyPath: body].text = ""
        return source
    }

    /// Renders bodies on every core, each source released once rendered (or taken from `cache`);
    /// results keep the sources' order, so output stays deterministic.
    static func renderInParallel(
        _ sources: TakeOnce<MarkdownSource>, settings: [AnnotationRenderer.Settings], cache: BodyCache?
    ) -> [(RenderedMarkdown, Diagnostics)] {
        guard let cache else {
            return concurrentMap(settings.count) { AnnotationRenderer.render(sources.take($0), settings: settings[$0]) }
        }
        cache.prepare(count: settings.count)
        return concurrentMap(settings.count) { index in
            let source = sources.take(index)
            let key = BodyCache.key(source, settings[index])
            if let body = cache.reuse(index, key: key, targets: settings[index].targets) {
                return (body, Diagnostics())
            }
            let (body, problems, dependencies) = AnnotationRenderer.renderTracked(source, settings: settings[index])
            if problems.all.isEmpty { cache.keep(index, key: key, body: body, dependencies: dependencies) }
            return (body, problems)
        }
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
