/// The indentation half of the front matter parser: maps, block lists and how they nest.
///
/// It works on UTF-8 bytes because locations count bytes, and every byte it looks for is ASCII. Each level
/// of nesting is one call that owns the lines indented exactly to its column; after an error in an entry it
/// skips to the next line back at that column, so one run reports every independent problem.
struct FrontMatterBlockParser {
    /// One line of the front matter, as byte offsets into `bytes`.
    struct Line {
        /// The line number in the file.
        let number: Int
        /// The offset of the line's first byte.
        let start: Int
        /// The offset just past the line's last byte, before its newline.
        let end: Int
        /// The offset of the first byte after the indentation; a compact list item (`- key: value`) moves it
        /// past the `- ` so the nested block can be parsed as if it were indented there.
        var contentStart: Int
        /// The offset of the first tab in the indentation, which YAML forbids.
        let tabOffset: Int?

        /// The number of indentation bytes (a tab counts as one).
        var indent: Int { contentStart - start }
    }

    /// Bytes the parser looks for.
    enum ASCII {
        static let newline = UInt8(ascii: "\n")
        static let space = UInt8(ascii: " ")
        static let tab = UInt8(ascii: "\t")
        static let hash = UInt8(ascii: "#")
        static let colon = UInt8(ascii: ":")
        static let dash = UInt8(ascii: "-")
        static let comma = UInt8(ascii: ",")
        static let doubleQuote = UInt8(ascii: "\"")
        static let singleQuote = UInt8(ascii: "'")
        static let backslash = UInt8(ascii: "\\")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let openBrace = UInt8(ascii: "{")
        static let pipe = UInt8(ascii: "|")
        static let greater = UInt8(ascii: ">")
    }

    /// The front matter's UTF-8 text.
    let bytes: [UInt8]
    /// The file, for locations.
    let path: String
    /// The file line of the front matter's first line.
    let firstLine: Int
    /// The lines of `bytes`, in order.
    var lines: [Line] = []
    /// The next line to look at.
    var index = 0
    /// What went wrong so far; the caller merges it into its own collector.
    var diagnostics = Diagnostics()
    /// How many maps and lists are open; each level is a call, so the depth is capped.
    var depth = 0
    /// The deepest nesting accepted, far beyond any real front matter, well within the stack.
    static let maximumDepth = 64

    /// Prepares to parse `text`, whose first line is line `firstLine` of `path`.
    init(_ text: some StringProtocol, path: String, firstLine: Int) {
        self.bytes = Array(text.utf8)
        self.path = path
        self.firstLine = firstLine
        var start = 0
        var number = firstLine
        while start < bytes.count || lines.isEmpty {
            let end = bytes[start...].firstIndex(of: ASCII.newline) ?? bytes.count
            var content = start
            var tabOffset: Int?
            while content < end, bytes[content] == ASCII.space || bytes[content] == ASCII.tab {
                if bytes[content] == ASCII.tab, tabOffset == nil { tabOffset = content }
                content += 1
            }
            lines.append(Line(number: number, start: start, end: end, contentStart: content, tabOffset: tabOffset))
            start = end + 1
            number += 1
        }
    }

    /// Parses the whole text as the top-level map, whose keys start at column 1.
    mutating func parseRoot() -> FrontMatterMap {
        guard let first = nextLine() else {
            return FrontMatterMap(location: SourceLocation(path: path, line: firstLine, column: 1))
        }
        return parseMap(indent: 0, at: location(lines[first], lines[first].contentStart))
    }

    /// Parses the entries indented exactly `indent` bytes, stopping at the first line indented less.
    mutating func parseMap(indent: Int, at location: SourceLocation) -> FrontMatterMap {
        var map = FrontMatterMap(location: location)
        depth += 1
        defer { depth -= 1 }
        guard !rejectTooDeep(indent: indent) else { return map }
        var lastEntryWasPlain = false
        while let j = nextLine() {
            let line = lines[j]
            if line.indent < indent { break }
            if line.tabOffset != nil || line.indent > indent {
                var notes: [String] = []
                if lastEntryWasPlain, line.tabOffset == nil, separator(in: line, from: line.contentStart) == nil {
                    notes = ["a text that continues on further lines needs '|' or '>' after its key"]
                }
                rejectLine(j, level: indent, notes: notes)
                lastEntryWasPlain = false
                continue
            }
            let node = parseEntry(on: j, into: &map)
            if node == nil { skip(deeperThan: indent) }
            lastEntryWasPlain = node.map { $0.location.line == line.number && $0.isPlainScalar } ?? false
        }
        return map
    }

    /// Parses the `- item` lines indented exactly `indent` bytes.
    ///
    /// A list may sit at its key's own indentation (`key:` then `- a`); such a list ends quietly at the next
    /// line that is not an item, where its parent map continues.
    mutating func parseList(indent: Int, sharesParentIndent: Bool) -> [FrontMatterNode] {
        var items: [FrontMatterNode] = []
        depth += 1
        defer { depth -= 1 }
        guard !rejectTooDeep(indent: indent) else { return items }
        while let j = nextLine() {
            let line = lines[j]
            if line.indent < indent { break }
            if line.tabOffset != nil || line.indent > indent {
                rejectLine(j, level: indent)
                continue
            }
            guard isItem(line, at: line.contentStart) else {
                if sharesParentIndent { break }
                diagnostics.error("expected '- item'", at: location(line, line.contentStart))
                index = j + 1
                skip(deeperThan: indent)
                continue
            }
            if let item = parseItem(on: j, indent: indent) {
                items.append(item)
            } else {
                skip(deeperThan: indent)
            }
        }
        return items
    }

    /// Past the maximum depth, reports the level's first line and skips every line at or below it.
    mutating func rejectTooDeep(indent: Int) -> Bool {
        guard depth > FrontMatterBlockParser.maximumDepth else { return false }
        if let j = nextLine() {
            diagnostics.error(
                "front matter nested more than \(FrontMatterBlockParser.maximumDepth) levels deep",
                at: location(lines[j], lines[j].contentStart))
            skip(deeperThan: indent - 1)
        }
        return true
    }

    /// Parses the `key: value` entry on line `j` into `map`; nil after an error that spoils the entry.
    mutating func parseEntry(on j: Int, into map: inout FrontMatterMap) -> FrontMatterNode? {
        let line = lines[j]
        let start = line.contentStart
        index = j + 1
        guard let colon = keyEnd(in: line) else { return nil }
        let key = text(start..<colon)
        let keyLocation = location(line, start)
        let first = map.entry(key)
        if let first {
            diagnostics.error(
                "duplicate key '\(key)'", at: keyLocation,
                notes: ["'\(key)' is first set at line \(first.keyLocation.line), column \(first.keyLocation.column)"])
        }
        let node = parseValue(
            on: j, from: colon + 1, parentIndent: line.indent, emptyAt: keyLocation,
            listMayShareIndent: true)
        if let node, first == nil {
            map.append(FrontMatterEntry(key: key, keyLocation: keyLocation, node: node))
        }
        return node
    }

    /// Parses the `- item` on line `j` of a list indented `indent` bytes; nil after an error that spoils it.
    mutating func parseItem(on j: Int, indent: Int) -> FrontMatterNode? {
        let line = lines[j]
        let dash = line.contentStart
        let dashLocation = location(line, dash)
        index = j + 1
        var start = dash + 1
        while start < line.end, bytes[start] == ASCII.space || bytes[start] == ASCII.tab {
            if bytes[start] == ASCII.tab {
                diagnostics.error("tab in indentation", at: location(line, start))
                return nil
            }
            start += 1
        }
        if start == line.end || bytes[start] == ASCII.hash {
            return parseNestedBlock(parentIndent: indent, emptyAt: dashLocation, listMayShareIndent: false)
        }
        let nestedList = isItem(line, at: start)
        guard nestedList || startsEntry(line, at: start) else {
            return parseValue(
                on: j, from: start, parentIndent: indent, emptyAt: dashLocation,
                listMayShareIndent: false)
        }
        // Compact form: the `- ` counts as indentation, so the nested block's later lines line up under it.
        lines[j].contentStart = start
        index = j
        let nestedIndent = start - line.start
        let nestedLocation = location(line, start)
        if nestedList {
            let items = parseList(indent: nestedIndent, sharesParentIndent: false)
            return FrontMatterNode(.list(items), at: nestedLocation)
        }
        return FrontMatterNode(.map(parseMap(indent: nestedIndent, at: nestedLocation)), at: nestedLocation)
    }

    /// Parses what follows a key's colon or an item's dash from `start` on line `j`: an inline value, or,
    /// when the line ends there, the indented block on the next lines.
    mutating func parseValue(
        on j: Int, from start: Int, parentIndent: Int, emptyAt emptyLocation: SourceLocation,
        listMayShareIndent: Bool
    ) -> FrontMatterNode? {
        let line = lines[j]
        var start = start
        while start < line.end, isBlank(bytes[start]) { start += 1 }
        index = j + 1
        if start == line.end || bytes[start] == ASCII.hash {
            return parseNestedBlock(
                parentIndent: parentIndent, emptyAt: emptyLocation, listMayShareIndent: listMayShareIndent)
        }
        return parseInlineValue(on: j, at: start, parentIndent: parentIndent)
    }

    /// Parses the block indented under a key or item that has no value on its own line; with no such block
    /// the value is an empty plain scalar, which YAML reads as null.
    mutating func parseNestedBlock(
        parentIndent: Int, emptyAt emptyLocation: SourceLocation, listMayShareIndent: Bool
    ) -> FrontMatterNode? {
        let empty = FrontMatterNode(.scalar("", .plain), at: emptyLocation)
        guard let k = nextLine() else { return empty }
        let next = lines[k]
        let nestedLocation = location(next, next.contentStart)
        if next.indent > parentIndent {
            if let tab = next.tabOffset {
                diagnostics.error("tab in indentation", at: location(next, tab))
                index = k + 1
                skip(deeperThan: parentIndent)
                return nil
            }
            if isItem(next, at: next.contentStart) {
                let items = parseList(indent: next.indent, sharesParentIndent: false)
                return FrontMatterNode(.list(items), at: nestedLocation)
            }
            return FrontMatterNode(.map(parseMap(indent: next.indent, at: nestedLocation)), at: nestedLocation)
        }
        if listMayShareIndent, next.indent == parentIndent, next.tabOffset == nil,
            isItem(next, at: next.contentStart)
        {
            let items = parseList(indent: parentIndent, sharesParentIndent: true)
            return FrontMatterNode(.list(items), at: nestedLocation)
        }
        return empty
    }

    /// Reports line `j`, which is tab-indented or deeper than the level being parsed, and skips it with
    /// the lines nested under it.
    mutating func rejectLine(_ j: Int, level: Int, notes: [String] = []) {
        let line = lines[j]
        if let tab = line.tabOffset {
            diagnostics.error("tab in indentation", at: location(line, tab))
        } else {
            diagnostics.error("inconsistent indentation", at: location(line, line.contentStart), notes: notes)
        }
        index = j + 1
        skip(deeperThan: level)
    }
}
