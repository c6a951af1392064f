import Testing

@testable import DossierCore

/// Parses front matter lines (without the `---` lines), expecting no diagnostics.
private func parse(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FrontMatterMap {
    var diagnostics = Diagnostics()
    let map = FrontMatterParser.parse(text, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
    #expect(diagnostics.all.map(\.description) == [], sourceLocation: sourceLocation)
    return map
}

/// The value of `key` in one-entry front matter `text`.
private func value(_ text: String, _ key: String = "k") -> FrontMatterNode.Value? {
    parse(text)[key]?.value
}

private func loc(_ line: Int, _ column: Int) -> DossierCore.SourceLocation {
    DossierCore.SourceLocation(path: "a.md", line: line, column: column)
}

private func texts(_ node: FrontMatterNode?) -> [String?] {
    node?.list?.map(\.text) ?? []
}

@Suite("Front matter parser")
struct FrontMatterParserTests {
    @Test func plainScalarKeepsItsText() {
        #expect(value("k: Moscow erects a border") == .scalar("Moscow erects a border", .plain))
        #expect(value("k: 2023") == .scalar("2023", .plain))
        #expect(value("k: true   ") == .scalar("true", .plain))
    }

    @Test(arguments: [
        ("k: C# code", "C# code"),
        ("k: text # a comment", "text"),
        ("k: text\t# a comment", "text"),
        ("k: https://example.org/a#b", "https://example.org/a#b"),
        ("k: a:b", "a:b"),
        ("k: 50%", "50%"),
        ("k: -5", "-5"),
    ])
    func plainScalarAndComments(source: String, expected: String) {
        #expect(value(source) == .scalar(expected, .plain))
    }

    @Test(arguments: [
        (#"k: "plain""#, "plain"),
        (#"k: "say \"hi\"""#, #"say "hi""#),
        (#"k: "back\\slash""#, #"back\slash"#),
        (#"k: "two\nlines""#, "two\nlines"),
        (#"k: "a\tb""#, "a\tb"),
        (#"k: "caf\u00e9""#, "café"),
        (#"k: "\u0411\u0435\u043b""#, "Бел"),
        (#"k: "\ud83d\ude00""#, "😀"),
        (#"k: "a\/b""#, "a/b"),
        (#"k: "C# # not a comment""#, "C# # not a comment"),
        (#"k: "quoted" # comment"#, "quoted"),
        (#"k: """#, ""),
    ])
    func doubleQuotedScalar(source: String, expected: String) {
        #expect(value(source) == .scalar(expected, .doubleQuoted))
    }

    @Test(arguments: [
        ("k: 'plain'", "plain"),
        ("k: 'it''s'", "it's"),
        (#"k: 'no \n escapes'"#, #"no \n escapes"#),
        ("k: ''", ""),
        ("k: 'a, b: c' # comment", "a, b: c"),
    ])
    func singleQuotedScalar(source: String, expected: String) {
        #expect(value(source) == .scalar(expected, .singleQuoted))
    }

    @Test func commentLinesAndBlankLinesAreSkipped() {
        let map = parse("# heading comment\n\ntitle: x\n  # indented comment\n\ndate: 2020 # trailing\n")
        #expect(map.keys == ["title", "date"])
        #expect(map["date"]?.text == "2020")
    }

    @Test func emptyValueIsAnEmptyPlainScalar() {
        let map = parse("summary:\ntitle: x\n")
        #expect(map["summary"] == FrontMatterNode(.scalar("", .plain), at: loc(2, 1)))
        #expect(map["summary"]?.isEmpty == true)
        #expect(map["title"]?.text == "x")
        #expect(value("k: # only a comment") == .scalar("", .plain))
    }

    @Test func flowListsSplitAtCommasOutsideQuotes() {
        let map = parse(#"k: [a, b c, "c, d", 'e, f', "[g]"]"#)
        #expect(texts(map["k"]) == ["a", "b c", "c, d", "e, f", "[g]"])
        #expect(map["k"]?.location == loc(2, 4))
        #expect(map["k"]?.list?.map(\.location.column) == [5, 8, 13, 21, 29])
    }

    @Test(arguments: ["k: []", "k: [ ]", "k: [] # none"])
    func emptyFlowList(source: String) {
        #expect(value(source) == .list([]))
    }

    @Test func flowListAcceptsATrailingCommaAndComment() {
        #expect(texts(parse("k: [a, b,] # two")["k"]) == ["a", "b"])
    }

    @Test func blockList() {
        let map = parse("topics:\n  - border-controls\n  - 'union state'\n  -   spaced\nnext: x")
        #expect(texts(map["topics"]) == ["border-controls", "union state", "spaced"])
        #expect(map["topics"]?.location == loc(3, 3))
        #expect(map["topics"]?.list?[1].location == loc(4, 5))
        #expect(map["next"]?.text == "x")
    }

    @Test func blockListMaySitAtItsKeyIndentation() {
        let map = parse("actors:\n- vladimir-putin\n- alexander-lukashenko\ndraft: false")
        #expect(texts(map["actors"]) == ["vladimir-putin", "alexander-lukashenko"])
        #expect(map["draft"]?.text == "false")
    }

    @Test func blockListOfMaps() {
        let source = """
            events:
              - date: 2017-01-09
                title: "Russia sets up a border zone"
                actors: [fsb]
              - date: 2023
                title: Second
                topics:
                  - border-controls
            """
        let events = parse(source)["events"]?.list ?? []
        #expect(events.count == 2)
        #expect(events[0].location == loc(3, 5))
        #expect(events[0].map?.keys == ["date", "title", "actors"])
        #expect(events[0].map?["title"]?.text == "Russia sets up a border zone")
        #expect(texts(events[0].map?["actors"]) == ["fsb"])
        #expect(events[1].map?["date"]?.text == "2023")
        #expect(texts(events[1].map?["topics"]) == ["border-controls"])
        #expect(events[1].map?.entries[1].keyLocation == loc(7, 5))
    }

    @Test func listOfMapsWithNestedListAtKeyIndentation() {
        let map = parse("events:\n- title: a\n  actors:\n  - x\n  - y\n- title: b\nnext: 1")
        let events = map["events"]?.list ?? []
        #expect(events.count == 2)
        #expect(texts(events[0].map?["actors"]) == ["x", "y"])
        #expect(events[1].map?["title"]?.text == "b")
        #expect(map["next"]?.text == "1")
    }

    @Test func compactNestedLists() {
        let map = parse("k:\n  - - a\n    - b\n  - c")
        let items = map["k"]?.list ?? []
        #expect(texts(items.first) == ["a", "b"])
        #expect(items.last?.text == "c")
    }

    @Test func nestedMaps() {
        let source = """
            notes:
              fsb-secret: The orders were never published.
              deep:
                inner: value
              after: x
            title: t
            """
        let map = parse(source)
        let notes = map["notes"]?.map
        #expect(notes?.keys == ["fsb-secret", "deep", "after"])
        #expect(notes?.location == loc(3, 3))
        #expect(notes?["deep"]?.map?["inner"]?.text == "value")
        #expect(notes?["after"]?.text == "x")
        #expect(map["title"]?.text == "t")
    }

    @Test func literalBlockKeepsNewlines() {
        let map = parse("k: |\n  first line\n    indented\n\n  third # not a comment\n\n\nnext: x")
        #expect(map["k"]?.value == .scalar("first line\n  indented\n\nthird # not a comment\n", .literal))
        #expect(map["k"]?.location == loc(3, 3))
        #expect(map["next"]?.text == "x")
    }

    @Test func foldedBlockJoinsLines() {
        let map = parse("k: >\n    one\n    two\n\n    three\n      kept\n    four\n")
        #expect(map["k"]?.value == .scalar("one two\nthree\n  kept\nfour\n", .folded))
        #expect(map["k"]?.location == loc(3, 5))
    }

    @Test func blockScalarInAListOfMaps() {
        let map = parse("events:\n  - title: |\n      Line one\n      Line two\n    date: 2020")
        let event = map["events"]?.list?.first?.map
        #expect(event?["title"]?.text == "Line one\nLine two\n")
        #expect(event?["date"]?.text == "2020")
    }

    @Test func blockScalarWithNoLinesIsEmpty() {
        let map = parse("k: |\nnext: x")
        #expect(map["k"]?.value == .scalar("", .literal))
        #expect(map["next"]?.text == "x")
    }

    @Test func columnsCountUTF8Bytes() {
        let map = parse("name: Лукашенко\naliases: [Лукашэнка, Lukashenko]")
        #expect(map["aliases"]?.list?.map(\.location.column) == [11, 31])
    }

    @Test func documentSplitsFrontMatterAndBody() throws {
        var diagnostics = Diagnostics()
        let text = "---\ntitle: x\n---\n# Heading\n\nBody.\n"
        let document = try #require(FrontMatterParser.document(text, path: "a.md", diagnostics: &diagnostics))
        #expect(diagnostics.all.isEmpty)
        #expect(document.path == "a.md")
        #expect(document.frontMatter["title"]?.text == "x")
        #expect(document.frontMatter["title"]?.location == loc(2, 8))
        #expect(document.body == "# Heading\n\nBody.\n")
        #expect(document.bodyLineOffset == 3)
    }

    @Test(arguments: ["---\ntitle: x\n---\n", "---\ntitle: x\n---", "---\ntitle: x\n---  "])
    func documentWithEmptyBody(text: String) throws {
        var diagnostics = Diagnostics()
        let document = try #require(FrontMatterParser.document(text, path: "a.md", diagnostics: &diagnostics))
        #expect(diagnostics.all.isEmpty)
        #expect(document.body == "")
        #expect(document.bodyLineOffset == 3)
    }

    @Test func documentWithEmptyFrontMatter() throws {
        var diagnostics = Diagnostics()
        let text = "---\n---\nText"
        let document = try #require(FrontMatterParser.document(text, path: "a.md", diagnostics: &diagnostics))
        #expect(diagnostics.all.isEmpty)
        #expect(document.frontMatter.entries.isEmpty)
        #expect(document.frontMatter.location == loc(2, 1))
        #expect(document.body == "Text")
        #expect(document.bodyLineOffset == 2)
    }

    @Test func bodyKeepsLaterDelimiterLines() throws {
        var diagnostics = Diagnostics()
        let text = "---\na: 1\n\nb: 2\n---\nintro\n---\nmore"
        let document = try #require(FrontMatterParser.document(text, path: "a.md", diagnostics: &diagnostics))
        #expect(document.frontMatter.keys == ["a", "b"])
        #expect(document.body == "intro\n---\nmore")
        #expect(document.bodyLineOffset == 5)
    }

    @Test func foldHelperKeepsLeadingBlankLines() {
        #expect(FrontMatterBlockParser.fold(["", "a", "b"]) == "\na b\n")
    }
}
