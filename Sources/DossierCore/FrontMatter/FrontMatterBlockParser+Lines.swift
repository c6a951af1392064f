extension FrontMatterBlockParser {
    /// Moves past blank and comment lines to the next line that holds structure, if any.
    mutating func nextLine() -> Int? {
        while index < lines.count, isBlankOrComment(lines[index]) { index += 1 }
        return index < lines.count ? index : nil
    }

    /// Moves past every line nested deeper than `level`: the rest of an entry that had an error.
    mutating func skip(deeperThan level: Int) {
        while index < lines.count, isBlankOrComment(lines[index]) || lines[index].indent > level { index += 1 }
    }

    /// Whether a line holds nothing but blanks or a comment.
    func isBlankOrComment(_ line: Line) -> Bool {
        line.contentStart == line.end || bytes[line.contentStart] == ASCII.hash
    }

    /// Whether `offset` on `line` starts a list item: a `-` followed by a blank or the end of the line.
    func isItem(_ line: Line, at offset: Int) -> Bool {
        bytes[offset] == ASCII.dash && (offset + 1 == line.end || isBlank(bytes[offset + 1]))
    }

    /// Whether `offset` on `line` starts a `key: value` entry rather than a scalar.
    func startsEntry(_ line: Line, at offset: Int) -> Bool {
        let first = bytes[offset]
        let scalarStarts: [UInt8] = [
            ASCII.doubleQuote, ASCII.singleQuote, ASCII.openBracket, ASCII.openBrace, ASCII.pipe, ASCII.greater,
        ]
        return !scalarStarts.contains(first) && separator(in: line, from: offset) != nil
    }

    /// The offset of the first `:` that ends a key (followed by a blank or the end of the line) before any
    /// comment, searching from `offset`.
    func separator(in line: Line, from offset: Int) -> Int? {
        var position = offset
        while position < line.end {
            let byte = bytes[position]
            if byte == ASCII.colon, position + 1 == line.end || isBlank(bytes[position + 1]) { return position }
            if byte == ASCII.hash, position > offset, isBlank(bytes[position - 1]) { return nil }
            position += 1
        }
        return nil
    }

    /// The offset of the colon ending the key that starts `line`'s content; nil after reporting why the line
    /// is not a valid `key: value` entry.
    mutating func keyEnd(in line: Line) -> Int? {
        let start = line.contentStart
        let here = location(line, start)
        let first = bytes[start]
        if line.indent == 0, startsDocumentMarker(line) {
            diagnostics.error("document markers ('---', '...') are not supported in the front matter", at: here)
            return nil
        }
        if isItem(line, at: start) {
            diagnostics.error(
                "expected 'key: value'", at: here,
                notes: ["a list goes on the lines after a key that has no value on its own line"])
            return nil
        }
        if first == ASCII.openBrace {
            diagnostics.error("flow maps are not supported; use an indented map", at: here)
            return nil
        }
        if first == UInt8(ascii: "?"), start + 1 == line.end || isBlank(bytes[start + 1]) {
            diagnostics.error("complex keys ('?') are not supported", at: here)
            return nil
        }
        if first == UInt8(ascii: "%"), line.indent == 0 {
            diagnostics.error("directives ('%') are not supported", at: here)
            return nil
        }
        guard let colon = separator(in: line, from: start), colon > start else {
            let hasColon = bytes[start..<line.end].contains(ASCII.colon)
            diagnostics.error(
                "expected 'key: value'", at: here, notes: hasColon ? ["a key ends with a ':' and a space"] : [])
            return nil
        }
        if let bad = (start..<colon).first(where: { !isKeyByte(bytes[$0]) }) {
            diagnostics.error(
                "invalid character '\(character(at: bad, in: line))' in key '\(text(start..<colon))'",
                at: location(line, bad), notes: ["keys may only contain letters, digits, '_' and '-'"])
            return nil
        }
        return colon
    }

    /// Whether the line is a YAML document marker (`---` or `...`) that this subset does not accept.
    private func startsDocumentMarker(_ line: Line) -> Bool {
        let start = line.contentStart
        guard line.end - start >= 3, start + 3 == line.end || isBlank(bytes[start + 3]) else { return false }
        let marker = bytes[start..<start + 3]
        return marker.elementsEqual("---".utf8) || marker.elementsEqual("...".utf8)
    }

    /// Whether a byte may appear in a key: `[A-Za-z0-9_-]`.
    func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Whether a byte separates tokens on a line: a space or a tab.
    func isBlank(_ byte: UInt8) -> Bool { byte == ASCII.space || byte == ASCII.tab }

    /// The whole character starting at `offset`, for messages that quote an offending non-ASCII character.
    func character(at offset: Int, in line: Line) -> String {
        var end = offset + 1
        while end < line.end, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return text(offset..<end)
    }

    /// The text of a byte range.
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// The location of the byte at `offset` on `line`.
    func location(_ line: Line, _ offset: Int) -> SourceLocation {
        SourceLocation(path: path, line: line.number, column: offset - line.start + 1)
    }
}
