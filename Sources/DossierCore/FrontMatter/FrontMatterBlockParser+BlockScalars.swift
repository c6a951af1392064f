extension FrontMatterBlockParser {
    /// Parses a `|` or `>` block scalar whose indicator is at `indicator` on line `j`.
    ///
    /// The first line with text sets the block's indentation, which must be deeper than `parentIndent`;
    /// the block ends before the first line with text indented less. Trailing blank lines are dropped and
    /// one final newline kept (YAML's default "clip").
    mutating func blockScalar(on j: Int, at indicator: Int, parentIndent: Int) -> FrontMatterNode {
        let line = lines[j]
        let folded = bytes[indicator] == ASCII.greater
        let style: ScalarStyle = folded ? .folded : .literal
        checkHeader(line, at: indicator)

        var blockIndent: Int?
        var firstText: Int?
        var last = j
        for k in (j + 1)..<lines.count {
            let candidate = lines[k]
            var position = candidate.start
            while position < candidate.end, bytes[position] == ASCII.space { position += 1 }
            guard position < candidate.end else { continue }
            let width = position - candidate.start
            if let blockIndent {
                if width < blockIndent { break }
            } else {
                guard width > parentIndent else { break }
                blockIndent = width
                firstText = k
            }
            last = k
        }
        index = last + 1
        guard let blockIndent, let firstText else {
            return FrontMatterNode(.scalar("", style), at: location(line, indicator))
        }
        let texts = lines[(j + 1)...last].map { text(min($0.start + blockIndent, $0.end)..<$0.end) }
        let value = folded ? Self.fold(texts) : texts.joined(separator: "\n") + "\n"
        let start = lines[firstText]
        return FrontMatterNode(.scalar(value, style), at: location(start, start.start + blockIndent))
    }

    /// Reports anything after `|` or `>` but a comment: chomping and indentation indicators are not in
    /// the subset.
    private mutating func checkHeader(_ line: Line, at indicator: Int) {
        let indicatorText = character(at: indicator, in: line)
        guard indicator + 1 < line.end, !isBlank(bytes[indicator + 1]) else {
            finishLine(line, after: indicator + 1, what: "'\(indicatorText)'")
            return
        }
        var end = indicator + 1
        while end < line.end, !isBlank(bytes[end]) { end += 1 }
        diagnostics.error(
            "unsupported block scalar header '\(text(indicator..<end))'", at: location(line, indicator + 1),
            notes: ["write '|' or '>' alone"])
    }

    /// Folds lines as YAML's `>` does: lines join with a space, each blank line becomes a newline, and
    /// more-indented lines keep their line breaks.
    static func fold(_ lines: [String]) -> String {
        var result = ""
        var previousWasText = false
        var started = false
        var blanks = 0
        for line in lines {
            if line.isEmpty {
                blanks += 1
                continue
            }
            let moreIndented = line.first == " " || line.first == "\t"
            if !started {
                result += String(repeating: "\n", count: blanks)
            } else if previousWasText && !moreIndented {
                result += blanks == 0 ? " " : String(repeating: "\n", count: blanks)
            } else {
                result += String(repeating: "\n", count: blanks + 1)
            }
            result += line
            blanks = 0
            started = true
            previousWasText = !moreIndented
        }
        return result + "\n"
    }
}
