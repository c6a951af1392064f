#if canImport(Glibc)
    import Glibc
#endif

extension AnnotationRenderer {
    /// Renders inline nodes, recording their plain text for mention contexts.
    mutating func renderInlines(_ nodes: [MarkdownNode]) {
        for node in nodes { renderInline(node) }
    }

    private mutating func renderInline(_ node: MarkdownNode) {
        switch node.kind {
        case .text(let literal):
            renderText(literal, node: node)
        case .softBreak:
            output += "\n"
            plain += " "
        case .lineBreak:
            output += "<br>\n"
            plain += " "
        case .code(let literal):
            output += "<code>"
            Escape.appendHTML(literal, to: &output)
            output += "</code>"
            plain += literal
        case .htmlInline:
            diagnostics.warning("raw HTML is not passed through; write Markdown instead", at: location(of: node))
        case .emphasis:
            output += "<em>"
            renderInlines(node.children)
            output += "</em>"
        case .strong:
            output += "<strong>"
            renderInlines(node.children)
            output += "</strong>"
        case .link(let url, let title):
            renderLink(node, url: url, title: title)
        case .image(let url, let title):
            renderImage(node, url: url, title: title)
        default:
            for child in node.children { renderBlock(child, tight: true) }
        }
    }

    /// Text, with `[[name]]` and `[[name|shown text]]` shorthands resolved.
    private mutating func renderText(_ literal: String, node: MarkdownNode) {
        guard literal.utf8.count >= 5, AnnotationRenderer.find("[[", in: literal[...]) != nil else {
            Escape.appendHTML(literal, to: &output)
            plain += literal
            return
        }
        var rest = literal[...]
        var cursor: Int?  // where in the raw source the next `[[` search starts
        while let open = AnnotationRenderer.find("[[", in: rest),
            let close = AnnotationRenderer.find("]]", in: rest[open.upperBound...])
        {
            let before = rest[..<open.lowerBound]
            Escape.appendHTML(before, to: &output)
            plain += before
            let inner = rest[open.upperBound..<close.lowerBound]
            let offset = literal.utf8.distance(from: literal.startIndex, to: open.lowerBound)
            let at = shorthandLocation(node: node, cursor: &cursor, fallbackOffset: offset)
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).trimmingSpaces
            let shown = parts.count > 1 ? String(parts[1]).trimmingSpaces : name
            if shown.isEmpty {
                diagnostics.error("'[[\(inner)]]' shows no text; write [[name]] or [[name|text]]", at: at)
            } else if let target = resolveShorthand(name, at: at) {
                renderAnnotation(target, content: .text(shown), at: at)
            } else {
                Escape.appendHTML(shown, to: &output)
                plain += shown
            }
            rest = rest[close.upperBound...]
        }
        Escape.appendHTML(rest, to: &output)
        plain += rest
    }

    /// Where the next `[[` of a text node is in the file. cmark's literal has escapes and entities
    /// decoded, so the place is found in the raw source line instead, searching on from `cursor`
    /// (the end of the previous one), so a node with many shorthands is scanned once.
    private mutating func shorthandLocation(node: MarkdownNode, cursor: inout Int?, fallbackOffset: Int)
        -> SourceLocation
    {
        if sourceLines == nil {
            let bytes = Array(source.text.utf8)
            var starts = [0]
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                    offset = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base) + 1
                    starts.append(offset)
                }
            }
            sourceLines = (bytes, starts)
        }
        guard let (bytes, starts) = sourceLines, node.line >= 1, node.line <= starts.count else {
            return location(line: node.line, column: node.column, extra: fallbackOffset)
        }
        let lineStart = starts[node.line - 1]
        let lineEnd = node.line < starts.count ? starts[node.line] : bytes.count
        var index = cursor ?? (lineStart + max(node.column - 1, 0))
        while index + 1 < lineEnd {
            if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "[") {
                cursor = index + 2
                return location(line: node.line, column: index - lineStart + 1)
            }
            index += 1
        }
        cursor = lineEnd
        return location(line: node.line, column: node.column, extra: fallbackOffset)
    }

    /// The range of the first `[[` or `]]` in `text`, found on UTF-8 bytes (Foundation's search
    /// is far slower and this runs on every text node).
    static func find(_ pair: StaticString, in text: Substring) -> Range<String.Index>? {
        let first = pair.utf8Start[0]
        let second = pair.utf8Start[1]
        let bytes = text.utf8
        let found: Int?? = bytes.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress, buffer.count >= 2 else { return nil }
            var start = 0
            // memchr finds each candidate first byte; the second must follow it.
            while let hit = memchr(base + start, Int32(first), buffer.count - 1 - start) {
                let offset = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
                if buffer[offset + 1] == second { return offset }
                start = offset + 1
                if start >= buffer.count - 1 { break }
            }
            return nil
        }
        if let found {
            guard let offset = found else { return nil }
            let start = bytes.index(bytes.startIndex, offsetBy: offset)
            return start..<bytes.index(start, offsetBy: 2)
        }
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == first {
                let next = bytes.index(after: index)
                if next != bytes.endIndex, bytes[next] == second { return index..<bytes.index(after: next) }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    private mutating func resolveShorthand(_ name: String, at location: SourceLocation) -> AnnotationTarget? {
        let found = settings.targets.lookUp(name: name)
        switch found.count {
        case 1:
            dependencies.append(.name(name, found[0]))
            return found[0]
        case 0:
            diagnostics.error(
                "'[[\(name)]]' names no actor or topic", at: location,
                notes: NearMatch.note(for: name.lowercased(), among: settings.targets.allNames))
        default:
            let choices = found.map(AnnotationRenderer.describe).sorted()
            diagnostics.error(
                "'[[\(name)]]' is ambiguous: it names \(choices.joined(separator: ", "))", at: location,
                notes: ["write the link out, e.g. [\(name)](\(choices[0]))"])
        }
        return nil
    }

    /// An annotation destination as written, e.g. `actor:vladimir-putin`.
    static func describe(_ target: AnnotationTarget) -> String {
        switch target {
        case .actor(let slug): return "actor:\(slug)"
        case .topic(let slug): return "topic:\(slug)"
        case .article(let slug, _): return "article:\(slug)"
        case .note(let id): return "note:\(id)"
        }
    }

    private mutating func renderLink(_ node: MarkdownNode, url: String, title: String) {
        let at = location(of: node)
        switch URLScheme.of(url) {
        case "actor", "topic", "article", "note":
            if let target = resolveDestination(url, at: at) {
                renderAnnotation(target, content: .nodes(node.children), at: at)
            } else {
                renderInlines(node.children)
            }
        case nil where url.hasPrefix("/") || url.contains("\\"):
            diagnostics.warning(
                "link to '\(url)' removed: links inside the dossier are annotations (actor:, topic:, article:) "
                    + "and other links are relative or http(s)", at: at)
            renderInlines(node.children)
        case nil, "http", "https", "mailto":
            guard !insideAnchor else {
                renderInlines(node.children)
                return
            }
            output += "<a href=\"" + Escape.html(Escape.href(url)) + "\""
            if !title.isEmpty { output += " title=\"" + Escape.html(title) + "\"" }
            output += ">"
            insideAnchor = true
            renderInlines(node.children)
            insideAnchor = false
            output += "</a>"
        case let other?:
            diagnostics.warning(
                "link to a '\(other):' address removed: only http, https, mailto and relative links are kept",
                at: at)
            renderInlines(node.children)
        }
    }

    private mutating func renderImage(_ node: MarkdownNode, url: String, title: String) {
        let alt = node.plainText
        if URLScheme.of(url) == nil, !url.hasPrefix("/"), !url.contains("\\") {
            output += "<img src=\"" + Escape.html(Escape.href(url)) + "\" alt=\"" + Escape.html(alt) + "\""
            if !title.isEmpty { output += " title=\"" + Escape.html(title) + "\"" }
            output += ">"
        } else {
            diagnostics.warning(
                "image '\(url)' not embedded: pages load nothing from other hosts; it is shown as its text",
                at: location(of: node))
            Escape.appendHTML(alt, to: &output)
        }
        plain += alt
    }
}
