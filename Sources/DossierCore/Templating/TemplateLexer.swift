/// One lexical unit of a template, with the place where it starts.
struct TemplateToken: Sendable {
    /// What a token is.
    enum Kind: Sendable, Equatable {
        /// Literal text between tags, already trimmed by whitespace control.
        case text(String)
        /// `{{`, `}}`, `{%` and `%}`.
        case outputStart, outputEnd, tagStart, tagEnd
        /// An identifier or keyword inside a tag: `page`, `if`, `and`.
        case name(String)
        /// A quoted string literal, escapes resolved.
        case string(String)
        /// An integer literal.
        case integer(Int)
        /// An operator or punctuation: `==`, `(`, `|`, `.`...
        case symbol(String)
        /// The end of the template.
        case end
    }

    /// What the token is.
    var kind: Kind
    /// Where its first character is.
    var location: SourceLocation
}

extension TemplateToken.Kind: CustomStringConvertible {
    /// How messages quote the token: `'}}'`, `'page'`, `"text"`.
    var description: String {
        switch self {
        case .text: "text"
        case .outputStart: "'{{'"
        case .outputEnd: "'}}'"
        case .tagStart: "'{%'"
        case .tagEnd: "'%}'"
        case .name(let name): "'\(name)'"
        case .string(let text): "\"\(text)\""
        case .integer(let value): "'\(value)'"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the template"
        }
    }
}

/// Splits template source into text and the tokens inside `{{ }}` and `{% %}`, dropping `{# #}` comments.
///
/// It works on UTF-8 bytes, so columns are byte columns as everywhere in Dossier's diagnostics. Whitespace
/// control (`{{-`, `-}}`, `{%-`, `-%}`, `{#-`, `-#}`) is applied here, so the parser only ever sees trimmed text.
struct TemplateLexer {
    private let bytes: [UInt8]
    private let path: String
    /// The byte offset where each line starts, to turn offsets into line and column.
    private let lineStarts: [Int]
    private var position = 0
    private var tokens: [TemplateToken] = []
    /// Set by a closing `-}}`, `-%}` or `-#}`: the next text loses its leading whitespace.
    private var trimNextText = false

    /// The tokens of `source`, ending with `.end`; `path` names the file in locations.
    static func tokenize(_ source: String, path: String) throws(Diagnostic) -> [TemplateToken] {
        var lexer = TemplateLexer(bytes: Array(source.utf8), path: path)
        try lexer.run()
        return lexer.tokens
    }

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    private mutating func run() throws(Diagnostic) {
        var textStart = 0
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "{"), position + 1 < bytes.count else {
                position += 1
                continue
            }
            let kind = bytes[position + 1]
            guard kind == UInt8(ascii: "{") || kind == UInt8(ascii: "%") || kind == UInt8(ascii: "#") else {
                position += 1
                continue
            }
            let trimsBefore = position + 2 < bytes.count && bytes[position + 2] == UInt8(ascii: "-")
            emitText(from: textStart, to: position, trimmingEnd: trimsBefore)
            let opener = position
            position += trimsBefore ? 3 : 2
            if kind == UInt8(ascii: "#") {
                try skipComment(openedAt: opener)
            } else {
                try lexTag(isOutput: kind == UInt8(ascii: "{"), openedAt: opener)
            }
            textStart = position
        }
        emitText(from: textStart, to: bytes.count, trimmingEnd: false)
        tokens.append(TemplateToken(kind: .end, location: location(of: bytes.count)))
    }

    private mutating func emitText(from start: Int, to end: Int, trimmingEnd: Bool) {
        var start = start
        var end = end
        if trimNextText {
            while start < end, isWhitespace(bytes[start]) { start += 1 }
            trimNextText = false
        }
        if trimmingEnd {
            while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        }
        guard start < end else { return }
        // Text is located at its first visible character, which is what "content outside a block" points at.
        var visible = start
        while visible < end - 1, isWhitespace(bytes[visible]) { visible += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        tokens.append(TemplateToken(kind: .text(text), location: location(of: visible)))
    }

    private mutating func skipComment(openedAt opener: Int) throws(Diagnostic) {
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "#"), bytes[index + 1] == UInt8(ascii: "}") {
                trimNextText = index > position && bytes[index - 1] == UInt8(ascii: "-")
                position = index + 2
                return
            }
            index += 1
        }
        throw Diagnostic(.error, "unterminated '{#'; expected '#}'", at: location(of: opener))
    }

    /// Lexes the inside of `{{ }}` or `{% %}` up to and including its closer.
    private mutating func lexTag(isOutput: Bool, openedAt opener: Int) throws(Diagnostic) {
        let closer = isOutput ? UInt8(ascii: "}") : UInt8(ascii: "%")
        let other = isOutput ? UInt8(ascii: "%") : UInt8(ascii: "}")
        let (open, close) = isOutput ? ("{{", "}}") : ("{%", "%}")
        tokens.append(TemplateToken(kind: isOutput ? .outputStart : .tagStart, location: location(of: opener)))
        while true {
            while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
            guard position < bytes.count else {
                throw Diagnostic(.error, "unterminated '\(open)'; expected '\(close)'", at: location(of: opener))
            }
            let byte = bytes[position]
            let trims = byte == UInt8(ascii: "-") && closes(closer, at: position + 1)
            if trims || closes(closer, at: position) {
                tokens.append(TemplateToken(kind: isOutput ? .outputEnd : .tagEnd, location: location(of: position)))
                trimNextText = trims
                position += trims ? 3 : 2
                return
            }
            if closes(other, at: position) {
                let found = isOutput ? "%}" : "}}"
                throw Diagnostic(
                    .error, "expected '\(close)' to close '\(open)', found '\(found)'", at: location(of: position))
            }
            let start = position
            if isNameStart(byte) {
                while position < bytes.count, isNameStart(bytes[position]) || isDigit(bytes[position]) {
                    position += 1
                }
                let name = String(decoding: bytes[start..<position], as: UTF8.self)
                tokens.append(TemplateToken(kind: .name(name), location: location(of: start)))
            } else if isDigit(byte) || (byte == UInt8(ascii: "-") && isDigit(at: position + 1)) {
                try lexInteger()
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                try lexString()
            } else if let symbol = symbol(at: position) {
                position += symbol.utf8.count
                tokens.append(TemplateToken(kind: .symbol(symbol), location: location(of: start)))
            } else if !hasCloser(closer, after: position) {
                throw Diagnostic(.error, "unterminated '\(open)'; expected '\(close)'", at: location(of: opener))
            } else {
                throw Diagnostic(.error, "unexpected character '\(character(at: start))'", at: location(of: start))
            }
        }
    }

    private mutating func lexInteger() throws(Diagnostic) {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value = 0
        var overflow = false
        while position < bytes.count, isDigit(bytes[position]) {
            let digit = Int(bytes[position] - UInt8(ascii: "0"))
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.addingReportingOverflow(negative ? -digit : digit)
            overflow = overflow || overflow1 || overflow2
            value = next
            position += 1
        }
        guard !overflow else { throw Diagnostic(.error, "integer literal is too large", at: location(of: start)) }
        tokens.append(TemplateToken(kind: .integer(value), location: location(of: start)))
    }

    private mutating func lexString() throws(Diagnostic) {
        let start = position
        let quote = bytes[position]
        position += 1
        var value: [UInt8] = []
        while true {
            guard position < bytes.count, bytes[position] != UInt8(ascii: "\n") else {
                throw Diagnostic(.error, "unterminated string", at: location(of: start))
            }
            let byte = bytes[position]
            position += 1
            if byte == quote { break }
            guard byte == UInt8(ascii: "\\") else {
                value.append(byte)
                continue
            }
            let escaped = position < bytes.count ? bytes[position] : 0
            switch escaped {
            case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): value.append(escaped)
            default:
                let shown = position < bytes.count ? character(at: position) : ""
                throw Diagnostic(.error, "unknown escape '\\\(shown)' in string", at: location(of: position - 1))
            }
            position += 1
        }
        let text = String(decoding: value, as: UTF8.self)
        tokens.append(TemplateToken(kind: .string(text), location: location(of: start)))
    }

    private func symbol(at index: Int) -> String? {
        let pair = index + 1 < bytes.count ? String(decoding: bytes[index...index + 1], as: UTF8.self) : ""
        if ["==", "!=", "<=", ">="].contains(pair) { return pair }
        let single = String(decoding: bytes[index...index], as: UTF8.self)
        return ["<", ">", "=", "(", ")", ",", ".", "|", "~"].contains(single) ? single : nil
    }

    /// Whether `closer` followed by `}` starts at `index`.
    private func closes(_ closer: UInt8, at index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index] == closer && bytes[index + 1] == UInt8(ascii: "}")
    }

    /// Whether a closer comes later at all: if not, a stray character is better reported as an unclosed tag.
    private func hasCloser(_ closer: UInt8, after index: Int) -> Bool {
        var index = index
        while index + 1 < bytes.count {
            if closes(closer, at: index) { return true }
            index += 1
        }
        return false
    }

    /// The whole Unicode character whose first byte is at `index`, for messages.
    private func character(at index: Int) -> String {
        var end = index + 1
        while end < bytes.count, bytes[end] & 0b1100_0000 == 0b1000_0000 { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    private func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(path: path, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20  // ASCII letters differ from their capitals only in this bit
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }

    private func isDigit(at index: Int) -> Bool {
        index < bytes.count && isDigit(bytes[index])
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
