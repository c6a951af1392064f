import Foundation
import Testing

@testable import DossierCore

@Suite struct TemplateErrorTests {
    /// Every diagnostic of loading `sources`, as compiler-style text.
    private func loadErrors(_ sources: [String: String], filters: [TemplateFilter] = []) -> [String] {
        var diagnostics = Diagnostics()
        _ = TemplateSet(sources: sources, filters: filters, diagnostics: &diagnostics)
        return diagnostics.all.map(\.description)
    }

    /// The diagnostic of rendering `test.html`, which must load cleanly; nil if it renders.
    private func renderError(
        _ source: String, _ context: [String: TemplateValue] = [:], partials: [String: String] = [:],
        filters: [TemplateFilter] = []
    ) throws -> String? {
        var diagnostics = Diagnostics()
        let sources = partials.merging(["test.html": source]) { $1 }
        let set = TemplateSet(sources: sources, filters: filters, diagnostics: &diagnostics)
        guard diagnostics.all.isEmpty else { throw LoadFailure(text: diagnostics.all.map(\.description)) }
        do throws(Diagnostic) {
            _ = try set.render("test.html", context)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: Render time

    @Test func unknownVariableSuggestsANameInScope() throws {
        let source = "<html>\n  <h1>{{ page.title }}</h1>\n  <p>{{ sumary }}</p>"
        let context: [String: TemplateValue] = ["page": ["title": "T"], "summary": "S"]
        #expect(
            try renderError(source, context) == """
                Templates/test.html:3:9: error: unknown variable 'sumary'
                Templates/test.html:3:9: note: did you mean 'summary'?
                """)
    }

    @Test func unknownVariableAmongLoopAndSetNames() throws {
        let source = "{% set heading = 1 %}{% for item in items %}{{ iten }}{% endfor %}"
        #expect(
            try renderError(source, ["items": [1]]) == """
                Templates/test.html:1:48: error: unknown variable 'iten'
                Templates/test.html:1:48: note: did you mean 'item' or 'items'?
                """)
        #expect(try renderError("{{ zzz }}") == "Templates/test.html:1:4: error: unknown variable 'zzz'")
    }

    @Test func columnsCountUTF8Bytes() throws {
        #expect(
            try renderError("Łukašenka {{ nme }}", ["name": "N"]) == """
                Templates/test.html:1:16: error: unknown variable 'nme'
                Templates/test.html:1:16: note: did you mean 'name'?
                """)
    }

    @Test func unknownFieldOfARecord() throws {
        let context: [String: TemplateValue] = ["page": ["title": "T", "date": "2017", "author": ["name": "A"]]]
        #expect(
            try renderError("{{ page.titel }}", context) == """
                Templates/test.html:1:9: error: unknown field 'titel' in 'page'
                Templates/test.html:1:9: note: did you mean 'title'?
                """)
        #expect(
            try renderError("{{ page.author.nme }}", context) == """
                Templates/test.html:1:16: error: unknown field 'nme' in 'page.author'
                Templates/test.html:1:16: note: did you mean 'name'?
                """)
        #expect(
            try renderError("{{ page.title.x }}", context)
                == "Templates/test.html:1:15: error: cannot read field 'x' of 'page.title', which is a string")
    }

    @Test func unknownLoopField() throws {
        #expect(
            try renderError("{% for x in xs %}{{ loop.indx }}{% endfor %}", ["xs": [1]]) == """
                Templates/test.html:1:26: error: unknown field 'indx' in 'loop'
                Templates/test.html:1:26: note: did you mean 'index' or 'index0'?
                """)
    }

    @Test func valuesThatCannotBePrintedLoopedOrCompared() throws {
        #expect(
            try renderError("{{ items }}", ["items": [1]]) == """
                Templates/test.html:1:4: error: cannot print a list
                Templates/test.html:1:4: note: loop over it with '{% for %}', or make it text with the 'join' filter
                """)
        #expect(
            try renderError("{% for c in s %}{% endfor %}", ["s": "abc"])
                == "Templates/test.html:1:13: error: cannot loop over a string")
        #expect(
            try renderError("{% if 1 < 'a' %}{% endif %}")
                == "Templates/test.html:1:9: error: cannot compare a number with a string")
    }

    @Test func filterFailureIsReportedAtTheFilter() throws {
        let date = TemplateFilter("date") { value, _ throws(TemplateFilterError) in
            throw TemplateFilterError("cannot read '\(value.plainText ?? "")' as a date", notes: ["write YYYY-MM-DD"])
        }
        #expect(
            try renderError("{{ when | date }}", ["when": "soon"], filters: [date]) == """
                Templates/test.html:1:11: error: filter 'date': cannot read 'soon' as a date
                Templates/test.html:1:11: note: write YYYY-MM-DD
                """)
        #expect(
            try renderError("{{ items | upper }}", ["items": []])
                == "Templates/test.html:1:12: error: filter 'upper': expected a string, not a list")
    }

    @Test func includeCycleStopsAtADepthLimit() throws {
        let partials = ["a.html": "A{% include \"b.html\" %}", "b.html": "B{% include \"a.html\" %}"]
        #expect(
            try renderError("{% include 'a.html' %}", partials: partials) == """
                Templates/b.html:1:13: error: includes are nested more than 64 levels deep
                Templates/b.html:1:13: note: 'a.html' probably includes itself, directly or through other templates
                """)
    }

    @Test func renderingAMissingOrBrokenTemplate() throws {
        var diagnostics = Diagnostics()
        let set = TemplateSet(sources: ["bad.html": "{% if %}"], diagnostics: &diagnostics)
        #expect(
            throws: Diagnostic(
                .error, "template 'bad.html' has errors and cannot be rendered",
                at: SourceLocation(path: "Templates/bad.html", line: 1, column: 1))
        ) { try set.render("bad.html", [:]) }
        #expect(
            throws: Diagnostic(
                .error, "template 'bda.html' not found",
                at: SourceLocation(path: "Templates/bda.html", line: 1, column: 1), notes: ["did you mean 'bad.html'?"])
        ) {
            try set.render("bda.html", [:])
        }
    }

    // MARK: Load time

    @Test func unknownFilterSuggestsAKnownOne() {
        #expect(
            loadErrors(["test.html": "{{ title | uper }}"]) == [
                """
                Templates/test.html:1:12: error: unknown filter 'uper'
                Templates/test.html:1:12: note: did you mean 'upper'?
                """
            ])
        #expect(
            loadErrors(["test.html": "{{ s | truncate }}"])
                == ["Templates/test.html:1:8: error: filter 'truncate' takes 1 or 2 arguments, not 0"])
    }

    @Test(arguments: [
        ("<p>\n  {% if x %}\n  yes\n</p>", "2:3: error: 'if' is never closed; expected '{% endif %}'"),
        ("{% if x %}a{% else %}b", "1:1: error: 'if' is never closed; expected '{% endif %}'"),
        ("{% for x in xs %}{{ x }}", "1:1: error: 'for' is never closed; expected '{% endfor %}'"),
        ("a{% block main %}", "1:2: error: 'block' is never closed; expected '{% endblock %}'"),
        ("a{% endif %}", "1:2: error: unexpected '{% endif %}'; no 'if' is open"),
        ("{% else %}", "1:1: error: unexpected '{% else %}'; no 'if' or 'for' is open"),
        (
            "{% for x in xs %}\n{% endif %}",
            "2:1: error: unexpected '{% endif %}'; expected '{% endfor %}' to close the 'for' on line 1"
        ),
        ("<p>{{ title</p>", "1:4: error: unterminated '{{'; expected '}}'"),
        ("Hello {{ name", "1:7: error: unterminated '{{'; expected '}}'"),
        ("{% if x", "1:1: error: unterminated '{%'; expected '%}'"),
        ("a\n{# note", "2:1: error: unterminated '{#'; expected '#}'"),
        ("{{ x %}", "1:6: error: expected '}}' to close '{{', found '%}'"),
        ("{{ 'abc }}", "1:4: error: unterminated string"),
        ("{{ }}", "1:4: error: expected an expression, found '}}'"),
        ("{% if %}{% endif %}", "1:7: error: expected an expression, found '%}'"),
        ("{{ a b }}", "1:6: error: expected '}}', found 'b'"),
        ("{{ a.5 }}", "1:6: error: expected a field name after '.', found '5'"),
        ("{{ a | }}", "1:8: error: expected a filter name after '|', found '}}'"),
        ("{{ a $ }} }}", "1:6: error: unexpected character '$'"),
        ("{% for x of xs %}{% endfor %}", "1:10: error: expected 'in' after the loop variable, found 'of'"),
        ("{% set loop = 1 %}", "1:8: error: 'loop' is reserved and cannot name a variable"),
        ("{% include page %}", "1:12: error: expected a quoted template name after 'include', found 'page'"),
        ("{% %}", "1:4: error: expected a tag name after '{%', found '%}'"),
        ("{{ x }}{% extends 'test.html' %}", "1:8: error: 'extends' must be the first tag in the template"),
        ("{% block a %}{% endblock b %}", "1:26: error: '{% endblock b %}' closes block 'a'"),
    ])
    func syntaxErrors(source: String, expected: String) {
        #expect(loadErrors(["test.html": source]) == ["Templates/test.html:" + expected])
    }

    @Test func unknownTagSuggestsAKnownOne() {
        #expect(
            loadErrors(["test.html": "{% incude 'x' %}"]) == [
                """
                Templates/test.html:1:4: error: unknown tag 'incude'
                Templates/test.html:1:4: note: did you mean 'include'?
                """
            ])
    }

    @Test func duplicateBlock() {
        #expect(
            loadErrors(["test.html": "{% block a %}{% endblock %}\n{% block a %}{% endblock %}"]) == [
                """
                Templates/test.html:2:1: error: block 'a' is defined twice
                Templates/test.html:2:1: note: it is first defined on line 1
                """
            ])
    }

    @Test func missingIncludeSuggestsATemplate() {
        let sources = ["test.html": "{% include \"partials/nva.html\" %}", "partials/nav.html": ""]
        #expect(
            loadErrors(sources) == [
                """
                Templates/test.html:1:12: error: template 'partials/nva.html' not found
                Templates/test.html:1:12: note: did you mean 'partials/nav.html'?
                """
            ])
    }

    @Test func missingExtendsSuggestsATemplate() {
        let sources = ["test.html": "{% extends \"bse.html\" %}", "base.html": ""]
        #expect(
            loadErrors(sources) == [
                """
                Templates/test.html:1:12: error: template 'bse.html' not found
                Templates/test.html:1:12: note: did you mean 'base.html'?
                """
            ])
    }

    @Test func contentOutsideBlocksOfAChild() {
        let sources = ["test.html": "{% extends 'base.html' %}\n  <p>lost</p>", "base.html": ""]
        #expect(
            loadErrors(sources) == [
                """
                Templates/test.html:2:3: error: content outside '{% block %}' tags is never shown in a template \
                that uses 'extends'
                Templates/test.html:2:3: note: this template extends 'base.html'; put the content in a block
                """
            ])
    }

    @Test func extendsCycleIsReportedOnce() {
        let sources = [
            "a.html": "{% extends \"b.html\" %}", "b.html": "{% extends \"a.html\" %}",
            "c.html": "{% extends 'a.html' %}",
            "self.html": "{% extends 'self.html' %}",
        ]
        #expect(
            loadErrors(sources) == [
                "Templates/a.html:1:12: error: templates extend each other in a cycle: a.html -> b.html -> a.html",
                "Templates/self.html:1:12: error: templates extend each other in a cycle: self.html -> self.html",
            ])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let parentheses = String(repeating: "(", count: 500) + "x" + String(repeating: ")", count: 500)
        #expect(loadErrors(["test.html": "{{ \(parentheses) }}"]).first?.contains("nested too deeply") == true)
        let ifs = String(repeating: "{% if x %}", count: 500) + String(repeating: "{% endif %}", count: 500)
        #expect(loadErrors(["test.html": ifs]).first?.contains("nested more than 100 levels deep") == true)
    }

    @Test func oneLoadReportsErrorsFromSeveralTemplates() throws {
        var diagnostics = Diagnostics()
        let set = TemplateSet(
            sources: [
                "a.html": "{% if x %}", "b.html": "{{ y | nope }} {{ z | uper }}",
                "c.html": "{% include 'missing.html' %}", "d.html": "fine {{ z }}",
            ], diagnostics: &diagnostics)
        #expect(
            diagnostics.all.map(\.description) == [
                "Templates/a.html:1:1: error: 'if' is never closed; expected '{% endif %}'",
                "Templates/b.html:1:8: error: unknown filter 'nope'",
                """
                Templates/b.html:1:23: error: unknown filter 'uper'
                Templates/b.html:1:23: note: did you mean 'upper'?
                """,
                "Templates/c.html:1:12: error: template 'missing.html' not found",
            ])
        #expect(try set.render("d.html", ["z": "Z"]) == "fine Z")
    }

    @Test func loadReadsTemplatesFromDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files: [String: Data] = [
            "base.html": Data("<nav>{% include 'partials/nav.html' %}</nav>".utf8),
            "partials/nav.html": Data("{{ site }}".utf8),
            "feed.xml": Data("<feed>{{ site }}</feed>".utf8),
            "style.css": Data("{{ not a template".utf8),
            ".drafts/x.html": Data("{% if %}".utf8),
            "broken.txt": Data("line\n{{ a | nope }}".utf8),
            "latin1.html": Data([0x63, 0x61, 0x66, 0xE9]),
        ]
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        var diagnostics = Diagnostics()
        let set = TemplateSet.load(directory: folder, displayPath: "Templates", filters: [], diagnostics: &diagnostics)
        #expect(
            diagnostics.sorted.map(\.description) == [
                "Templates/broken.txt:2:8: error: unknown filter 'nope'",
                "Templates/latin1.html:1:1: error: cannot read the template as UTF-8 text",
            ])
        #expect(set.templateNames == ["base.html", "broken.txt", "feed.xml", "latin1.html", "partials/nav.html"])
        #expect(try set.render("base.html", ["site": "D&D"]) == "<nav>D&amp;D</nav>")
        #expect(try set.render("feed.xml", ["site": "x"]) == "<feed>x</feed>")
    }
}
