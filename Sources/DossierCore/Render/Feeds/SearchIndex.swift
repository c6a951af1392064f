/// `search-index.js`: the prebuilt index the search page filters, as a script that sets
/// `window.DOSSIER_SEARCH_INDEX`, so it loads from disk too (browsers refuse `fetch` on file URLs).
///
/// Each entry has a kind, a title, the page's path from the site root, a short description, and
/// the words to match (names, aliases, summaries and the start of each article's text). The JSON
/// escaping also escapes `<`, `>` and `&`, so no content can end the script early.
enum SearchIndex {
    /// How much of an article's text is indexed, in characters; keeps the index small on big dossiers.
    static let textLimit = 600

    /// Makes the script's text, one entry a line, handing it to `emit` piece by piece.
    static func render(_ dossier: ResolvedDossier, emit: (UnsafeRawBufferPointer) -> Void) {
        let (articles, actors, topics) = (dossier.articles.count, dossier.actors.count, dossier.topics.count)
        JSONStream.write(to: emit) { stream in
            stream.raw("window.DOSSIER_SEARCH_INDEX = ")
            stream.lines(0..<(articles + actors + topics + dossier.events.count)) { json, index in
                switch index {
                case ..<articles: article(&json, dossier.articles[index], dossier)
                case ..<(articles + actors): actor(&json, dossier.actors[index - articles])
                case ..<(articles + actors + topics): topic(&json, dossier.topics[index - articles - actors])
                default: event(&json, dossier.events[index - articles - actors - topics])
                }
            }
            stream.raw(";\n")
        }
    }

    private static func article(_ json: inout JSONStream, _ article: Article, _ dossier: ResolvedDossier) {
        let text = (dossier.articleBodies[article.slug]?.plainText ?? "").prefix(textLimit)
        entry(
            &json,
            kind: "article", title: article.title, path: SitePaths.article(article.slug),
            description: [article.publication, article.date.readable].compactMap { $0 }.joined(separator: ", "),
            words: [article.title, article.summary ?? "", article.author ?? "", String(text)])
    }

    private static func actor(_ json: inout JSONStream, _ actor: Actor) {
        entry(
            &json,
            kind: "actor", title: actor.name, path: SitePaths.actor(actor.slug),
            description: actor.role ?? actor.kind?.rawValue ?? "",
            words: [actor.name] + actor.aliases + [actor.role ?? "", actor.country ?? ""])
    }

    private static func topic(_ json: inout JSONStream, _ topic: Topic) {
        entry(
            &json,
            kind: "topic", title: topic.title, path: SitePaths.topic(topic.slug),
            description: topic.summary ?? "", words: [topic.title, topic.summary ?? ""])
    }

    private static func event(_ json: inout JSONStream, _ event: Event) {
        entry(
            &json,
            kind: "event", title: event.title, path: SitePaths.event(event), description: event.date.readable,
            words: [event.title, event.place ?? "", event.date.readable])
    }

    private static func entry(
        _ json: inout JSONStream, kind: String, title: String, path: String, description: String, words: [String]
    ) {
        json.field("kind", kind)
        json.field("title", title)
        json.field("path", path)
        json.field("description", description)
        json.field("words", words.filter { !$0.isEmpty }.joined(separator: " ").lowercased())
    }
}
