extension FrontMatterBlockParser {
    /// Parses a value written on the line of its key or dash, starting at `start` on line `j`; nil after an
    /// error that leaves no value to keep.
    mutating func parseInlineValue(on j: Int, at start: Int, parentIndent: Int) -> FrontMatterNode? {
        let line = lines[j]
        let here = location(line, start)
        switch bytes[start] {
        case ASCII.doubleQuote, ASCII.singleQuote:
            let quoted = scanQuoted(line, at: start)
            if quoted.terminated { finishLine(line, after: quoted.end, what: "the closing quote") }
            return FrontMatterNode(.scalar(quoted.text, quoted.style), at: here)
        case ASCII.openBracket:
            return flowList(line, at: start)
        case ASCII.pipe, ASCII.greater:
            return blockScalar(on: j, at: start, parentIndent: parentIndent)
        default:
            if let (message, notes) = indicatorMessage(line, at: start, inFlow: false) {
                diagnostics.error(message, at: here, notes: notes)
                return nil
            }
            let textEnd = scanPlain(line, from: start, inFlow: false).textEnd
            return FrontMatterNode(.scalar(text(start..<textEnd), .plain), at: here)
        }
    }

    /// Reports anything but blanks and a comment after a complete value.
    mutating func finishLine(_ line: Line, after offset: Int, what: String) {
        var position = offset
        while position < line.end, isBlank(bytes[position]) { position += 1 }
        guard position < line.end else { return }
        if bytes[position] == ASCII.hash, position > offset { return }
        diagnostics.error("unexpected text after \(what)", at: location(line, position))
    }

    /// Why a value cannot start with the byte at `offset`, when YAML gives that byte a meaning outside the
    /// subset or reserves it.
    func indicatorMessage(_ line: Line, at offset: Int, inFlow: Bool) -> (String, [String])? {
        let byte = bytes[offset]
        let next = offset + 1 < line.end ? bytes[offset + 1] : ASCII.space
        let endsToken = isBlank(next) || (inFlow && (next == ASCII.comma || next == ASCII.closeBracket))
        let literally = ["quote the text if it is meant literally"]
        switch byte {
        case ASCII.openBrace:
            return ("flow maps are not supported; use an indented map", [])
        case ASCII.openBracket where inFlow:
            return ("nested flow lists are not supported; use an indented list", [])
        case UInt8(ascii: "&"):
            return ("anchors ('&') are not supported", literally)
        case UInt8(ascii: "*"):
            return ("aliases ('*') are not supported", literally)
        case UInt8(ascii: "!"):
            return ("tags ('!') are not supported", literally)
        case ASCII.dash where endsToken && !inFlow:
            return ("a list cannot start on the line of its key; put each '- item' on a line of its own", [])
        case UInt8(ascii: "?") where endsToken:
            return ("complex keys ('?') are not supported", [])
        case ASCII.dash where endsToken, ASCII.colon where endsToken, UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), ASCII.pipe, ASCII.greater, ASCII.comma, ASCII.closeBracket, UInt8(ascii: "}"):
            return ("'\(character(at: offset, in: line))' cannot start a plain text; quote the text", [])
        default:
            return nil
        }
    }

    /// Scans a plain scalar from `start` to a comment, the end of the line or, in a flow list, a flow
    /// indicator; returns where its text ends (trailing blanks excluded) and where scanning stopped.
    mutating func scanPlain(_ line: Line, from start: Int, inFlow: Bool) -> (textEnd: Int, stop: Int) {
        let flowStops: [UInt8] = [
            ASCII.comma, ASCII.openBracket, ASCII.closeBracket, ASCII.openBrace, UInt8(ascii: "}"),
        ]
        var position = start
        var textEnd = start
        var reported = false
        while position < line.end {
            let byte = bytes[position]
            if byte == ASCII.hash, position > start, isBlank(bytes[position - 1]) { break }
            if inFlow, flowStops.contains(byte) { break }
            // YAML would read `a: b` inside a value as a nested map, so it is ambiguous: ask for quotes.
            if byte == ASCII.colon, !reported,
                position + 1 == line.end || isBlank(bytes[position + 1])
                    || (inFlow && flowStops.contains(bytes[position + 1]))
            {
                diagnostics.error("unexpected ':' in a plain text; quote the text", at: location(line, position))
                reported = true
            }
            if !isBlank(byte) { textEnd = position + 1 }
            position += 1
        }
        return (textEnd, position)
    }

    /// Parses a one-line flow list `[a, "b, c"]` opening at `open`; keeps the items read before an error.
    mutating func flowList(_ line: Line, at open: Int) -> FrontMatterNode {
        let here = location(line, open)
        var items: [FrontMatterNode] = []
        var position = open + 1
        scanning: while true {
            while position < line.end, isBlank(bytes[position]) { position += 1 }
            if position == line.end || (bytes[position] == ASCII.hash && isBlank(bytes[position - 1])) {
                diagnostics.error(
                    "unterminated flow list", at: here, notes: ["a flow list must end with ']' on its first line"])
                break
            }
            let itemLocation = location(line, position)
            var quotedItem = false
            switch bytes[position] {
            case ASCII.closeBracket:
                finishLine(line, after: position + 1, what: "']'")
                break scanning
            case ASCII.comma:
                diagnostics.error("empty item in a flow list", at: itemLocation)
                position += 1
                continue scanning
            case ASCII.doubleQuote, ASCII.singleQuote:
                let quoted = scanQuoted(line, at: position)
                items.append(FrontMatterNode(.scalar(quoted.text, quoted.style), at: itemLocation))
                guard quoted.terminated else { break scanning }
                position = quoted.end
                quotedItem = true
            default:
                if let (message, notes) = indicatorMessage(line, at: position, inFlow: true) {
                    diagnostics.error(message, at: itemLocation, notes: notes)
                    break scanning
                }
                let plain = scanPlain(line, from: position, inFlow: true)
                items.append(FrontMatterNode(.scalar(text(position..<plain.textEnd), .plain), at: itemLocation))
                position = plain.stop
            }
            while position < line.end, isBlank(bytes[position]) { position += 1 }
            if position == line.end || bytes[position] == ASCII.closeBracket
                || (bytes[position] == ASCII.hash && isBlank(bytes[position - 1]))
            {
                continue
            }
            if bytes[position] == ASCII.comma {
                position += 1
                continue
            }
            let message =
                quotedItem
                ? "unexpected text after the closing quote"
                : "unexpected '\(character(at: position, in: line))' in a flow list; quote the item"
            diagnostics.error(message, at: location(line, position))
            break
        }
        return FrontMatterNode(.list(items), at: here)
    }
}
