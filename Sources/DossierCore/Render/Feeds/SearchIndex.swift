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
    static func render(_ dossier: ResolvedDossier, emit: (String) -> Void) {
        let (articles, actors, topics) = (dossier.articles.count, dossier.actors.count, dossier.topics.count)
        JSONStream.write(to: emit) { stream in
            stream.raw("window.DOSSIER_SEARCH_INDEX = ")
            stream.array(0..<(articles + actors + topics + dossier.events.count)) { index in
                switch index {
                case ..<articles: article(dossier.articles[index], dossier)
                case ..<(articles + actors): actor(dossier.actors[index - articles])
                case ..<(articles + actors + topics): topic(dossier.topics[index - articles - actors])
                default: event(dossier.events[index - articles - actors - topics])
                }
            }
            stream.raw(";\n")
        }
    }

    private static func article(_ article: Article, _ dossier: ResolvedDossier) -> JSONValue {
        let text = (dossier.articleBodies[article.slug]?.plainText ?? "").prefix(textLimit)
        return entry(
            kind: "article", title: article.title, path: SitePaths.article(article.slug),
            description: [article.publication, article.date.readable].compactMap { $0 }.joined(separator: ", "),
            words: [article.title, article.summary ?? "", article.author ?? "", String(text)])
    }

    private static func actor(_ actor: Actor) -> JSONValue {
        entry(
            kind: "actor", title: actor.name, path: SitePaths.actor(actor.slug),
            description: actor.role ?? actor.kind?.rawValue ?? "",
            words: [actor.name] + actor.aliases + [actor.role ?? "", actor.country ?? ""])
    }

    private static func topic(_ topic: Topic) -> JSONValue {
        entry(
            kind: "topic", title: topic.title, path: SitePaths.topic(topic.slug),
            description: topic.summary ?? "", words: [topic.title, topic.summary ?? ""])
    }

    private static func event(_ event: Event) -> JSONValue {
        entry(
            kind: "event", title: event.title, path: SitePaths.event(event), description: event.date.readable,
            words: [event.title, event.place ?? "", event.date.readable])
    }

    private static func entry(kind: String, title: String, path: String, description: String, words: [String])
        -> JSONValue
    {
        .object([
            ("kind", .string(kind)), ("title", .string(title)), ("path", .string(path)),
            ("description", .string(description)),
            ("words", .string(words.filter { !$0.isEmpty }.joined(separator: " ").lowercased())),
        ])
    }
}
