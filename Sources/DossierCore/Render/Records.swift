/// The template records of every actor, topic, article and event, with links relative to one
/// root (`""`, `"../"` or `"../../"`).
///
/// Thousands of pages list the same actors, articles and events; building each record once per
/// root instead of once per appearance is most of what keeps page rendering fast.
final class Records: Sendable {
    /// The relative path from the pages these records serve to the site root.
    let root: String
    private let dossier: ResolvedDossier
    private let actors: [String: [String: TemplateValue]]
    private let topics: [String: [String: TemplateValue]]
    private let articles: [String: TemplateValue]
    private let events: [TemplateValue]
    /// Per article: a hash of its body's mentions, which stands for them in the keys of actor pages.
    private let mentionDigests: [String: StableHash]
    /// The fields of an article's entry on an actor page: the article's, `mention_count`, `mentions`.
    private let entrySchema: RecordSchema?
    /// For each of those fields, in order: its position among an article record's values, or
    /// `Records.mentionCountField` or `Records.mentionsField`.
    private let entrySources: [Int]
    private static let mentionCountField = -1
    private static let mentionsField = -2

    /// Builds every record for pages at `root`; with `eager` false, records are built on demand
    /// (for the few pages at the site root).
    init(_ dossier: ResolvedDossier, root: String, eager: Bool, mentionDigests: [String: StableHash] = [:]) {
        self.root = root
        self.dossier = dossier
        self.mentionDigests = mentionDigests
        guard eager else {
            (actors, topics, articles, events, entrySchema, entrySources) = ([:], [:], [:], [], nil, [])
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
        if case .shared(let first) = shared.first {
            let schema = RecordSchema(first.schema.names + ["mention_count", "mentions"])
            entrySchema = schema
            entrySources = schema.names.map { name in
                switch name {
                case "mention_count": Records.mentionCountField
                case "mentions": Records.mentionsField
                default: first.schema.positions[name]!
                }
            }
        } else {
            (entrySchema, entrySources) = (nil, [])
        }
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

    /// The hash of every mention of a body (its texts and anchor, in order), for `Records.init`.
    static func mentionDigest(_ body: RenderedMarkdown) -> StableHash {
        var hash = StableHash()
        hash.add(body.mentions.count)
        for mention in body.mentions {
            let pieces = mention.pieces
            hash.add(mention.anchor)
            hash.add(pieces.before)
            hash.add(pieces.text)
            hash.add(pieces.after)
        }
        return hash
    }

    /// The article `slug` as an entry of an actor's page: its list fields, plus the actor's
    /// mentions in it (`positions` in its body's mentions), each with its sentence. Made only when
    /// a template reads it, since actor pages hold every mention of a dossier: a page whose key
    /// is unchanged is reused without them. Nil when there is no such article.
    func mentionEntry(article slug: String, positions: [Int32]) -> TemplateValue? {
        let record = article(slug)
        if case .null = record { return nil }
        let (dossier, root) = (dossier, root)
        @Sendable func mentionList() -> TemplateValue {
            let mentions = dossier.articleBodies[slug]?.mentions ?? []
            return .list(positions.map { Records.mention(mentions[Int($0)], in: slug, root: root) })
        }
        guard case .shared(let shared) = record, let entrySchema, let mentions = mentionDigests[slug] else {
            var fields = record.unshared.recordFields
            fields["mention_count"] = .number(positions.count)
            fields["mentions"] = mentionList()
            return .record(fields)
        }
        // Everything the entry is made from: the article's record, the body's mentions, which of them, the root.
        var identity = StableHash()
        identity.add("article entry with mentions")
        identity.add(slug)
        identity.add(root)
        identity.add(shared.digest)
        identity.add(mentions)
        identity.add(positions.count)
        for position in positions { identity.add(Int(position)) }
        let sources = entrySources
        return .shared(
            SharedRecord(schema: entrySchema, identity: identity) {
                let values = shared.values
                return sources.map { source in
                    switch source {
                    case Records.mentionCountField: .number(positions.count)
                    case Records.mentionsField: mentionList()
                    default: values[source]
                    }
                }
            })
    }

    /// A mention with its sentence, linking to its paragraph.
    private static func mention(_ mention: Mention, in articleSlug: String, root: String) -> TemplateValue {
        .record([
            "before": .string(mention.before),
            "text": .string(mention.text),
            "after": .string(mention.after),
            "url": .string(root + SitePaths.article(articleSlug) + "#" + mention.anchor),
            "anchor": .string(mention.anchor),
        ])
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
            // Matched, not compared with `!=`, which would turn each shared record into a dictionary.
            "sources": .list(
                event.sources.map(article).filter {
                    if case .null = $0 { return false }
                    return true
                }),
            "source_count": .number(event.sources.count),
        ]
    }
}
