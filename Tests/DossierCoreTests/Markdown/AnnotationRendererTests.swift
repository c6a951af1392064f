import Testing

@testable import DossierCore

@Suite("Annotations in Markdown")
struct AnnotationRendererTests {
    @Test("actor, topic and article links become relative links and mentions")
    func explicitLinks() {
        let (body, problems) = renderArticleBody(
            "[the president](actor:vladimir-putin) spoke of [checks](topic:border-controls), "
                + "[see](article:first-report#p-1).\n")
        #expect(problems.isEmpty)
        #expect(
            body.html.contains(
                #"<a class="mention actor" href="../../actors/vladimir-putin/index.html">the president</a>"#))
        #expect(
            body.html.contains(#"<a class="mention topic" href="../../topics/border-controls/index.html">checks</a>"#))
        #expect(body.html.contains(#"<a class="xref" href="../../articles/first-report/index.html#p-1">see</a>"#))
        #expect(body.mentions.map(\.target) == [.actor("vladimir-putin"), .topic("border-controls")])
        #expect(body.articleReferences.map(\.slug) == ["first-report"])
    }

    @Test("[[name]] resolves by name, alias or slug, case-insensitively; [[name|text]] shows the text")
    func shorthand() {
        let (body, problems) = renderArticleBody(
            "[[lukashenka]], [[Alexander Lukashenko]], [[vladimir-putin|him]] and [[Border Controls]].\n")
        #expect(problems.isEmpty)
        #expect(
            body.mentions.map(\.target) == [
                .actor("alexander-lukashenko"), .actor("alexander-lukashenko"), .actor("vladimir-putin"),
                .topic("border-controls"),
            ])
        #expect(body.html.contains(#"href="../../actors/vladimir-putin/index.html">him</a>"#))
        #expect(body.mentions.map(\.text) == ["lukashenka", "Alexander Lukashenko", "him", "Border Controls"])
    }

    @Test("every paragraph gets a stable id and mentions know their paragraph and sentence")
    func paragraphsAndContext() {
        let (body, _) = renderArticleBody(
            "First one.\n\nIt rained. Then [[Putin]] spoke at length. Done.\n\n- a\n- b\n")
        #expect(body.html.contains(#"<p id="p-1">First one.</p>"#))
        #expect(body.html.contains(#"<p id="p-2">"#))
        #expect(body.html.contains(#"<li><span class="para" id="p-3">a</span>"#))
        #expect(body.paragraphCount == 4)
        let mention = try! #require(body.mentions.first)
        #expect(mention.anchor == "p-2")
        #expect(mention.before == "Then ")
        #expect(mention.text == "Putin")
        #expect(mention.after == " spoke at length.")
    }

    @Test("unknown slugs, names and notes are errors at file, line and column, with suggestions")
    func unknownReferences() {
        let (_, problems) = renderArticleBody(
            "Intro.\n\nSee [x](actor:vladimir-putn) and [[Nobody]].\n[y](topic:nothing) [z](note:missing) [w](article:nope)\n"
        )
        // The front matter has 4 lines (---, title, date, ---), so body line 3 is file line 7.
        #expect(problems.count == 5)
        #expect(
            problems[0]
                == "Content/articles/probe.md:7:5: error: unknown actor 'vladimir-putn'\nContent/articles/probe.md:7:5: note: did you mean 'vladimir-putin'?"
        )
        #expect(problems[1] == "Content/articles/probe.md:7:34: error: '[[Nobody]]' names no actor or topic")
        #expect(problems[2] == "Content/articles/probe.md:8:1: error: unknown topic 'nothing'")
        #expect(problems[3].hasPrefix("Content/articles/probe.md:8:20: error: unknown note 'missing'"))
        #expect(problems[4] == "Content/articles/probe.md:8:38: error: unknown article 'nope'")
    }

    @Test("an ambiguous [[name]] is an error naming both targets")
    func ambiguous() {
        var files = Fixtures.relations
        files["topics/russia.md"] = "---\ntitle: Russia\n---\nThe topic.\n"
        files["articles/probe.md"] = "---\ntitle: Probe\ndate: 2020\n---\nAbout [[Russia]].\n"
        let (_, diagnostics) = resolveInMemory(files)
        let problems = diagnostics.errors.filter { $0.location.path == "Content/articles/probe.md" }
        #expect(problems.count == 1)
        #expect(
            problems.first?.description.hasPrefix(
                "Content/articles/probe.md:5:7: error: '[[Russia]]' is ambiguous: it names actor:russia, topic:russia")
                == true)
    }

    @Test("annotations inside code spans and code blocks stay literal")
    func codeStaysLiteral() {
        let (body, problems) = renderArticleBody("`[[Nobody]]` and `[x](actor:none)`\n\n```\n[[Nobody]]\n```\n")
        #expect(problems.isEmpty)
        #expect(body.mentions.isEmpty)
        #expect(body.html.contains("<code>[[Nobody]]</code>"))
        #expect(body.html.contains("<pre><code>[[Nobody]]\n</code></pre>"))
    }

    @Test("raw HTML is dropped with a warning; unsafe link schemes are removed")
    func safety() {
        let (body, problems) = renderArticleBody(
            "<script>alert(1)</script>\n\nHi <b onclick=\"x\">there</b> [click](javascript:alert(1)) ![i](https://evil.example/x.png)\n"
        )
        #expect(!body.html.contains("<script"))
        #expect(!body.html.contains("<b"))
        #expect(!body.html.contains("javascript:"))
        #expect(!body.html.contains("evil.example"))
        #expect(body.html.contains("click"))
        #expect(problems.allSatisfy { $0.contains("warning:") })
        #expect(problems.count == 5)
    }

    @Test("a note highlights its passage and is shown in an aside after the block")
    func notes() {
        let (body, problems) = renderArticleBody(
            "Before [the passage](note:context) after.\n\nNext.\n",
            notes: "notes:\n  context: Context about [[Putin]].\n  unused: Never linked.\n")
        #expect(body.html.contains(#"<mark class="noted" id="noted-context">the passage</mark>"#))
        #expect(body.html.contains(##"<a href="#note-context" aria-label="Editor's note 1">1</a>"##))
        let aside = try! #require(body.html.range(of: #"<aside class="note" id="note-context""#))
        let next = try! #require(body.html.range(of: #"<p id="p-2">"#))
        #expect(aside.lowerBound < next.lowerBound)
        #expect(body.mentions.contains { $0.target == .actor("vladimir-putin") && $0.anchor == "note-context" })
        #expect(body.html.contains(#"id="note-unused""#))
        #expect(
            problems == [
                "Content/articles/probe.md:6:3: warning: note 'unused' is never referenced; link a passage to it with [text](note:unused)"
            ])
    }

    @Test("an article fragment that does not exist is an error")
    func missingFragment() {
        let (_, problems) = renderArticleBody("See [this](article:first-report#p-9).\n")
        #expect(
            problems == [
                "Content/articles/probe.md:5:5: error: article 'first-report' has no '#p-9'\nContent/articles/probe.md:5:5: note: its paragraphs are #p-1 to #p-2"
            ])
    }
}
