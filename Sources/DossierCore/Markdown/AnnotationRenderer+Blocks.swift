extension AnnotationRenderer {
    /// Renders one block and its children.
    mutating func renderBlock(_ node: MarkdownNode, tight: Bool) {
        switch node.kind {
        case .paragraph:
            renderParagraph(node, tight: tight)
        case .heading(let level):
            let base = Slug.make(from: node.plainText)
            let id = uniqueAnchor("h-" + (base.isEmpty ? "section" : base))
            output += "<h\(level) id=\"\(id)\">"
            beginContext()
            renderInlines(node.children)
            endContext(anchor: settings.fixedAnchor ?? id)
            output += "</h\(level)>\n"
        case .blockQuote:
            output += "<blockquote>\n"
            for child in node.children { renderBlock(child, tight: false) }
            output += "</blockquote>\n"
        case .list(let ordered, let start, let isTight):
            let tag = ordered ? "ol" : "ul"
            output += ordered && start != 1 ? "<ol start=\"\(start)\">\n" : "<\(tag)>\n"
            for item in node.children {
                output += "<li>"
                for child in item.children { renderBlock(child, tight: isTight) }
                output += "</li>\n"
            }
            output += "</\(tag)>\n"
        case .item:
            for child in node.children { renderBlock(child, tight: tight) }
        case .codeBlock(let info, let literal):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            output += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(Escape.html(language))\">"
            Escape.appendHTML(literal, to: &output)
            output += "</code></pre>\n"
        case .htmlBlock:
            diagnostics.warning("raw HTML is not passed through; write Markdown instead", at: location(of: node))
        case .thematicBreak:
            output += "<hr>\n"
        default:
            // Inline content directly in a block position does not occur in cmark's trees.
            renderInlines([node])
        }
    }

    private mutating func renderParagraph(_ node: MarkdownNode, tight: Bool) {
        var idAttribute = ""
        var anchor = settings.fixedAnchor ?? ""
        if settings.fixedAnchor == nil {
            paragraphCount += 1
            anchor = uniqueAnchor("p-\(paragraphCount)")
            idAttribute = " id=\"\(anchor)\""
        }
        output += tight ? "<span class=\"para\"\(idAttribute)>" : "<p\(idAttribute)>"
        beginContext()
        renderInlines(node.children)
        if result.firstParagraph.isEmpty { result.firstParagraph = plain.compacted }
        if result.plainText.utf8.count < RenderedMarkdown.plainTextLimit {
            result.plainText += (result.plainText.isEmpty ? "" : " ") + plain
        }
        endContext(anchor: anchor)
        output += tight ? "</span>\n" : "</p>\n"
    }

    /// Starts collecting the plain text of a paragraph or heading.
    mutating func beginContext() {
        plain = ""
        pendingMentions = []
    }

    /// Finishes a paragraph: each mention gets its text and its sentence as context. The
    /// paragraph's bytes and sentence ends are computed once, whatever the number of mentions.
    mutating func endContext(anchor: String) {
        guard !pendingMentions.isEmpty else { return }
        let sentences = SentenceContext.Paragraph(plain)
        for pending in pendingMentions {
            let context = sentences.context(start: pending.start, end: pending.end)
            let offsets = Mention.append(
                before: context.before, text: context.text, after: context.after, to: &mentionTexts)
            ownMentions.append(result.mentions.count)
            result.mentions.append(
                Mention(
                    target: pending.target, anchor: anchor, location: pending.location, storage: "", offsets: offsets))
        }
        pendingMentions = []
    }

    /// Wraps the block just rendered (from byte `blockStart` of the output) with the asides of
    /// the notes it first references. The asides come first, so on wide screens they float beside
    /// the block; the stylesheet moves them after it on narrow screens.
    mutating func flushNotes(blockStart: Int) {
        guard !pendingNotes.isEmpty else { return }
        var asides = "<div class=\"noted-block\">\n"
        for id in pendingNotes {
            guard let note = settings.notesByID[id], let number = noteNumbers[id] else { continue }
            asides += renderNote(note, number: number, referenced: true)
        }
        pendingNotes = []
        let index = output.utf8.index(output.utf8.startIndex, offsetBy: blockStart)
        output.insert(contentsOf: asides, at: index)
        output += "</div>\n"
    }

    /// Notes no passage references are still shown, after the text, and reported as warnings.
    mutating func appendUnreferencedNotes() {
        for note in settings.notes where noteNumbers[note.id] == nil {
            diagnostics.warning(
                "note '\(note.id)' is never referenced; link a passage to it with [text](note:\(note.id))",
                at: note.location)
            noteNumbers[note.id] = noteNumbers.count + 1
            output += renderNote(note, number: noteNumbers[note.id]!, referenced: false)
        }
    }

    /// The aside for one note; its Markdown may mention actors and topics but not other notes.
    /// It shares the body's ids, so a heading in a note cannot take an id the body uses.
    mutating func renderNote(_ note: Note, number: Int, referenced: Bool) -> String {
        let anchor = "note-\(note.id)"
        result.anchors.insert(anchor)
        var nested = AnnotationRenderer(settings: settings.forNote(anchor: anchor), source: note.source)
        nested.result.anchors = result.anchors
        nested.anchorCounters = anchorCounters
        nested.renderDocument()
        diagnostics.merge(nested.diagnostics)
        let rendered = nested.result
        result.anchors = rendered.anchors
        anchorCounters = nested.anchorCounters
        result.mentions += rendered.mentions
        result.articleReferences += rendered.articleReferences
        dependencies += nested.dependencies
        var html = "<aside class=\"note\" id=\"\(anchor)\" aria-label=\"Editor's note \(number)\">\n"
        html += "<p class=\"note-label\">"
        html += referenced ? "<a href=\"#noted-\(note.id)\">Note \(number)</a>" : "Note \(number)"
        html += "</p>\n" + rendered.html + "</aside>\n"
        return html
    }
}
