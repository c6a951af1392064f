/// `dossier.json`: the whole graph for other tools — articles with their mentions, actors, topics
/// and events with their sources — in a stable order (articles newest first, actors by name,
/// topics by title, events by date).
enum DossierJSON {
    /// The JSON text.
    static func render(_ dossier: ResolvedDossier) -> String {
        let relations = dossier.relations
        func article(_ article: Article) -> JSONValue {
            let body = dossier.articleBodies[article.slug]
            return .object([
                ("slug", .string(article.slug)),
                ("url", .string(SitePaths.article(article.slug))),
                ("title", .string(article.title)),
                ("date", .string(article.date.description)),
                ("publication", .optional(article.publication)),
                ("author", .optional(article.author)),
                ("source_url", .optional(article.sourceURL)),
                ("summary", .optional(article.summary)),
                ("draft", .bool(article.draft)),
                ("topics", .strings((relations.topicsOfArticle[article.slug] ?? []).map(\.slug))),
                ("actors", .strings((relations.actorsOfArticle[article.slug] ?? []).map(\.slug))),
                ("events", .strings((relations.eventsOfArticle[article.slug] ?? []).map { dossier.events[$0].id })),
                ("notes", .strings(article.notes.map(\.id))),
                ("cited_by", .strings(relations.citedBy[article.slug] ?? [])),
                ("mentions", .array((body?.mentions ?? []).map(mention))),
            ])
        }
        func actor(_ actor: Actor) -> JSONValue {
            .object([
                ("slug", .string(actor.slug)),
                ("url", .string(SitePaths.actor(actor.slug))),
                ("name", .string(actor.name)),
                ("aliases", .strings(actor.aliases)),
                ("kind", .optional(actor.kind?.rawValue)),
                ("role", .optional(actor.role)),
                ("country", .optional(actor.country)),
                ("mention_count", .number(relations.mentionCount[actor.slug] ?? 0)),
                ("articles", .strings(relations.articlesOfActor[actor.slug] ?? [])),
                ("events", .strings((relations.eventsOfActor[actor.slug] ?? []).map { dossier.events[$0].id })),
            ])
        }
        func topic(_ topic: Topic) -> JSONValue {
            .object([
                ("slug", .string(topic.slug)),
                ("url", .string(SitePaths.topic(topic.slug))),
                ("title", .string(topic.title)),
                ("summary", .optional(topic.summary)),
                ("articles", .strings(relations.articlesOfTopic[topic.slug] ?? [])),
                ("events", .strings((relations.eventsOfTopic[topic.slug] ?? []).map { dossier.events[$0].id })),
            ])
        }
        func event(_ event: Event) -> JSONValue {
            .object([
                ("id", .string(event.id)),
                ("url", .string(SitePaths.event(event))),
                ("date", .string(event.date.description)),
                ("precision", .string(event.date.precision.name)),
                ("title", .string(event.title)),
                ("place", .optional(event.place)),
                ("actors", .strings(event.actors)),
                ("topics", .strings(event.topics)),
                ("sources", .strings(event.sources)),
            ])
        }
        let site = dossier.site
        return JSONValue.streamObject([
            ("title", { JSONValue.string(site.title).write(to: &$0, indent: 1) }),
            ("description", { JSONValue.optional(site.description).write(to: &$0, indent: 1) }),
            ("base_url", { JSONValue.optional(site.baseURL).write(to: &$0, indent: 1) }),
            ("language", { JSONValue.string(site.language).write(to: &$0, indent: 1) }),
            ("articles", { JSONValue.streamArray(dossier.articles, to: &$0, make: article) }),
            ("actors", { JSONValue.streamArray(dossier.actors, to: &$0, make: actor) }),
            ("topics", { JSONValue.streamArray(dossier.topics, to: &$0, make: topic) }),
            ("events", { JSONValue.streamArray(dossier.events, to: &$0, make: event) }),
        ])
    }

    private static func mention(_ mention: Mention) -> JSONValue {
        let (type, slug): (String, String)
        switch mention.target {
        case .actor(let actor): (type, slug) = ("actor", actor)
        case .topic(let topic): (type, slug) = ("topic", topic)
        }
        return .object([
            ("type", .string(type)),
            ("target", .string(slug)),
            ("anchor", .string(mention.anchor)),
            ("text", .string(mention.text)),
            ("before", .string(mention.before)),
            ("after", .string(mention.after)),
            ("line", .number(mention.location.line)),
        ])
    }
}
