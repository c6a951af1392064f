/// `dossier.json`: the whole graph for other tools — articles with their mentions, actors, topics
/// and events with their sources — in a stable order (articles newest first, actors by name,
/// topics by title, events by date).
///
/// The text is compact, with each article, actor, topic and event on a line of its own, and is
/// handed over in pieces of about a megabyte as it is made: on a big dossier it is the largest file.
enum DossierJSON {
    /// Makes the JSON text, handing it to `emit` piece by piece.
    static func render(_ dossier: ResolvedDossier, emit: (UnsafeRawBufferPointer) -> Void) {
        let relations = dossier.relations
        let eventIDs = { (indices: [Int]?) in (indices ?? []).lazy.map { dossier.events[$0].id } }
        func article(_ json: inout JSONStream, _ article: Article) {
            json.field("slug", article.slug)
            json.field("url", SitePaths.article(article.slug))
            json.field("title", article.title)
            json.field("date", article.date.description)
            json.field("publication", article.publication)
            json.field("author", article.author)
            json.field("source_url", article.sourceURL)
            json.field("summary", article.summary)
            json.field("draft", article.draft)
            json.field("topics", strings: (relations.topicsOfArticle[article.slug] ?? []).lazy.map(\.slug))
            json.field("actors", strings: (relations.actorsOfArticle[article.slug] ?? []).lazy.map(\.slug))
            json.field("events", strings: eventIDs(relations.eventsOfArticle[article.slug]))
            json.field("notes", strings: article.notes.lazy.map(\.id))
            json.field("cited_by", strings: relations.citedBy[article.slug] ?? [])
            json.field("mentions", objects: dossier.articleBodies[article.slug]?.mentions ?? [], mention)
        }
        func actor(_ json: inout JSONStream, _ actor: Actor) {
            json.field("slug", actor.slug)
            json.field("url", SitePaths.actor(actor.slug))
            json.field("name", actor.name)
            json.field("aliases", strings: actor.aliases)
            json.field("kind", actor.kind?.rawValue)
            json.field("role", actor.role)
            json.field("country", actor.country)
            json.field("mention_count", relations.mentionCount[actor.slug] ?? 0)
            json.field("articles", strings: relations.articlesOfActor[actor.slug] ?? [])
            json.field("events", strings: eventIDs(relations.eventsOfActor[actor.slug]))
        }
        func topic(_ json: inout JSONStream, _ topic: Topic) {
            json.field("slug", topic.slug)
            json.field("url", SitePaths.topic(topic.slug))
            json.field("title", topic.title)
            json.field("summary", topic.summary)
            json.field("articles", strings: relations.articlesOfTopic[topic.slug] ?? [])
            json.field("events", strings: eventIDs(relations.eventsOfTopic[topic.slug]))
        }
        func event(_ json: inout JSONStream, _ event: Event) {
            json.field("id", event.id)
            json.field("url", SitePaths.event(event))
            json.field("date", event.date.description)
            json.field("precision", event.date.precision.name)
            json.field("title", event.title)
            json.field("place", event.place)
            json.field("actors", strings: event.actors)
            json.field("topics", strings: event.topics)
            json.field("sources", strings: event.sources)
        }
        let site = dossier.site
        JSONStream.write(to: emit) { json in
            json.object(lineByLine: true) { json in
                json.field("title", site.title)
                json.field("description", site.description)
                json.field("base_url", site.baseURL)
                json.field("language", site.language)
                json.field("articles", lines: dossier.articles, article)
                json.field("actors", lines: dossier.actors, actor)
                json.field("topics", lines: dossier.topics, topic)
                json.field("events", lines: dossier.events, event)
            }
            json.raw("\n")
        }
    }

    private static func mention(_ json: inout JSONStream, _ mention: Mention) {
        let (type, slug): (String, String)
        switch mention.target {
        case .actor(let actor): (type, slug) = ("actor", actor)
        case .topic(let topic): (type, slug) = ("topic", topic)
        }
        let (before, text, after) = mention.pieces
        json.field("type", type)
        json.field("target", slug)
        json.field("anchor", mention.anchor)
        json.field("text", text)
        json.field("before", before)
        json.field("after", after)
        json.field("line", mention.location.line)
    }
}
