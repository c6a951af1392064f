import Testing

@testable import DossierCore

/// A reader of front matter lines `text` (starting on line 2 of `a.md`), which must parse cleanly.
private func fields(_ text: String) -> FrontMatterFields {
    var diagnostics = Diagnostics()
    let map = FrontMatterParser.parse(text, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
    #expect(diagnostics.all.isEmpty)
    return FrontMatterFields(map)
}

private func report(_ fields: FrontMatterFields) -> [String] {
    fields.finish().all.map(\.description)
}

@Suite("Front matter fields")
struct FrontMatterFieldsTests {
    @Test func stringReadsAnyScalarStyle() {
        var reader = fields("a: plain\nb: \"double\"\nc: 'single'\nd: |\n  block\n")
        #expect(reader.string("a") == "plain")
        #expect(reader.string("b") == "double")
        #expect(reader.string("c") == "single")
        #expect(reader.string("d") == "block\n")
        #expect(reader.string("absent") == nil)
        #expect(report(reader) == [])
    }

    @Test func missingRequiredKeyPointsAtTheMap() {
        var reader = fields("date: 2020")
        #expect(reader.string("title", required: true) == nil)
        _ = reader.date("date")
        #expect(report(reader) == ["a.md:2:1: error: missing required key 'title'"])
    }

    @Test func emptyValueReadsAsAbsent() {
        var reader = fields("summary:\ntitle:\ntopics:\ndate: ''")
        #expect(reader.string("summary") == nil)
        #expect(reader.string("title", required: true) == nil)
        #expect(reader.stringList("topics").isEmpty)
        #expect(reader.string("date") == "")
        #expect(report(reader) == ["a.md:3:1: error: missing value for required key 'title'"])
    }

    @Test(arguments: [
        ("title: [a]", "a.md:2:8: error: 'title' must be a text, not a list"),
        ("title:\n  en: x", "a.md:3:3: error: 'title' must be a text, not a map"),
    ])
    func stringOfWrongKind(source: String, expected: String) {
        var reader = fields(source)
        #expect(reader.string("title", required: true) == nil)
        #expect(report(reader) == [expected])
    }

    @Test func boolReadsPlainTrueAndFalse() {
        var reader = fields("a: true\nb: false")
        #expect(reader.bool("a") == true)
        #expect(reader.bool("b") == false)
        #expect(reader.bool("c") == nil)
        #expect(report(reader) == [])
    }

    @Test(arguments: [
        ("draft: yes", "a.md:2:8: error: 'draft' must be true or false, not 'yes'"),
        ("draft: True", "a.md:2:8: error: 'draft' must be true or false, not 'True'"),
        (
            "draft: \"true\"",
            "a.md:2:8: error: 'draft' must be true or false, not 'true'\na.md:2:8: note: write it without quotes"
        ),
        ("draft: [true]", "a.md:2:8: error: 'draft' must be true or false, not a list"),
    ])
    func boolOfWrongKind(source: String, expected: String) {
        var reader = fields(source)
        #expect(reader.bool("draft") == nil)
        #expect(report(reader) == [expected])
    }

    @Test(arguments: [
        ("date: 1995", PartialDate(year: 1995)),
        ("date: 2023-05", PartialDate(year: 2023, month: 5)),
        ("date: 2017-01-09", PartialDate(year: 2017, month: 1, day: 9)),
        ("date: \"2017-01-09\"", PartialDate(year: 2017, month: 1, day: 9)),
        ("date: '2023-05' # quoted", PartialDate(year: 2023, month: 5)),
    ])
    func dateKeepsItsPrecision(source: String, expected: PartialDate) {
        var reader = fields(source)
        #expect(reader.date("date", required: true) == expected)
        #expect(report(reader) == [])
    }

    @Test(arguments: [
        ("date: soon", "a.md:2:7: error: 'date' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not 'soon'"),
        (
            "date: 2023-02-30",
            "a.md:2:7: error: 'date' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not '2023-02-30'"
        ),
        ("date: [2020]", "a.md:2:7: error: 'date' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a list"),
        ("title: x", "a.md:2:1: error: missing required key 'date'"),
    ])
    func invalidDate(source: String, expected: String) {
        var reader = fields(source)
        _ = reader.string("title")
        #expect(reader.date("date", required: true) == nil)
        #expect(report(reader) == [expected])
    }

    @Test(arguments: ["topics: [a, 'b']", "topics:\n  - a\n  - 'b'", "topics:\n- a\n- b"])
    func stringListReadsFlowAndBlockLists(source: String) {
        var reader = fields(source)
        #expect(reader.stringList("topics").map(\.0) == ["a", "b"])
        #expect(report(reader) == [])
    }

    @Test func stringListKeepsLocations() {
        var reader = fields("actors: [putin, lukashenko]")
        let locations = reader.stringList("actors").map(\.1.description)
        #expect(locations == ["a.md:2:10", "a.md:2:17"])
    }

    @Test(arguments: [
        (
            "topics: border-controls",
            """
            a.md:2:9: error: 'topics' must be a list of texts, not 'border-controls'
            a.md:2:9: note: write '[border-controls]' for a list of one
            """
        ),
        ("topics:\n  - a\n  - x: 1", "a.md:4:5: error: each item of 'topics' must be a text, not a map"),
        ("topics:\n  - a\n  -\n  - b", "a.md:4:3: error: each item of 'topics' must be a text, not an empty value"),
    ])
    func stringListOfWrongKind(source: String, expected: String) {
        var reader = fields(source)
        _ = reader.stringList("topics")
        #expect(report(reader) == [expected])
    }

    @Test func mapAndMapList() {
        var reader = fields("notes:\n  a: one\n  b: two\nevents:\n  - date: 2020\n  - date: 2021\n    title: x")
        #expect(reader.map("notes")?.keys == ["a", "b"])
        #expect(reader.mapList("events").map(\.keys) == [["date"], ["date", "title"]])
        #expect(reader.map("absent") == nil)
        #expect(reader.mapList("absent").isEmpty)
        #expect(report(reader) == [])
    }

    @Test(arguments: [
        ("notes: text", "a.md:2:8: error: 'notes' must be a map, not 'text'"),
        ("events: a", "a.md:2:9: error: 'events' must be a list of maps, not 'a'"),
        ("events: [a]", "a.md:2:10: error: each item of 'events' must be a map, not a text"),
        ("events:\n  - date: 2020\n  - text", "a.md:4:5: error: each item of 'events' must be a map, not a text"),
    ])
    func mapOfWrongKind(source: String, expected: String) {
        var reader = fields(source)
        _ = reader.map("notes")
        _ = reader.mapList("events")
        #expect(report(reader) == [expected])
    }

    @Test func unknownKeysAreWarnedAboutWithSuggestions() {
        var reader = fields("titel: x\ndate: 2020\ncolour: red")
        _ = reader.string("title", required: true)
        _ = reader.date("date")
        #expect(
            report(reader) == [
                "a.md:2:1: error: missing required key 'title'",
                "a.md:2:1: warning: unknown key 'titel'\na.md:2:1: note: did you mean 'title'?",
                "a.md:4:1: warning: unknown key 'colour'",
            ])
    }

    @Test func nodeMarksItsKeyKnown() {
        var reader = fields("custom:\n  any: thing")
        #expect(reader.node("custom")?.map?["any"]?.text == "thing")
        #expect(report(reader) == [])
    }

    @Test func finishCanBeCalledAgain() {
        let reader = fields("extra: 1")
        #expect(reader.finish() == reader.finish())
        #expect(reader.finish().warnings.count == 1)
    }
}
