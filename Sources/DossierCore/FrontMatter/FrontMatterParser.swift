/// Splits content files at their `---` lines and parses the front matter's YAML subset (SPEC 2.1).
///
/// The subset is deliberately small and every file it accepts means the same in YAML, so editors and other
/// tools read it the same way; anything outside it is an error naming file, line and column, never text
/// silently read some other way.
public enum FrontMatterParser {
    /// Splits `text` into front matter and body, then parses the front matter.
    ///
    /// `text` is decoded UTF-8 with the BOM removed and CRLF normalised to LF by the caller. Returns nil only
    /// when no document can be made (no opening `---` on line 1, or no closing `---`), after reporting why.
    public static func document(_ text: String, path: String, diagnostics: inout Diagnostics) -> SourceDocument? {
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var frontMatterStart: String.Index?
        while lineStart < bytes.endIndex || lineNumber == 1 {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let next = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            let isDelimiter = isDelimiterLine(text[lineStart..<lineEnd])
            if lineNumber == 1 {
                guard isDelimiter else {
                    diagnostics.error(
                        "expected '---' on the first line to open the front matter",
                        at: SourceLocation(path: path, line: 1, column: 1))
                    return nil
                }
                frontMatterStart = next
            } else if isDelimiter, let start = frontMatterStart {
                let frontMatter = parse(text[start..<lineStart], path: path, firstLine: 2, diagnostics: &diagnostics)
                return SourceDocument(
                    path: path, frontMatter: frontMatter, body: String(text[next...]), bodyLineOffset: lineNumber)
            }
            if next == lineEnd { break }
            lineStart = next
            lineNumber += 1
        }
        diagnostics.error(
            "missing closing '---' for the front matter", at: SourceLocation(path: path, line: 1, column: 1))
        return nil
    }

    /// Parses front matter text whose first line is line `firstLine` of `path`.
    ///
    /// Reports every problem it can recover from into `diagnostics` and returns the entries it could read.
    public static func parse(
        _ text: some StringProtocol, path: String, firstLine: Int, diagnostics: inout Diagnostics
    ) -> FrontMatterMap {
        var parser = FrontMatterBlockParser(text, path: path, firstLine: firstLine)
        let map = parser.parseRoot()
        diagnostics.merge(parser.diagnostics)
        return map
    }

    /// Whether a line is `---`; trailing blanks are forgiven because editors show none.
    static func isDelimiterLine(_ line: Substring) -> Bool {
        var line = line[...]
        while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
        return line == "---"
    }
}
