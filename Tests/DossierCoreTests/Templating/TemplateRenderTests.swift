import Testing

@testable import DossierCore

/// Renders `source` as `Templates/test.html` next to `partials`; a load error fails with its text.
func renderTemplate(
    _ source: String, _ context: [String: TemplateValue] = [:], partials: [String: String] = [:],
    filters: [TemplateFilter] = []
) throws -> String {
    var diagnostics = Diagnostics()
    var sources = partials
    sources["test.html"] = source
    let set = TemplateSet(sources: sources, filters: filters, diagnostics: &diagnostics)
    guard diagnostics.all.isEmpty else { throw LoadFailure(text: diagnostics.all.map(\.description)) }
    return try set.render("test.html", context)
}

/// The diagnostics of a load that was expected to fail, as an error a test can show.
struct LoadFailure: Error, CustomStringConvertible {
    var text: [String]
    var description: String { text.joined(separator: "\n") }
}

@Suite struct TemplateRenderTests {
    @Test func copiesTextUnchanged() throws {
        #expect(try renderTemplate("<p>Hello, { world } 100%</p>\n") == "<p>Hello, { world } 100%</p>\n")
    }

    @Test(arguments: [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")])
    func escapesEachSpecialCharacter(character: String, entity: String) throws {
        #expect(try renderTemplate("{{ s }}", ["s": .string("a\(character)b")]) == "a\(entity)b")
    }

    @Test func escapesAroundNonASCIIText() throws {
        let text = "Łukašenka <ü> \u{0600}<é\u{301}& 🇧🇾"
        let expected = "Łukašenka &lt;ü&gt; \u{0600}&lt;é\u{301}&amp; 🇧🇾"
        #expect(try renderTemplate("{{ s }}", ["s": .string(text)]) == expected)
        #expect(Escape.html("plain") == "plain")
    }

    @Test func printsTrustedHTMLAsIs() throws {
        #expect(try renderTemplate("{{ body }}", ["body": .html("<p>a &amp; b</p>")]) == "<p>a &amp; b</p>")
    }

    @Test func printsScalars() throws {
        let context: [String: TemplateValue] = ["n": 42, "yes": true, "no": false, "nothing": nil]
        #expect(
            try renderTemplate("{{ n }} {{ yes }} {{ no }} [{{ nothing }}] {{ -7 }}", context) == "42 true false [] -7")
    }

    @Test func readsFieldsAndNullFields() throws {
        let context: [String: TemplateValue] = ["page": ["title": "T", "author": nil, "meta": ["lang": "en"]]]
        #expect(try renderTemplate("{{ page.title }}|{{ page.meta.lang }}|{{ page.author.name }}", context) == "T|en|")
    }

    @Test(
        arguments: [
            (TemplateValue.null, false), (false, false), (true, true), (0, false), (3, true), ("", false),
            ("x", true), (.html(""), false), (.html("<br>"), true), ([], false), ([1], true), ([:], false),
            (["a": 1], true),
        ] as [(TemplateValue, Bool)])
    func truthiness(value: TemplateValue, expected: Bool) throws {
        #expect(value.isTruthy == expected)
        #expect(try renderTemplate("{% if v %}T{% else %}F{% endif %}", ["v": value]) == (expected ? "T" : "F"))
    }

    @Test(arguments: [(1, "one"), (2, "two"), (3, "many")])
    func ifElifElse(number: Int, expected: String) throws {
        let source = "{% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %}"
        #expect(try renderTemplate(source, ["n": .number(number)]) == expected)
    }

    @Test func ifWithoutElseRendersNothingWhenFalse() throws {
        #expect(try renderTemplate("[{% if false %}x{% endif %}]") == "[]")
    }

    @Test func forLoopVariables() throws {
        let source = """
            {% for x in items %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}\
            {% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}:{{ x }} {% endfor %}
            """
        #expect(try renderTemplate(source, ["items": ["a", "b", "c"]]) == "1/0/3F:a 2/1/3:b 3/2/3L:c ")
    }

    @Test func nestedLoopsSeeTheirOwnLoopVariable() throws {
        let source = "{% for row in rows %}{% for x in row %}{{ loop.index }}{% endfor %}{{ loop.index }};{% endfor %}"
        #expect(try renderTemplate(source, ["rows": [[1, 2], [3]]]) == "121;12;")
    }

    @Test(arguments: [TemplateValue.list([]), .null])
    func forElseWhenEmpty(items: TemplateValue) throws {
        #expect(try renderTemplate("{% for x in items %}{{ x }}{% else %}none{% endfor %}", ["items": items]) == "none")
    }

    @Test func forOverRecordInSortedKeyOrder() throws {
        let context: [String: TemplateValue] = ["r": ["b": 2, "c": 3, "a": 1]]
        #expect(try renderTemplate("{% for k, v in r %}{{ k }}={{ v }};{% endfor %}", context) == "a=1;b=2;c=3;")
        #expect(try renderTemplate("{% for k in r %}{{ k }}{% endfor %}", context) == "abc")
    }

    @Test func setIsScopedToItsBody() throws {
        let source = """
            {% set x = "outer" %}{{ x }} {% for i in one %}{% set x = "inner" %}{{ x }} {% endfor %}{{ x }} \
            {% if true %}{% set y = 1 %}{% endif %}{{ y }} {% set title = "shadowed" %}{{ title }}
            """
        #expect(try renderTemplate(source, ["title": "T", "one": [1]]) == "outer inner outer 1 shadowed")
    }

    @Test func includeSeesTheCurrentScope() throws {
        let partials = ["partials/item.html": "<li>{{ x }}{% set leaked = 1 %}{{ loop.index }}</li>"]
        let source = "{% for x in items %}{% include \"partials/item.html\" %}{% endfor %}{{ leaked }}"
        let context: [String: TemplateValue] = ["items": ["a", "b"], "leaked": 0]
        #expect(try renderTemplate(source, context, partials: partials) == "<li>a1</li><li>b2</li>0")
    }

    @Test func commentsPrintNothing() throws {
        #expect(try renderTemplate("a{# one {{ x }} {% if %} #}b{#\nmulti\nline\n#}c") == "abc")
    }

    @Test(arguments: [
        ("<p>\n  {{- x }}</p>", "<p>X</p>"),
        ("<p>{{ x -}}\n  </p>", "<p>X</p>"),
        (
            "<ul>\n  {%- for i in pair -%}\n    <li>{{ i }}</li>\n  {%- endfor -%}\n</ul>",
            "<ul><li>1</li><li>2</li></ul>"
        ),
        ("a \n{#- c -#}\n b", "ab"),
        ("a {% if true %} b {% endif %} c", "a  b  c"),
    ])
    func whitespaceControl(source: String, expected: String) throws {
        #expect(try renderTemplate(source, ["x": "X", "pair": [1, 2]]) == expected)
    }

    @Test(arguments: [
        ("1 == 1", "true"), ("1 == 2", "false"), ("1 != 2", "true"), ("'a' != 'a'", "false"),
        ("1 < 2", "true"), ("2 < 1", "false"), ("2 <= 2", "true"), ("3 <= 2", "false"), ("3 > 2", "true"),
        ("2 > 3", "false"), ("2 >= 2", "true"), ("1 >= 2", "false"), ("'apple' < 'banana'", "true"),
        ("'b' >= 'a'", "true"), ("s == h", "true"), ("1 == '1'", "false"), ("null == null", "true"),
        ("not true", "false"), ("not 0", "true"), ("true and false", "false"), ("1 and 2", "2"),
        ("0 or 'fallback'", "fallback"), ("'first' or 'second'", "first"), ("not false and false", "false"),
        ("not (false and false)", "true"), ("false or true and false", "false"), ("(false or true) and 7", "7"),
        ("'a' ~ 1 ~ true ~ null", "a1true"), ("'a' ~ 'b' | upper", "aB"), ("(\"a\" ~ 'b') | upper", "AB"),
        ("'it\\'s \\\"quoted\\\"'", "it&#39;s &quot;quoted&quot;"), ("1 + 2 == 3", ""),
    ])
    func operators(expression: String, expected: String) throws {
        let context: [String: TemplateValue] = ["s": .string("x"), "h": .html("x")]
        if expected.isEmpty {
            #expect(throws: LoadFailure.self) { try renderTemplate("{{ \(expression) }}", context) }
        } else {
            #expect(try renderTemplate("{{ \(expression) }}", context) == expected)
        }
    }

    @Test func concatenationKeepsTrustedHTMLSafe() throws {
        let context: [String: TemplateValue] = ["h": .html("<b>"), "s": .string("<i>")]
        #expect(try renderTemplate("{{ h ~ s }}|{{ s ~ s }}", context) == "<b>&lt;i&gt;|&lt;i&gt;&lt;i&gt;")
    }

    @Test(arguments: [
        ("{{ s | length }} {{ items | length }} {{ r | length }} {{ nothing | length }}", "5 3 1 0"),
        ("{{ nothing | default('none') }} {{ empty | default('none') }} {{ s | default('none') }}", "none none Hello"),
        ("{{ zero | default(5) }} {{ no | default(true) }}", "0 false"),
        ("{{ s | upper }} {{ s | lower }} {{ nothing | upper }}", "HELLO hello "),
        ("{{ items | join(', ') }} {{ items | join }}", "a, b, &lt;c&gt; ab&lt;c&gt;"),
        ("{{ items | first }} {{ items | last }} {{ empty | first }} {{ s | first }}", "a &lt;c&gt;  H"),
        ("{{ raw | escape }} {{ markup | escape }}", "&lt;b&gt; <i>"),
        (
            "{{ long | truncate(9) }}|{{ long | truncate(5) }}|{{ s | truncate(5) }}|{{ long | truncate(4, '...') }}",
            "The quick…|The q…|Hello|The..."
        ),
        (
            "{{ 1 }} source{{ 1 | pluralize }}, {{ 2 }} source{{ 2 | pluralize }}, 0 box{{ 0 | pluralize('es') }}",
            "1 source, 2 sources, 0 boxes"
        ),
        ("{{ 1 | pluralize('y', 'ies') }} {{ 3 | pluralize('y', 'ies') }} {{ items | pluralize }}", "y ies s"),
        ("{{ items | reverse | join }} {{ s | reverse }}", "&lt;c&gt;ba olleH"),
        (
            "{{ items | slice(1) | join }}|{{ items | slice(0, 2) | join }}|{{ items | slice(-1) | join }}",
            "b&lt;c&gt;|ab|&lt;c&gt;"
        ),
        ("{{ items | slice(5, 9) | length }}|{{ items | slice(2, 1) | length }}", "0|0"),
        (
            "{{ items | length | minus(1) }}|{{ zero | minus(2) }}|{% if items | length > 2 %}long{% endif %}",
            "2|-2|long"
        ),
        ("{{ parts | join(' &amp; ') }}", "<em>a</em> &amp;amp; &lt;b&gt;"),
    ])
    func builtInFilters(source: String, expected: String) throws {
        let context: [String: TemplateValue] = [
            "s": "Hello", "items": ["a", "b", "<c>"], "r": ["k": 1], "nothing": nil, "empty": [], "zero": 0,
            "no": false, "raw": "<b>", "markup": .html("<i>"), "long": "The quick brown fox",
            "parts": [.html("<em>a</em>"), "<b>"],
        ]
        #expect(try renderTemplate(source, context) == expected)
    }

    @Test func filterArgumentsCanBeExpressions() throws {
        #expect(try renderTemplate("{{ s | truncate(n) | upper }}", ["s": "abcdef", "n": 3]) == "ABC…")
    }

    @Test func customFilter() throws {
        let shout = TemplateFilter("shout", arguments: 0...1) { value, arguments throws(TemplateFilterError) in
            guard case .string(let text) = value else { throw TemplateFilterError("expected a string") }
            var mark = "!"
            if case .string(let given)? = arguments.first { mark = given }
            return .string(text.uppercased() + mark)
        }
        let upper = TemplateFilter("upper") { _, _ in "replaced" }
        let output = try renderTemplate(
            "{{ s | shout }} {{ s | shout('?') }} {{ s | upper }}", ["s": "hi"], filters: [shout, upper])
        #expect(output == "HI! HI? replaced")
    }

    @Test func valueLiterals() {
        let record: TemplateValue = ["a": 1, "a": 2]
        #expect(record == .record(["a": .number(2)]))
        #expect(([1, "x", true, nil] as TemplateValue) == .list([.number(1), .string("x"), .bool(true), .null]))
    }

    @Test("a shared record reads, loops, prints, compares and hashes like the record of its fields")
    func sharedRecords() throws {
        let fields: [String: TemplateValue] = ["title": "Talks <1>", "actors": ["A", "B"]]
        let shared = TemplateValue.shared(SharedRecord(fields))
        let template = """
            {{ e.title }}|{% for a in e.actors %}{{ a }}{% endfor %}|{% for k, v in e %}{{ k }} {% endfor %}|\
            {{ e | length }}|{% if e %}yes{% endif %}|{% if e == plain %}equal{% endif %}
            """
        let output = try renderTemplate(template, ["e": shared, "plain": .record(fields)])
        #expect(output == "Talks &lt;1&gt;|AB|actors title |2|yes|equal")
        #expect(shared == .record(fields) && shared.hashValue == TemplateValue.record(fields).hashValue)
        #expect(throws: Diagnostic.self) { try renderTemplate("{{ e }}", ["e": shared]) }

        func key(_ value: TemplateValue) -> String {
            var hash = StableHash()
            value.stableHash(into: &hash)
            return hash.hex
        }
        var changed = fields
        changed["actors"] = ["A", "C"]
        #expect(key(shared) == key(.shared(SharedRecord(fields))))
        #expect(key(shared) != key(.shared(SharedRecord(changed))), "a changed field must change every key")
        #expect(key(.list([shared])) != key(.list([.shared(SharedRecord(changed))])))
    }

    @Test("a long page streams in pieces of about a megabyte that join to what render returns")
    func streamsLongPages() throws {
        var diagnostics = Diagnostics()
        let set = TemplateSet(
            sources: ["long.html": "<ul>{% for item in items %}\n  <li>{{ item }}</li>{% endfor %}\n</ul>\n"],
            diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty)
        let items = TemplateValue.list((0..<80_000).map { .string("item <\($0)> of a long list") })
        let whole = try set.render("long.html", ["items": items])
        var pieces: [String] = []
        try set.render("long.html", ["items": items]) { pieces.append($0) }
        #expect(whole.utf8.count > 3 * TemplateRenderer.flushSize)
        #expect(pieces.count >= 3 && pieces.dropLast().allSatisfy { $0.utf8.count < 2 * TemplateRenderer.flushSize })
        #expect(pieces.joined() == whole)
    }
}
