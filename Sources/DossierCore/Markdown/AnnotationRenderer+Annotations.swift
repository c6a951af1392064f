extension AnnotationRenderer {
    /// What an annotation shows: the link's own inline nodes, or a shorthand's text.
    enum AnnotationContent {
        case nodes([MarkdownNode])
        case text(String)
    }

    /// Resolves `actor:slug`, `topic:slug`, `article:slug#fragment` or `note:id`, reporting unknown ones.
    mutating func resolveDestination(_ url: String, at location: SourceLocation) -> AnnotationTarget? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon].lowercased()
        var value = String(url[url.index(after: colon)...])
        var fragment: String?
        if scheme == "article", let hash = value.firstIndex(of: "#") {
            fragment = String(value[value.index(after: hash)...])
            value = String(value[..<hash])
        }
        let targets = settings.targets
        switch scheme {
        case "actor":
            if targets.actors[value] != nil {
                dependencies.append(.actor(value))
                return .actor(value)
            }
            diagnostics.error(
                "unknown actor '\(value)'", at: location, notes: NearMatch.note(for: value, among: targets.actors.keys))
        case "topic":
            if targets.topics[value] != nil {
                dependencies.append(.topic(value))
                return .topic(value)
            }
            diagnostics.error(
                "unknown topic '\(value)'", at: location, notes: NearMatch.note(for: value, among: targets.topics.keys))
        case "article":
            if targets.articles[value] != nil {
                dependencies.append(.article(value))
                return .article(value, fragment: fragment)
            }
            if targets.skippedDrafts.contains(value) {
                diagnostics.warning(
                    "article '\(value)' is a draft and not built; the link is shown as text", at: location)
            } else {
                diagnostics.error(
                    "unknown article '\(value)'", at: location,
                    notes: NearMatch.note(for: value, among: targets.articles.keys))
            }
        default:
            if settings.notesByID[value] != nil { return .note(value) }
            if settings.fixedAnchor != nil {
                diagnostics.error("a note cannot reference a note", at: location)
            } else if !settings.acceptsNotes {
                diagnostics.error("unknown note '\(value)': only articles have notes", at: location)
            } else if settings.notes.isEmpty {
                diagnostics.error(
                    "unknown note '\(value)'", at: location,
                    notes: ["write the note under 'notes:' in the front matter: '\(value): text'"])
            } else {
                diagnostics.error(
                    "unknown note '\(value)'", at: location,
                    notes: NearMatch.note(for: value, among: settings.notesByID.keys))
            }
        }
        return nil
    }

    /// Writes a resolved annotation and records what it refers to. Inside a link the renderer
    /// opened, no second `<a>` may start, so the annotation shows as text but still counts.
    mutating func renderAnnotation(_ target: AnnotationTarget, content: AnnotationContent, at location: SourceLocation)
    {
        let root = settings.root
        switch target {
        case .actor(let slug), .topic(let slug):
            let isActor: Bool
            if case .actor = target { isActor = true } else { isActor = false }
            let wasInside = insideAnchor
            if !wasInside {
                output += "<a class=\"mention \(isActor ? "actor" : "topic")\" href=\"\(root)"
                output += isActor ? SitePaths.actor(slug) : SitePaths.topic(slug)
                output += "\">"
            }
            insideAnchor = true
            let start = plain.utf8.count
            renderContent(content)
            pendingMentions.append(
                PendingMention(
                    target: isActor ? .actor(slug) : .topic(slug), start: start, end: plain.utf8.count,
                    location: location))
            insideAnchor = wasInside
            if !wasInside { output += "</a>" }
        case .article(let slug, let fragment):
            let wasInside = insideAnchor
            if !wasInside {
                let suffix = fragment.map { "#" + Escape.html(Escape.href($0)) } ?? ""
                output += "<a class=\"xref\" href=\"\(root)\(SitePaths.article(slug))\(suffix)\">"
            }
            insideAnchor = true
            renderContent(content)
            insideAnchor = wasInside
            if !wasInside { output += "</a>" }
            result.articleReferences.append(ArticleReference(slug: slug, fragment: fragment, location: location))
        case .note(let id):
            let number: Int
            if let known = noteNumbers[id] {
                number = known
            } else {
                number = noteNumbers.count + 1
                noteNumbers[id] = number
                pendingNotes.append(id)
                result.noteReferences.append(id)
            }
            // A passage may hold mentions: <a> inside <mark> is valid, so they stay links.
            let mark = uniqueAnchor("noted-\(id)")
            output += "<mark class=\"noted\" id=\"\(mark)\">"
            renderContent(content)
            output += "</mark>"
            if !insideAnchor {
                output += "<sup class=\"note-marker\"><a href=\"#note-\(id)\" aria-label=\"Editor's note \(number)\">"
                output += "\(number)</a></sup>"
            }
        }
    }

    private mutating func renderContent(_ content: AnnotationContent) {
        switch content {
        case .nodes(let nodes): renderInlines(nodes)
        case .text(let text):
            Escape.appendHTML(text, to: &output)
            plain += text
        }
    }
}
