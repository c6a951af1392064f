extension AnnotationRenderer {
    /// What an annotation shows: the link's own inline nodes, or a shorthand's text.
    enum AnnotationContent {
        case nodes([MarkdownNode])
        case text(String)
    }

    /// Resolves `actor:slug`, `topic:slug`, `article:slug#fragment` or `note:id`, reporting unknown ones.
    mutating func resolveDestination(_ url: String, at location: SourceLocation) -> AnnotationTarget? {
        let colon = url.firstIndex(of: ":")!
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
            if targets.actors[value] != nil { return .actor(value) }
            diagnostics.error(
                "unknown actor '\(value)'", at: location, notes: NearMatch.note(for: value, among: targets.actors.keys))
        case "topic":
            if targets.topics[value] != nil { return .topic(value) }
            diagnostics.error(
                "unknown topic '\(value)'", at: location, notes: NearMatch.note(for: value, among: targets.topics.keys))
        case "article":
            if targets.articles[value] != nil { return .article(value, fragment: fragment) }
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

    /// Writes a resolved annotation and records what it refers to.
    mutating func renderAnnotation(_ target: AnnotationTarget, content: AnnotationContent, at location: SourceLocation)
    {
        let root = settings.root
        switch target {
        case .actor(let slug):
            output += "<a class=\"mention actor\" href=\"\(root)actors/\(slug)/index.html\">"
            recordMention(.actor(slug), content: content, at: location)
            output += "</a>"
        case .topic(let slug):
            output += "<a class=\"mention topic\" href=\"\(root)topics/\(slug)/index.html\">"
            recordMention(.topic(slug), content: content, at: location)
            output += "</a>"
        case .article(let slug, let fragment):
            let suffix = fragment.map { "#" + Escape.html(Escape.href($0)) } ?? ""
            output += "<a class=\"xref\" href=\"\(root)articles/\(slug)/index.html\(suffix)\">"
            renderContent(content)
            output += "</a>"
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
            let mark = uniqueAnchor("noted-\(id)")
            output += "<mark class=\"noted\" id=\"\(mark)\">"
            renderContent(content)
            output +=
                "</mark><sup class=\"note-marker\"><a href=\"#note-\(id)\" aria-label=\"Editor's note \(number)\">"
            output += "\(number)</a></sup>"
        }
    }

    private mutating func recordMention(
        _ target: Mention.Target, content: AnnotationContent, at location: SourceLocation
    ) {
        let start = plain.utf8.count
        renderContent(content)
        let end = plain.utf8.count
        let text = String(decoding: Array(plain.utf8)[start..<end], as: UTF8.self)
        let mention = Mention(target: target, anchor: "", text: text, before: "", after: "", location: location)
        pendingMentions.append((mention, start, end))
    }

    private mutating func renderContent(_ content: AnnotationContent) {
        let wasInsideLink = insideLink
        insideLink = true
        switch content {
        case .nodes(let nodes): renderInlines(nodes)
        case .text(let text):
            Escape.appendHTML(text, to: &output)
            plain += text
        }
        insideLink = wasInsideLink
    }
}
