/// `search-index.js`: the prebuilt index the search page filters, as a script that sets
/// `window.DOSSIER_SEARCH_INDEX`, so it loads from disk too (browsers refuse `fetch` on file URLs).
///
/// Each entry has a kind, a title, the page's path from the site root, a short description, and
/// the words to match (names, aliases, summaries and the start of each article's text). The JSON
/// escaping also escapes `<`, `>` and `&`, so no content can end the script early.
enum SearchIndex {
    /// How much of an article's text is indexed, in characters; keeps the index small on big dossiers.
    static let textLimit = 600

    /// The script's text.
    static func render(_ dossier: ResolvedDossier) -> String {
        var entries: [JSONValue] = []
        for article in dossier.articles {
            let body = dossier.articleBodies[article.slug]
            let text = (body?.plainText ?? "").prefix(textLimit)
            entries.append(
                entry(
                    kind: "article", title: article.title, path: SitePaths.article(article.slug),
                    description: [article.publication, article.date.readable].compactMap { $0 }.joined(separator: ", "),
                    words: [article.title, article.summary ?? "", article.author ?? "", String(text)]))
        }
        for actor in dossier.actors {
            entries.append(
                entry(
                    kind: "actor", title: actor.name, path: SitePaths.actor(actor.slug),
                    description: actor.role ?? actor.kind?.rawValue ?? "",
                    words: [actor.name] + actor.aliases + [actor.role ?? "", actor.country ?? ""]))
        }
        for topic in dossier.topics {
            entries.append(
                entry(
                    kind: "topic", title: topic.title, path: SitePaths.topic(topic.slug),
                    description: topic.summary ?? "", words: [topic.title, topic.summary ?? ""]))
        }
        for event in dossier.events {
            entries.append(
                entry(
                    kind: "event", title: event.title, path: SitePaths.event(event), description: event.date.readable,
                    words: [event.title, event.place ?? "", event.date.readable]))
        }
        var script = "window.DOSSIER_SEARCH_INDEX = "
        script += JSONValue.array(entries).serialized.trimmingSpaces
        return script + ";\n"
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
