extension FrontMatterBlockParser {
    /// A quoted scalar as scanned: its decoded text, and where it ended.
    struct QuotedScalar {
        /// The text with escapes decoded.
        var text: String
        /// Double- or single-quoted.
        var style: ScalarStyle
        /// The offset just past the closing quote, or the end of the line when there is none.
        var end: Int
        /// Whether the closing quote was found; an unterminated scalar has already been reported.
        var terminated: Bool
    }

    /// Scans the double- or single-quoted scalar opening at `open`; a quoted text must close on its own line.
    mutating func scanQuoted(_ line: Line, at open: Int) -> QuotedScalar {
        let double = bytes[open] == ASCII.doubleQuote
        var decoded: [UInt8] = []
        var position = open + 1
        while position < line.end {
            let byte = bytes[position]
            if double, byte == ASCII.backslash, position + 1 < line.end {
                position = decodeEscape(line, at: position, into: &decoded)
                continue
            }
            if double, byte == ASCII.doubleQuote {
                return QuotedScalar(text: text(decoded), style: .doubleQuoted, end: position + 1, terminated: true)
            }
            if !double, byte == ASCII.singleQuote {
                guard position + 1 < line.end, bytes[position + 1] == ASCII.singleQuote else {
                    return QuotedScalar(text: text(decoded), style: .singleQuoted, end: position + 1, terminated: true)
                }
                position += 1
            }
            decoded.append(byte)
            position += 1
        }
        diagnostics.error(
            "unterminated \(double ? "double" : "single")-quoted string", at: location(line, open),
            notes: ["a quoted text must end on the line where it starts; use '|' or '>' for longer text"])
        return QuotedScalar(
            text: text(decoded), style: double ? .doubleQuoted : .singleQuoted, end: line.end, terminated: false)
    }

    /// Decodes the escape whose backslash is at `backslash` into `decoded`; returns the offset after it.
    private mutating func decodeEscape(_ line: Line, at backslash: Int, into decoded: inout [UInt8]) -> Int {
        let escaped = bytes[backslash + 1]
        switch escaped {
        case ASCII.doubleQuote, ASCII.backslash, UInt8(ascii: "/"):
            decoded.append(escaped)
        case UInt8(ascii: "n"):
            decoded.append(ASCII.newline)
        case UInt8(ascii: "t"):
            decoded.append(ASCII.tab)
        case UInt8(ascii: "u"):
            return decodeUnicodeEscape(line, at: backslash, into: &decoded)
        default:
            diagnostics.error(
                "unknown escape '\\\(character(at: backslash + 1, in: line))'", at: location(line, backslash),
                notes: [#"the escapes are \" \\ \/ \n \t and \uXXXX"#])
            // Keep the escaped character so the rest of the text still reads as written.
            return backslash + 1
        }
        return backslash + 2
    }

    /// Decodes `\uXXXX`, joining a UTF-16 surrogate pair written as two escapes.
    private mutating func decodeUnicodeEscape(_ line: Line, at backslash: Int, into decoded: inout [UInt8]) -> Int {
        guard let first = hexValue(line, at: backslash + 2) else {
            diagnostics.error(
                "'\\u' must be followed by four hexadecimal digits", at: location(line, backslash))
            return backslash + 2
        }
        var value = first
        var end = backslash + 6
        if (0xD800..<0xDC00).contains(first), end + 1 < line.end, bytes[end] == ASCII.backslash,
            bytes[end + 1] == UInt8(ascii: "u"), let second = hexValue(line, at: end + 2),
            (0xDC00..<0xE000).contains(second)
        {
            value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            end += 6
        }
        guard let scalar = Unicode.Scalar(value) else {
            diagnostics.error(
                "invalid unicode escape '\(text(backslash..<end))'", at: location(line, backslash),
                notes: ["a surrogate must be followed by its pair"])
            return end
        }
        UTF8.encode(scalar) { decoded.append($0) }
        return end
    }

    /// The value of the four hexadecimal digits at `offset`, if there are four.
    private func hexValue(_ line: Line, at offset: Int) -> UInt32? {
        guard offset + 4 <= line.end else { return nil }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    /// The text of decoded bytes.
    private func text(_ decoded: [UInt8]) -> String { String(decoding: decoded, as: UTF8.self) }
}
