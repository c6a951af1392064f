/// A minimal scanner for the HTML the generator writes: finds every start tag's attributes and
/// every `id`, with line and column, skipping comments, scripts and styles.
///
/// It is not a general HTML parser; it is exact for well-formed markup, which is all a link
/// check of generated pages needs.
struct HTMLScanner {
    /// One attribute of a start tag.
    struct Attribute {
        var tag: String
        var name: String
        var value: String
        var line: Int
        var column: Int
    }

    /// A start tag's name and place.
    struct Tag {
        var name: String
        var line: Int
        var column: Int
    }

    /// Every attribute of every start tag in `html`, in document order.
    static func attributes(in html: String) -> [Attribute] {
        scan(html).attributes
    }

    /// Every start tag and every attribute in `html`, in document order.
    static func scan(_ html: String) -> (tags: [Tag], attributes: [Attribute]) {
        let bytes = Array(html.utf8)
        var result: [Attribute] = []
        var tags: [Tag] = []
        var index = 0
        var line = 1
        var lineStart = 0
        func advance(to target: Int) {
            while index < target {
                if bytes[index] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }
        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle.utf8)
            var position = start
            while position + pattern.count <= bytes.count {
                if bytes[position] == pattern[0], Array(bytes[position..<position + pattern.count]) == pattern {
                    return position
                }
                position += 1
            }
            return nil
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                advance(to: index + 1)
                continue
            }
            if let end = skipSpecial(bytes, at: index, find: find) {
                advance(to: end)
                continue
            }
            var position = index + 1
            guard position < bytes.count, isNameByte(bytes[position]) else {
                advance(to: index + 1)
                continue
            }
            let nameStart = position
            while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
            let tag = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
            advance(to: index)
            tags.append(Tag(name: tag, line: line, column: index - lineStart + 1))
            while position < bytes.count, bytes[position] != UInt8(ascii: ">") {
                if isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") {
                    position += 1
                    continue
                }
                let attributeStart = position
                while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                    bytes[position] != UInt8(ascii: ">")
                {
                    position += 1
                }
                let name = String(decoding: bytes[attributeStart..<position], as: UTF8.self).lowercased()
                var value = ""
                if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    if position < bytes.count,
                        bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                    {
                        let quote = bytes[position]
                        let valueStart = position + 1
                        position = valueStart
                        while position < bytes.count, bytes[position] != quote { position += 1 }
                        value = String(decoding: bytes[valueStart..<min(position, bytes.count)], as: UTF8.self)
                        position += 1
                    } else {
                        let valueStart = position
                        while position < bytes.count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
                            position += 1
                        }
                        value = String(decoding: bytes[valueStart..<position], as: UTF8.self)
                    }
                }
                advance(to: attributeStart)
                result.append(
                    Attribute(
                        tag: tag, name: name, value: decodeEntities(value), line: line,
                        column: attributeStart - lineStart + 1))
            }
            advance(to: min(position + 1, bytes.count))
            if tag == "script" || tag == "style", let close = find("</\(tag)", from: index) {
                advance(to: close)
            }
        }
        return (tags, result)
    }

    /// The end of a comment, doctype or processing instruction starting at `index`, if it is one.
    private static func skipSpecial(_ bytes: [UInt8], at index: Int, find: (String, Int) -> Int?) -> Int? {
        guard index + 1 < bytes.count else { return nil }
        if bytes[index + 1] == UInt8(ascii: "!") {
            if index + 3 < bytes.count, bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                return (find("-->", index + 4) ?? bytes.count - 3) + 3
            }
            return (find(">", index) ?? bytes.count - 1) + 1
        }
        if bytes[index + 1] == UInt8(ascii: "?") { return (find(">", index) ?? bytes.count - 1) + 1 }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// Decodes the character references the generator writes (`&amp;`, `&quot;`, numeric ones).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.firstIndex(of: ";"), rest.distance(from: ampersand, to: semicolon) <= 10 else {
                output += "&"
                rest = rest.dropFirst()
                continue
            }
            let name = rest[rest.index(after: ampersand)..<semicolon]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let value = named[String(name)] {
                output += value
            } else if name.hasPrefix("#"),
                let code = name.hasPrefix("#x") || name.hasPrefix("#X")
                    ? UInt32(name.dropFirst(2), radix: 16) : UInt32(name.dropFirst()),
                let scalar = Unicode.Scalar(code)
            {
                output.unicodeScalars.append(scalar)
            } else {
                output += rest[...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return output + rest
    }
}
