import Testing

@testable import DossierCore

/// Every diagnostic, as printed, for a file whose front matter lines are `frontMatter`.
private func report(_ frontMatter: String) -> [String] {
    report(document: "---\n" + frontMatter + "\n---\nBody\n")
}

/// Every diagnostic, as printed, for the whole file `text`.
private func report(document text: String) -> [String] {
    var diagnostics = Diagnostics()
    _ = FrontMatterParser.document(text, path: "a.md", diagnostics: &diagnostics)
    return diagnostics.all.map(\.description)
}

@Suite("Front matter errors")
struct FrontMatterErrorTests {
    @Test func missingOpeningDelimiter() {
        var diagnostics = Diagnostics()
        #expect(FrontMatterParser.document("title: x\n---\n", path: "a.md", diagnostics: &diagnostics) == nil)
        #expect(
            diagnostics.all.map(\.description) == [
                "a.md:1:1: error: expected '---' on the first line to open the front matter"
            ])
        #expect(
            report(document: "") == ["a.md:1:1: error: expected '---' on the first line to open the front matter"])
    }

    @Test(arguments: ["---\ntitle: x\n", "---\ntitle: x", "---", "---\n...\nbody"])
    func missingClosingDelimiter(text: String) {
        var diagnostics = Diagnostics()
        #expect(FrontMatterParser.document(text, path: "a.md", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map(\.description) == ["a.md:1:1: error: missing closing '---' for the front matter"])
    }

    @Test(arguments: [
        // Tabs and indentation.
        ("title: x\n\tdate: 2020", "a.md:3:1: error: tab in indentation"),
        ("notes:\n  \tid: text", "a.md:3:3: error: tab in indentation"),
        ("topics:\n  -\tborders", "a.md:3:4: error: tab in indentation"),
        ("title: x\n  date: 2020", "a.md:3:3: error: inconsistent indentation"),
        ("  title: x", "a.md:2:3: error: inconsistent indentation"),
        ("a:\n    b: 1\n  c: 2", "a.md:4:3: error: inconsistent indentation"),
        ("tags:\n  - a\n    - b", "a.md:4:5: error: inconsistent indentation"),
        (
            "summary: a long text\n  that goes on",
            """
            a.md:3:3: error: inconsistent indentation
            a.md:3:3: note: a text that continues on further lines needs '|' or '>' after its key
            """
        ),
        // Keys and lines.
        (
            "title: a\ndate: 2020\ntitle: b",
            "a.md:4:1: error: duplicate key 'title'\na.md:4:1: note: 'title' is first set at line 2, column 1"
        ),
        ("just some text", "a.md:2:1: error: expected 'key: value'"),
        ("[a, b]", "a.md:2:1: error: expected 'key: value'"),
        ("title:x", "a.md:2:1: error: expected 'key: value'\na.md:2:1: note: a key ends with a ':' and a space"),
        (
            "title: x\n- a",
            """
            a.md:3:1: error: expected 'key: value'
            a.md:3:1: note: a list goes on the lines after a key that has no value on its own line
            """
        ),
        ("tags:\n  - a\n  b: c", "a.md:4:3: error: expected '- item'"),
        (
            "my key: x",
            """
            a.md:2:3: error: invalid character ' ' in key 'my key'
            a.md:2:3: note: keys may only contain letters, digits, '_' and '-'
            """
        ),
        (
            "naïve: x",
            """
            a.md:2:3: error: invalid character 'ï' in key 'naïve'
            a.md:2:3: note: keys may only contain letters, digits, '_' and '-'
            """
        ),
        (
            "\"title\": x",
            """
            a.md:2:1: error: invalid character '"' in key '"title"'
            a.md:2:1: note: keys may only contain letters, digits, '_' and '-'
            """
        ),
        // Quoted scalars.
        (
            "title: \"Moscow erects",
            """
            a.md:2:8: error: unterminated double-quoted string
            a.md:2:8: note: a quoted text must end on the line where it starts; use '|' or '>' for longer text
            """
        ),
        (
            "title: 'Moscow erects",
            """
            a.md:2:8: error: unterminated single-quoted string
            a.md:2:8: note: a quoted text must end on the line where it starts; use '|' or '>' for longer text
            """
        ),
        ("title: \"a\" b", "a.md:2:12: error: unexpected text after the closing quote"),
        ("title: 'a'b", "a.md:2:11: error: unexpected text after the closing quote"),
        (
            #"title: "a\qb""#,
            #"""
            a.md:2:10: error: unknown escape '\q'
            a.md:2:10: note: the escapes are \" \\ \/ \n \t and \uXXXX
            """#
        ),
        (#"title: "\u12G4""#, #"a.md:2:9: error: '\u' must be followed by four hexadecimal digits"#),
        (
            #"title: "\ud800x""#,
            """
            a.md:2:9: error: invalid unicode escape '\\ud800'
            a.md:2:9: note: a surrogate must be followed by its pair
            """
        ),
        // Plain scalars.
        ("title: Belarus: a story", "a.md:2:15: error: unexpected ':' in a plain text; quote the text"),
        ("name: Лукашенко: x", "a.md:2:25: error: unexpected ':' in a plain text; quote the text"),
        (
            "tags: - a",
            "a.md:2:7: error: a list cannot start on the line of its key; put each '- item' on a line of its own"
        ),
        ("title: @home", "a.md:2:8: error: '@' cannot start a plain text; quote the text"),
        // Flow lists.
        (
            "topics: [a, b",
            "a.md:2:9: error: unterminated flow list\na.md:2:9: note: a flow list must end with ']' on its first line"
        ),
        (
            "topics: [a, b # comment]",
            "a.md:2:9: error: unterminated flow list\na.md:2:9: note: a flow list must end with ']' on its first line"
        ),
        (
            "topics: [a, \"b]",
            """
            a.md:2:13: error: unterminated double-quoted string
            a.md:2:13: note: a quoted text must end on the line where it starts; use '|' or '>' for longer text
            """
        ),
        ("topics: [a, , b]", "a.md:2:13: error: empty item in a flow list"),
        ("topics: [a] b", "a.md:2:13: error: unexpected text after ']'"),
        ("topics: [\"a\" b]", "a.md:2:14: error: unexpected text after the closing quote"),
        ("topics: [a[1]]", "a.md:2:11: error: unexpected '[' in a flow list; quote the item"),
        ("topics: [a, [b]]", "a.md:2:13: error: nested flow lists are not supported; use an indented list"),
        // Outside the subset.
        ("meta: {a: 1}", "a.md:2:7: error: flow maps are not supported; use an indented map"),
        ("{a: 1}", "a.md:2:1: error: flow maps are not supported; use an indented map"),
        ("topics: [a, {b: c}]", "a.md:2:13: error: flow maps are not supported; use an indented map"),
        (
            "base: &b x",
            "a.md:2:7: error: anchors ('&') are not supported\na.md:2:7: note: quote the text if it is meant literally"
        ),
        (
            "copy: *b",
            "a.md:2:7: error: aliases ('*') are not supported\na.md:2:7: note: quote the text if it is meant literally"
        ),
        (
            "title: !!str x",
            "a.md:2:8: error: tags ('!') are not supported\na.md:2:8: note: quote the text if it is meant literally"
        ),
        ("? complex", "a.md:2:1: error: complex keys ('?') are not supported"),
        ("%YAML 1.2", "a.md:2:1: error: directives ('%') are not supported"),
        ("title: x\n...", "a.md:3:1: error: document markers ('---', '...') are not supported in the front matter"),
        (
            "summary: |-\n  text",
            "a.md:2:11: error: unsupported block scalar header '|-'\na.md:2:11: note: write '|' or '>' alone"
        ),
        ("summary: > extra\n  text", "a.md:2:12: error: unexpected text after '>'"),
    ])
    func singleError(frontMatter: String, expected: String) {
        #expect(report(frontMatter) == [expected])
    }

    @Test func errorsInAFileAreAllReported() {
        let frontMatter = """
            title: "Unterminated
            date: 2020
            \tauthor: tabbed
            topics: [a, b
            title: again
            notes:
              one: fine
                two: too deep
              three: {x: 1}
            bad key: x
            summary: fine
            """
        #expect(
            report(frontMatter) == [
                """
                a.md:2:8: error: unterminated double-quoted string
                a.md:2:8: note: a quoted text must end on the line where it starts; use '|' or '>' for longer text
                """,
                "a.md:4:1: error: tab in indentation",
                """
                a.md:5:9: error: unterminated flow list
                a.md:5:9: note: a flow list must end with ']' on its first line
                """,
                "a.md:6:1: error: duplicate key 'title'\na.md:6:1: note: 'title' is first set at line 2, column 1",
                "a.md:9:5: error: inconsistent indentation",
                "a.md:10:10: error: flow maps are not supported; use an indented map",
                """
                a.md:11:4: error: invalid character ' ' in key 'bad key'
                a.md:11:4: note: keys may only contain letters, digits, '_' and '-'
                """,
            ])
    }

    @Test func parsingGoesOnAfterErrors() {
        var diagnostics = Diagnostics()
        let text = "a: \"open\nb:\n  - x\n    deep: 1\n  - y\nc: [1, 2\nd: |\n  text\ne: done"
        let map = FrontMatterParser.parse(text, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
        #expect(diagnostics.errors.count == 3)
        #expect(map.keys == ["a", "b", "c", "d", "e"])
        #expect(map["b"]?.list?.map(\.text) == ["x", "y"])
        #expect(map["c"]?.list?.map(\.text) == ["1", "2"])
        #expect(map["d"]?.text == "text\n")
        #expect(map["e"]?.text == "done")
    }

    @Test func tabsInsideBlockScalarsAreText() {
        var diagnostics = Diagnostics()
        let map = FrontMatterParser.parse("code: |\n  a\n  \tb", path: "a.md", firstLine: 2, diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty)
        #expect(map["code"]?.text == "a\n\tb\n")
    }

    /// Arbitrary text made of the characters the parser reacts to must never crash or hang it.
    @Test func randomInputNeverCrashes() {
        let pieces = [
            " ", "  ", "\t", "\n", "\n  ", "- ", "-", ":", ": ", "key", "é", "#", " #", "\"", "'", "\\", "\\u",
            "[", "]", ",", "{", "|", ">", "&", "*", "!", "?", "%", "---", "...", "12", "\\ud83d",
        ]
        var generator = XorShift(state: 0x2545_F491_4F6C_DD1D)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            var diagnostics = Diagnostics()
            _ = FrontMatterParser.parse(text, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
            _ = FrontMatterParser.document("---\n" + text + "\n---\n", path: "a.md", diagnostics: &diagnostics)
        }
    }
}

/// A deterministic generator (xorshift), so a failing random input can be reproduced.
private struct XorShift: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
