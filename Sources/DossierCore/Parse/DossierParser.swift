import Dispatch

/// Turns loaded content files into the dossier model, checking every key of SPEC 2.2.
///
/// Each file is parsed on its own; references between files are checked later, by the resolver.
public enum DossierParser {
    /// Parses `files`. When `index.md` is missing or unusable (already reported), the dossier has
    /// empty settings so the rest can still be checked.
    /// With a `memory`, a file the loader found `unchanged`, or whose text hashes as the one it
    /// remembers, is not parsed again, and the memory then holds this build's parses.
    public static func parse(
        _ files: [ContentFile], diagnostics: inout Diagnostics, memory: BuildMemory? = nil
    ) -> Dossier {
        // Files are independent: parse them on every core, then assemble in the files' order.
        let remembered = memory?.parses ?? [:]
        let parsed = concurrentMap(files.count) { index -> (parse: BuildMemory.Parse, remembered: Bool) in
            let file = files[index]
            if let parse = file.unchanged { return (parse, true) }
            guard memory != nil else {
                let (entity, problems) = parseFile(file)
                return (
                    BuildMemory.Parse(textHash: StableHash(), stamp: nil, entity: entity, diagnostics: problems), false
                )
            }
            var text = StableHash()
            text.add(file.text)
            if let parse = remembered[file.path], parse.textHash.words == text.words {
                let same = parse.stamp == file.stamp
                return (same ? parse : parse.stamped(file.stamp), true)
            }
            let (entity, problems) = parseFile(file)
            return (BuildMemory.Parse(textHash: text, stamp: file.stamp, entity: entity, diagnostics: problems), false)
        }
        if let memory {
            var parses: [String: BuildMemory.Parse] = [:]
            parses.reserveCapacity(files.count)
            for (file, (parse, _)) in zip(files, parsed) { parses[file.path] = parse }
            memory.parses = parses
            memory.reusedParses = parsed.count(where: \.remembered)
        }
        var site: SiteSettings?
        var articles: [Article] = []
        var actors: [Actor] = []
        var topics: [Topic] = []
        var unparsed: Set<String> = []
        for (file, (parse, _)) in zip(files, parsed) {
            diagnostics.merge(parse.diagnostics)
            switch parse.entity {
            case .site(let settings): site = settings
            case .article(let article): articles.append(article)
            case .actor(let actor): actors.append(actor)
            case .topic(let topic): topics.append(topic)
            case nil:
                if file.section != .index { unparsed.insert("\(file.section.rawValue)/\(file.slug)") }
            }
        }
        // Without usable settings the build fails anyway, but every body is still checked, so one
        // run reports every problem.
        let settings =
            site
            ?? SiteSettings(
                title: "", subtitle: nil, description: nil, baseURL: nil, language: "en",
                body: MarkdownSource(path: "", text: "", lineOffset: 0))
        return Dossier(site: settings, articles: articles, actors: actors, topics: topics, unparsed: unparsed)
    }

    /// What one file holds.
    enum Entity: Sendable {
        case site(SiteSettings)
        case article(Article)
        case actor(Actor)
        case topic(Topic)
    }

    /// Parses one file on its own; nil when its front matter is too broken to use.
    private static func parseFile(_ file: ContentFile) -> (Entity?, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let document = FrontMatterParser.document(file.text, path: file.path, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        var fields = FrontMatterFields(document.frontMatter)
        let body = MarkdownSource(path: file.path, text: document.body, lineOffset: document.bodyLineOffset)
        let entity: Entity?
        switch file.section {
        case .index: entity = siteSettings(&fields, body: body).map(Entity.site)
        case .articles: entity = article(file.slug, &fields, body: body, file: file).map(Entity.article)
        case .actors: entity = actor(file.slug, &fields, body: body).map(Entity.actor)
        case .topics: entity = topic(file.slug, &fields, body: body).map(Entity.topic)
        }
        diagnostics.merge(fields.finish())
        return (entity, diagnostics)
    }

    /// A required text that must not be blank either.
    private static func requiredText(_ key: String, _ fields: inout FrontMatterFields) -> String? {
        guard let text = fields.string(key, required: true) else { return nil }
        if text.trimmingSpaces.isEmpty, let node = fields.node(key) {
            fields.report("'\(key)' must not be empty", at: node.location)
            return nil
        }
        return text
    }

    private static func siteSettings(_ fields: inout FrontMatterFields, body: MarkdownSource) -> SiteSettings? {
        let title = requiredText("title", &fields)
        let subtitle = fields.string("subtitle")
        let description = fields.string("description")
        let baseURL = webAddress("base_url", &fields)
        var language = "en"
        if let node = fields.node("language"), let text = node.text, !text.isEmpty {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let valid =
                (2...8).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
                && parts.dropFirst().allSatisfy {
                    (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                }
            if valid {
                language = text
            } else {
                fields.report(
                    "'language' must be a language tag such as 'en' or 'pt-BR', not '\(text)'", at: node.location)
            }
        }
        guard let title else { return nil }
        return SiteSettings(
            title: title, subtitle: subtitle, description: description, baseURL: baseURL, language: language,
            body: body)
    }

    private static func article(
        _ slug: String, _ fields: inout FrontMatterFields, body: MarkdownSource, file: ContentFile
    ) -> Article? {
        let title = requiredText("title", &fields)
        let date = fields.date("date", required: true)
        let publication = fields.string("publication")
        let author = fields.string("author")
        let sourceURL = webAddress("source_url", &fields)
        let summary = fields.string("summary")
        let topics = slugs("topics", &fields)
        let actors = slugs("actors", &fields)
        let draft = fields.bool("draft") ?? false
        let events = fields.mapList("events").compactMap { event($0, into: &fields) }
        let notes = notes(&fields, file: file)
        guard let title, let date else { return nil }
        return Article(
            slug: slug, title: title, date: date, publication: publication, author: author, sourceURL: sourceURL,
            summary: summary, topics: topics, actors: actors, draft: draft, events: events, notes: notes, body: body)
    }

    private static func actor(_ slug: String, _ fields: inout FrontMatterFields, body: MarkdownSource) -> Actor? {
        let name = requiredText("name", &fields)
        let aliases = fields.stringList("aliases").map(\.0)
        var kind: Actor.Kind?
        if let node = fields.node("kind"), let text = node.text {
            kind = Actor.Kind(rawValue: text)
            if kind == nil {
                fields.report(
                    "'kind' must be one of person, organisation, state, outlet, not '\(text)'", at: node.location,
                    notes: NearMatch.note(for: text, among: Actor.Kind.allCases.map(\.rawValue)))
            }
        }
        let role = fields.string("role")
        let country = fields.string("country")
        guard let name else { return nil }
        return Actor(slug: slug, name: name, aliases: aliases, kind: kind, role: role, country: country, body: body)
    }

    private static func topic(_ slug: String, _ fields: inout FrontMatterFields, body: MarkdownSource) -> Topic? {
        let title = requiredText("title", &fields)
        let summary = fields.string("summary")
        guard let title else { return nil }
        return Topic(slug: slug, title: title, summary: summary, body: body)
    }

    private static func event(_ map: FrontMatterMap, into parent: inout FrontMatterFields) -> EventReport? {
        var fields = FrontMatterFields(map)
        defer { parent.absorb(fields.finish()) }
        let id = fields.node("id").flatMap { node -> String? in
            guard let text = node.text, Slug.isValid(text) else {
                fields.report(
                    "event 'id' must be a slug (lowercase letters, digits, single hyphens)", at: node.location)
                return nil
            }
            return text
        }
        let date = fields.date("date", required: true)
        let title = requiredText("title", &fields)
        let actors = slugs("actors", &fields)
        let topics = slugs("topics", &fields)
        let place = fields.string("place")
        guard let date, let title else { return nil }
        return EventReport(
            id: id, date: date, title: title, actors: actors, topics: topics, place: place, location: map.location)
    }

    private static func notes(_ fields: inout FrontMatterFields, file: ContentFile) -> [Note] {
        guard let map = fields.map("notes") else { return [] }
        let path = file.path
        var notes: [Note] = []
        for entry in map.entries {
            guard Slug.isValid(entry.key) else {
                fields.report("note id '\(entry.key)' must be a slug", at: entry.keyLocation)
                continue
            }
            guard let text = entry.node.text else {
                fields.report("note '\(entry.key)' must be a text", at: entry.node.location)
                continue
            }
            let location = entry.node.location
            let source: MarkdownSource
            switch entry.node.value {
            case .scalar(_, .literal), .scalar(_, .folded):
                // cmark gets the lines as written, unfolded: Markdown joins single line breaks
                // itself, and its positions then are the file's.
                let raw = rawBlock(file.text, firstLine: location.line, indent: location.column - 1)
                source = MarkdownSource(
                    path: path, text: raw, lineOffset: location.line - 1, indent: location.column - 1)
            case .scalar(_, .plain):
                source = MarkdownSource(
                    path: path, text: text, lineOffset: location.line - 1, columnOffset: location.column - 1)
            default:
                source = MarkdownSource(
                    path: path, text: text, lineOffset: location.line - 1, columnOffset: location.column)
            }
            notes.append(Note(id: entry.key, source: source, location: entry.keyLocation))
        }
        return notes
    }

    /// The lines of a block scalar starting at line `firstLine` of `text`, with `indent` bytes
    /// removed: every following line that is blank or indented at least as far. Works on UTF-8
    /// bytes, reading only the lines it needs.
    static func rawBlock(_ text: String, firstLine: Int, indent: Int) -> String {
        let bytes = text.utf8
        var index = bytes.startIndex
        var line = 1
        while line < firstLine, index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index = bytes.index(after: index)
        }
        var block: [Substring] = []
        while index != bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let content = text[index..<lineEnd]
            let leading = content.utf8.prefix(while: { $0 == UInt8(ascii: " ") }).count
            if leading == content.utf8.count {
                block.append("")
            } else if leading >= indent {
                block.append(content.dropFirst(indent))
            } else {
                break
            }
            index = lineEnd == bytes.endIndex ? lineEnd : bytes.index(after: lineEnd)
        }
        while block.last?.isEmpty == true { block.removeLast() }
        return block.joined(separator: "\n") + "\n"
    }

    private static func slugs(_ key: String, _ fields: inout FrontMatterFields) -> [SlugReference] {
        fields.stringList(key).compactMap { text, location in
            guard Slug.isValid(text) else {
                fields.report("'\(text)' in '\(key)' is not a slug", at: location)
                return nil
            }
            return SlugReference(slug: text, location: location)
        }
    }

    /// An absolute http or https address; anything else (javascript:, data:, relative) is an error.
    private static func webAddress(_ key: String, _ fields: inout FrontMatterFields) -> String? {
        guard let node = fields.node(key), let text = node.text, !text.isEmpty else { return nil }
        guard WebAddress.isValid(text) else {
            fields.report("'\(key)' must be an absolute http or https address, not '\(text)'", at: node.location)
            return nil
        }
        return text
    }
}
