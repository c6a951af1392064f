/// Where an annotation points once resolved.
public enum AnnotationTarget: Sendable, Hashable {
    /// An actor, by slug.
    case actor(String)
    /// A topic, by slug.
    case topic(String)
    /// An article, by slug, with an optional fragment such as `p-4`.
    case article(String, fragment: String?)
    /// A note of the same article, by id.
    case note(String)
}

/// The slug and name index every annotation is resolved against.
///
/// Built once from the whole dossier, before any body is rendered; the `[[name]]` lookup is a
/// dictionary, so resolving costs the same whatever the number of actors.
public struct LinkTargets: Sendable {
    /// Actor slugs to display names.
    public let actors: [String: String]
    /// Topic slugs to titles.
    public let topics: [String: String]
    /// Article slugs to titles, for the articles that are built.
    public let articles: [String: String]
    /// Slugs of draft articles that are left out of this build.
    public let skippedDrafts: Set<String>
    /// Lowercased names, aliases, titles and slugs to what they name.
    private let names: [String: [AnnotationTarget]]

    /// Indexes a dossier; `includeDrafts` says whether draft articles are built.
    public init(_ dossier: Dossier, includeDrafts: Bool) {
        var actors: [String: String] = [:]
        var topics: [String: String] = [:]
        var articles: [String: String] = [:]
        var drafts: Set<String> = []
        var names: [String: [AnnotationTarget]] = [:]
        func add(_ name: String, _ target: AnnotationTarget) {
            let key = LinkTargets.normalise(name)
            guard !key.isEmpty else { return }
            if !(names[key]?.contains(target) ?? false) { names[key, default: []].append(target) }
        }
        for actor in dossier.actors {
            actors[actor.slug] = actor.name
            for name in [actor.slug, actor.name] + actor.aliases { add(name, .actor(actor.slug)) }
        }
        for topic in dossier.topics {
            topics[topic.slug] = topic.title
            for name in [topic.slug, topic.title] { add(name, .topic(topic.slug)) }
        }
        for article in dossier.articles {
            if article.draft && !includeDrafts {
                drafts.insert(article.slug)
            } else {
                articles[article.slug] = article.title
            }
        }
        for entry in dossier.unparsed {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "actors":
                actors[parts[1]] = parts[1]
                add(parts[1], .actor(parts[1]))
            case "topics":
                topics[parts[1]] = parts[1]
                add(parts[1], .topic(parts[1]))
            default: articles[parts[1]] = parts[1]
            }
        }
        self.actors = actors
        self.topics = topics
        self.articles = articles
        self.skippedDrafts = drafts
        self.names = names
    }

    /// What a `[[name]]` names: every actor or topic whose name, alias, title or slug matches.
    public func lookUp(name: String) -> [AnnotationTarget] {
        names[LinkTargets.normalise(name)] ?? []
    }

    /// Every name `[[...]]` accepts, for "did you mean" notes.
    public var allNames: Dictionary<String, [AnnotationTarget]>.Keys { names.keys }

    /// Lowercased with runs of white space folded, so line-wrapped names still match.
    static func normalise(_ name: String) -> String {
        // ASCII names, nearly all of them, are folded in one pass over their bytes.
        var isASCII = true
        let folded = String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
            var count = 0
            var pendingSpace = false
            for byte in name.utf8 {
                guard byte < 0x80 else {
                    isASCII = false
                    return 0
                }
                if byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) {
                    pendingSpace = count > 0
                    continue
                }
                if pendingSpace {
                    buffer[count] = UInt8(ascii: " ")
                    count += 1
                    pendingSpace = false
                }
                buffer[count] = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                count += 1
            }
            return count
        }
        if isASCII { return folded }
        return name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
