/// The template records of every actor, topic, article and event, with links relative to one
/// root (`""`, `"../"` or `"../../"`).
///
/// Thousands of pages list the same actors, articles and events; building each record once per
/// root instead of once per appearance is most of what keeps page rendering fast.
struct Records: Sendable {
    /// The relative path from the pages these records serve to the site root.
    let root: String
    private let dossier: ResolvedDossier
    private let actors: [String: [String: TemplateValue]]
    private let topics: [String: [String: TemplateValue]]
    private let articles: [String: TemplateValue]
    private let events: [TemplateValue]

    /// Builds every record for pages at `root`; with `eager` false, records are built on demand
    /// (for the few pages at the site root).
    init(_ dossier: ResolvedDossier, root: String, eager: Bool) {
        self.root = root
        self.dossier = dossier
        guard eager else {
            (actors, topics, articles, events) = ([:], [:], [:], [])
            return
        }
        let builder = RecordBuilder(dossier: dossier, root: root)
        var actors: [String: [String: TemplateValue]] = [:]
        for actor in dossier.actors { actors[actor.slug] = builder.actor(actor.slug) }
        var topics: [String: [String: TemplateValue]] = [:]
        for topic in dossier.topics { topics[topic.slug] = builder.topic(topic.slug) }
        // Articles and events are shared: hashed once here, on every core, rather than once on
        // each of the many pages that list them, and kept compactly, since every page two
        // folders deep draws on them.
        let articleList = dossier.articles
        let shared = Records.shareAll(articleList.count) { builder.article(articleList[$0]) }
        var articles: [String: TemplateValue] = [:]
        for (article, record) in zip(articleList, shared) { articles[article.slug] = record }
        self.actors = actors
        self.topics = topics
        self.articles = articles
        let (sharedActors, sharedTopics, sharedArticles) = (actors, topics, articles)
        self.events = Records.shareAll(dossier.events.count) { index in
            builder.event(
                index, actor: { sharedActors[$0].map(TemplateValue.record) ?? .null },
                topic: { sharedTopics[$0].map(TemplateValue.record) ?? .null },
                article: { sharedArticles[$0] ?? .null })
        }
    }

    /// `count` records made by `make`, all with the same fields, as shared records under one schema
    /// (taken from the first), made on every core.
    private static func shareAll(_ count: Int, _ make: @Sendable (Int) -> [String: TemplateValue]) -> [TemplateValue] {
        guard count > 0 else { return [] }
        let first = make(0)
        let schema = RecordSchema(first.keys)
        return concurrentMap(count) { index in
            .shared(SharedRecord(index == 0 ? first : make(index), schema: schema))
        }
    }

    /// An article as a list entry.
    func article(_ slug: String) -> TemplateValue {
        if let cached = articles[slug] { return cached }
        guard let article = dossier.articlesBySlug[slug] else { return .null }
        return .record(RecordBuilder(dossier: dossier, root: root).article(article))
    }

    /// An actor as a link, with a count when one is given.
    func actor(_ slug: String, count: Int? = nil) -> TemplateValue {
        guard var fields = actors[slug] ?? RecordBuilder(dossier: dossier, root: root).actor(slug) else {
            return .null
        }
        if let count { fields["count"] = .number(count) }
        return .record(fields)
    }

    /// A topic as a link, with a count when one is given.
    func topic(_ slug: String, count: Int? = nil) -> TemplateValue {
        guard var fields = topics[slug] ?? RecordBuilder(dossier: dossier, root: root).topic(slug) else {
            return .null
        }
        if let count { fields["count"] = .number(count) }
        return .record(fields)
    }

    /// An event with its date at its precision, links to its actors, topics and sources.
    func event(_ index: Int) -> TemplateValue {
        if index < events.count { return events[index] }
        return .record(
            RecordBuilder(dossier: dossier, root: root).event(
                index, actor: { actor($0) }, topic: { topic($0) }, article: { article($0) }))
    }

    /// Text or null.
    static func optional(_ text: String?) -> TemplateValue {
        text.map { .string($0) } ?? .null
    }
}

/// Makes one record from the dossier; `Records` keeps what it makes.
private struct RecordBuilder {
    /// The dossier the records come from.
    let dossier: ResolvedDossier
    /// The relative path to the site root.
    let root: String

    /// A site path made relative to the pages.
    func url(_ sitePath: String) -> TemplateValue { .string(root + sitePath) }

    /// An article's fields.
    func article(_ article: Article) -> [String: TemplateValue] {
        [
            "slug": .string(article.slug),
            "title": .string(article.title),
            "url": url(SitePaths.article(article.slug)),
            "date": .string(article.date.description),
            "date_readable": .string(article.date.readable),
            "publication": Records.optional(article.publication),
            "author": Records.optional(article.author),
            "summary": Records.optional(article.summary),
        ]
    }

    /// An actor's fields, with a null count.
    func actor(_ slug: String) -> [String: TemplateValue]? {
        guard let actor = dossier.actorsBySlug[slug] else { return nil }
        return [
            "slug": .string(slug),
            "name": .string(actor.name),
            "url": url(SitePaths.actor(slug)),
            "kind": Records.optional(actor.kind?.rawValue),
            "role": Records.optional(actor.role),
            "count": .null,
            "mentions": .number(dossier.relations.mentionCount[slug] ?? 0),
        ]
    }

    /// A topic's fields, with a null count.
    func topic(_ slug: String) -> [String: TemplateValue]? {
        guard let topic = dossier.topicsBySlug[slug] else { return nil }
        return [
            "slug": .string(slug),
            "title": .string(topic.title),
            "url": url(SitePaths.topic(slug)),
            "summary": Records.optional(topic.summary),
            "count": .null,
            "article_count": .number(dossier.relations.articlesOfTopic[slug]?.count ?? 0),
            "event_count": .number(dossier.relations.eventsOfTopic[slug]?.count ?? 0),
        ]
    }

    /// An event's fields, its actors, topics and sources made by the given functions.
    func event(
        _ index: Int, actor: (String) -> TemplateValue, topic: (String) -> TemplateValue,
        article: (String) -> TemplateValue
    ) -> [String: TemplateValue] {
        let event = dossier.events[index]
        return [
            "id": .string(event.id),
            "anchor": .string(event.anchor),
            "url": url(SitePaths.event(event)),
            "date": .string(event.date.description),
            "date_readable": .string(event.date.readable),
            "precision": .string(event.date.precision.name),
            "year": .string(String(event.date.year)),
            "title": .string(event.title),
            "place": Records.optional(event.place),
            "actors": .list(event.actors.map(actor)),
            "topics": .list(event.topics.map(topic)),
            "sources": .list(event.sources.map(article).filter { $0 != .null }),
            "source_count": .number(event.sources.count),
        ]
    }
}
