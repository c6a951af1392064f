/// `dossier.json`: the whole graph for other tools — articles with their mentions, actors, topics
/// and events with their sources — in a stable order (articles newest first, actors by name,
/// topics by title, events by date).
///
/// The text is compact, with each article, actor, topic and event on a line of its own, and is
/// handed over in pieces of about a megabyte as it is made: on a big dossier it is the largest file.
enum DossierJSON {
    /// Makes the JSON text, handing it to `emit` piece by piece.
    static func render(_ dossier: ResolvedDossier, emit: (String) -> Void) {
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
        JSONStream.write(to: emit) { stream in
            stream.raw("{")
            for (key, value) in [
                ("title", JSONValue.string(site.title)), ("description", .optional(site.description)),
                ("base_url", .optional(site.baseURL)), ("language", .string(site.language)),
            ] {
                stream.key(key)
                stream.value(value)
                stream.raw(",\n")
            }
            stream.key("articles")
            stream.array(dossier.articles, make: article)
            stream.raw(",\n")
            stream.key("actors")
            stream.array(dossier.actors, make: actor)
            stream.raw(",\n")
            stream.key("topics")
            stream.array(dossier.topics, make: topic)
            stream.raw(",\n")
            stream.key("events")
            stream.array(dossier.events, make: event)
            stream.raw("}\n")
        }
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
