import Testing

@testable import DossierCore

/// Cases found in review: id namespaces, annotations inside links and passages, exact columns,
/// and inputs that used to take quadratic time.
@Suite("Annotation edge cases")
struct AnnotationEdgeCaseTests {
    @Test("headings, paragraphs, notes and passages never share an id")
    func idNamespaces() {
        let (body, problems) = renderArticleBody(
            "## P 2\n\nOne.\n\nTwo [x](note:context).\n\n## Note context\n\n## P 2\n",
            notes: "notes:\n  context: |\n    ## P 2\n    Text.\n")
        #expect(problems.isEmpty)
        #expect(body.html.contains(#"<h2 id="h-p-2">"#))
        #expect(body.html.contains(#"<p id="p-2">Two"#))
        #expect(body.html.contains(#"<aside class="note" id="note-context""#))
        #expect(body.html.contains(#"<h2 id="h-note-context">"#))
        #expect(body.html.contains(#"<h2 id="h-p-2-2">"#))
        #expect(body.html.contains(#"<h2 id="h-p-2-3">"#))
    }

    @Test("a shorthand inside a note's passage stays a link; inside a link it is checked and counted")
    func shorthandInsideAnnotations() {
        let (body, problems) = renderArticleBody(
            "[orders [[Putin]] gave](note:context) and [see [[Lukashenka]]](https://example.org/).\n",
            notes: "notes:\n  context: Text.\n")
        #expect(problems.isEmpty)
        #expect(body.html.contains(#"<mark class="noted" id="noted-context">orders <a class="mention actor""#))
        #expect(body.html.contains(#"<a href="https://example.org/">see Lukashenka</a>"#))
        #expect(body.mentions.map(\.target) == [.actor("vladimir-putin"), .actor("alexander-lukashenko")])
        let (_, errors) = renderArticleBody("[see [[Nobody]]](https://example.org/)\n")
        #expect(errors == ["Content/articles/probe.md:5:6: error: '[[Nobody]]' names no actor or topic"])
    }

    @Test("columns of [[names]] count the source as written, escapes and entities included")
    func columnsAfterEscapes() {
        let (_, errors) = renderArticleBody("&amp; &copy; [[Nobody6]] and \\* [[Nobody7]]\n")
        #expect(
            errors == [
                "Content/articles/probe.md:5:14: error: '[[Nobody6]]' names no actor or topic",
                "Content/articles/probe.md:5:33: error: '[[Nobody7]]' names no actor or topic",
            ])
    }

    @Test("a folded note reports problems on the line where they are written")
    func foldedNoteLines() {
        let (_, errors) = renderArticleBody(
            "[x](note:context)\n", notes: "notes:\n  context: >\n    First line\n    then [[Nobody]] here.\n")
        #expect(errors == ["Content/articles/probe.md:7:10: error: '[[Nobody]]' names no actor or topic"])
    }

    @Test("an empty shown text is an error")
    func emptyShorthand() {
        let (_, errors) = renderArticleBody("[[Putin|]]\n")
        #expect(
            errors == [
                "Content/articles/probe.md:5:1: error: '[[Putin|]]' shows no text; write [[name]] or [[name|text]]"
            ])
    }

    @Test("20,000 mentions in one paragraph render in linear time", .timeLimit(.minutes(1)))
    func manyMentions() {
        let (body, problems) = renderArticleBody(String(repeating: "[[Putin]] ", count: 20_000) + "\n")
        #expect(problems.isEmpty)
        #expect(body.mentions.count == 20_000)
    }

    @Test("20,000 identical headings and note references get unique ids in linear time", .timeLimit(.minutes(1)))
    func manyDuplicateIDs() {
        let text = String(repeating: "## Same\n\n[a](note:context)\n\n", count: 20_000)
        let (body, problems) = renderArticleBody(text, notes: "notes:\n  context: Text.\n")
        #expect(problems.isEmpty)
        #expect(body.anchors.contains("h-same-20000"))
        #expect(body.anchors.contains("noted-context-20000"))
    }
}
