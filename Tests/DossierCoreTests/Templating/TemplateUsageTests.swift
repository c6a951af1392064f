import Testing

@testable import DossierCore

/// Page keys hash only what a template can read (`TemplateUsage`, `FieldMask`): two contexts
/// that differ only elsewhere give the same key and the same page; any difference a template can
/// see gives another key.
@Suite("What templates read")
struct TemplateUsageTests {
    /// Templates `test.html` (from `source`) and `partials`, loaded without problems.
    func load(_ source: String, partials: [String: String] = [:], filters: [TemplateFilter] = []) throws
        -> TemplateSet
    {
        var diagnostics = Diagnostics()
        var sources = partials
        sources["test.html"] = source
        let set = TemplateSet(sources: sources, filters: filters, diagnostics: &diagnostics)
        guard diagnostics.all.isEmpty else { throw LoadFailure(text: diagnostics.all.map(\.description)) }
        return set
    }

    /// The hash of what `test.html` reads of `context`.
    func key(_ set: TemplateSet, _ context: [String: TemplateValue]) -> String {
        var hash = StableHash()
        TemplateValue.record(context).stableHash(into: &hash, keeping: set.fieldMask(for: "test.html"))
        return hash.hex
    }

    /// Expects `changed` to give the same key as `context` and the same page.
    func expectSame(
        _ set: TemplateSet, _ context: [String: TemplateValue], _ changed: [String: TemplateValue],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        #expect(key(set, context) == key(set, changed), sourceLocation: sourceLocation)
        #expect(
            try set.render("test.html", context) == set.render("test.html", changed), sourceLocation: sourceLocation)
    }

    /// Expects `changed` to give another key than `context`.
    func expectDifferent(
        _ set: TemplateSet, _ context: [String: TemplateValue], _ changed: [String: TemplateValue],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(key(set, context) != key(set, changed), sourceLocation: sourceLocation)
    }

    /// An actor record as pages list them, shared or not.
    func actor(_ name: String, mentions: Int, shared: Bool = false) -> TemplateValue {
        let fields: [String: TemplateValue] = [
            "name": .string(name), "url": .string("actors/\(name)/"), "mentions": .number(mentions),
        ]
        return shared ? .shared(SharedRecord(fields)) : .record(fields)
    }

    @Test("a field no template reads does not reach the key, in plain and shared records; a field it reads does")
    func unreadFields() throws {
        let set = try load(#"{% for a in page.actors %}<a href="{{ a.url }}">{{ a.name }}</a>{% endfor %}"#)
        for shared in [false, true] {
            let context: [String: TemplateValue] = ["page": ["actors": [actor("Putin", mentions: 3, shared: shared)]]]
            try expectSame(set, context, ["page": ["actors": [actor("Putin", mentions: 4, shared: shared)]]])
            expectDifferent(set, context, ["page": ["actors": [actor("Lukashenka", mentions: 3, shared: shared)]]])
            // The number of items and of fields is seen (`length`, `if`).
            expectDifferent(
                set, context,
                ["page": ["actors": [actor("Putin", mentions: 3, shared: shared), actor("Putin", mentions: 3)]]])
            expectDifferent(set, context, ["page": ["actors": [["name": "Putin", "url": "actors/Putin/"]]]])
        }
    }

    @Test("a loop variable stands for the items only inside its loop")
    func loopScope() throws {
        let set = try load("{% for actor in page.actors %}{{ actor.name }}{% endfor %}{{ actor.mentions }}")
        let context: [String: TemplateValue] = [
            "page": ["actors": [actor("Putin", mentions: 3)]], "actor": actor("Lukashenka", mentions: 7),
        ]
        try expectSame(set, context, ["page": ["actors": [actor("Putin", mentions: 9)]], "actor": context["actor"]!])
        try expectSame(set, context, ["page": context["page"]!, "actor": actor("Somebody", mentions: 7)])
        expectDifferent(set, context, ["page": context["page"]!, "actor": actor("Lukashenka", mentions: 8)])
    }

    @Test("a variable set in one branch may still be what it was before")
    func branches() throws {
        let set = try load("{% set x = page.a %}{% if page.flag %}{% set x = page.b %}{% endif %}{{ x.name }}")
        let context: [String: TemplateValue] = [
            "page": ["a": ["name": "A", "other": 1], "b": ["name": "B", "other": 1], "flag": false]
        ]
        try expectSame(
            set, context, ["page": ["a": ["name": "A", "other": 2], "b": ["name": "B", "other": 2], "flag": false]])
        expectDifferent(
            set, context, ["page": ["a": ["name": "A2", "other": 1], "b": ["name": "B", "other": 1], "flag": false]])
        expectDifferent(
            set, context, ["page": ["a": ["name": "A", "other": 1], "b": ["name": "B2", "other": 1], "flag": false]])
        expectDifferent(
            set, context, ["page": ["a": ["name": "A", "other": 1], "b": ["name": "B", "other": 1], "flag": true]])
    }

    @Test(
        "comparing, a caller's filter and a loop over a record's values see whole values",
        arguments: [
            "{% if page.a == page.b %}same{% endif %}",
            "{{ page.a | size }}",
            "{% for key, value in page.a %}{{ key }}{% endfor %}",
            "{% set x = page.a %}{% if x != null %}{{ x | size }}{% endif %}",
        ])
    func wholeValues(source: String) throws {
        let size = TemplateFilter("size") { value, _ in .number(value.recordFields.count) }
        let set = try load(source, filters: [size])
        let context: [String: TemplateValue] = ["page": ["a": ["deep": ["x": 1]], "b": ["deep": ["x": 1]]]]
        expectDifferent(set, context, ["page": ["a": ["deep": ["x": 2]], "b": ["deep": ["x": 1]]]])
    }

    @Test("layouts, blocks and includes are read as the renderer reads them")
    func layoutsAndIncludes() throws {
        let set = try load(
            #"{% extends "base.html" %}{% block row %}{{ item.title }}{% include "partials/more.html" %}{% endblock %}"#,
            partials: [
                "base.html": "{% for item in page.list %}{% block row %}{{ item.name }}{% endblock %}{% endfor %}",
                "partials/more.html": "{{ item.more }}",
            ])
        let item: [String: TemplateValue] = ["name": "N", "title": "T", "more": "M", "unused": 1]
        let context: [String: TemplateValue] = ["page": ["list": [.record(item)]]]
        func with(_ field: String, _ value: TemplateValue) -> [String: TemplateValue] {
            var changed = item
            changed[field] = value
            return ["page": ["list": [.record(changed)]]]
        }
        // The layout's own row is replaced by the template's, so `name` is never read.
        try expectSame(set, context, with("name", "N2"))
        try expectSame(set, context, with("unused", 2))
        expectDifferent(set, context, with("title", "T2"))
        expectDifferent(set, context, with("more", "M2"))
    }

    @Test("a template that includes itself reads everything")
    func recursiveInclude() throws {
        let set = try load(
            #"{% include "partials/tree.html" %}"#,
            partials: ["partials/tree.html": #"{% if page.deeper %}{% include "partials/tree.html" %}{% endif %}"#])
        let context: [String: TemplateValue] = ["page": ["deeper": false, "unused": 1]]
        expectDifferent(set, context, ["page": ["deeper": false, "unused": 2]])
    }

    @Test("a template whose analysis would take too long is taken to read everything, at once")
    func analysisLimit() throws {
        let source = String(repeating: "{% set p = (p.a or p.b or p.c) %}", count: 40) + "{{ p.name }}"
        let clock = ContinuousClock()
        var set: TemplateSet?
        let elapsed = try clock.measure { set = try load(source) }
        #expect(elapsed < .seconds(5))
        let context: [String: TemplateValue] = ["p": ["name": "x"], "q": 1]
        expectDifferent(try #require(set), context, ["p": ["name": "x"], "q": 2])
    }

    @Test("a variable set in one branch only may still be the context's variable of its name")
    func branchFallback() throws {
        let set = try load("{% if page.flag %}{% set x = page.b %}{% endif %}{{ x.name }}")
        let context: [String: TemplateValue] = ["page": ["flag": false, "b": ["name": "B"]], "x": ["name": "X"]]
        expectDifferent(set, context, ["page": ["flag": false, "b": ["name": "B"]], "x": ["name": "X2"]])
        expectDifferent(set, context, ["page": ["flag": false, "b": ["name": "B2"]], "x": ["name": "X"]])
    }

    @Test("what `default` may give, its input or its argument, is read as the input is")
    func defaultArgument() throws {
        let set = try load("{% for item in page.a | default(page.b) %}{{ item.name }}{% endfor %}")
        let context: [String: TemplateValue] = ["page": ["a": [], "b": [["name": "B", "other": 1]]]]
        expectDifferent(set, context, ["page": ["a": [], "b": [["name": "B2", "other": 1]]]])
        try expectSame(set, context, ["page": ["a": [], "b": [["name": "B", "other": 2]]]])
    }

    @Test("one shared record hashed under two masks keeps a hash for each")
    func sharedUnderTwoMasks() throws {
        let first = try load("{{ page.x.a.v }}")
        let second = try load("{{ page.x.b.v }}")
        func record(_ a: Int, _ b: Int) -> [String: TemplateValue] {
            ["page": ["x": .shared(SharedRecord(["a": ["v": .number(a)], "b": ["v": .number(b)]]))]]
        }
        let shared = record(1, 1)
        _ = key(first, shared)
        #expect(key(second, shared) == key(second, record(1, 1)))
        #expect(key(second, shared) != key(second, record(1, 2)))
        #expect(key(first, shared) != key(first, record(2, 1)))
    }

    @Test("a template whose analysis would walk too many nodes is taken to read everything")
    func stepLimit() throws {
        // Each partial includes the next in both branches: rendering is linear, walking every
        // branch doubles at each level.
        var partials: [String: String] = [:]
        for level in 0..<24 {
            let next = #"{% include "partials/p\#(level + 1).html" %}"#
            partials["partials/p\(level).html"] = "{% if page.flag %}\(next){% else %}\(next){% endif %}"
        }
        partials["partials/p24.html"] = "{{ page.name }}"
        let set = try load(#"{% include "partials/p0.html" %}"#, partials: partials)
        let context: [String: TemplateValue] = ["page": ["flag": true, "name": "n", "unused": 1]]
        expectDifferent(set, context, ["page": ["flag": true, "name": "n", "unused": 2]])
    }

    @Test("the shipped templates do not read what their pages never show")
    func shippedTemplates() throws {
        var diagnostics = Diagnostics()
        let set = TemplateLoader.load(
            BuildOptions(relativeTo: TestSite.repository), diagnostics: &diagnostics)?.set
        let templates = try #require(set)
        // Article pages list actors by name, link and count in the article, never their total.
        let article = templates.fieldMask(for: "article.html")
        let listed = article.fields["article"]?.fields["actors"]?.items
        #expect(listed?.fields["name"] != nil)
        #expect(listed?.fields["mentions"] == nil)
        #expect(article.fields["article"]?.fields["events"]?.items?.fields["actors"]?.items?.fields["mentions"] == nil)
        // The actor directory prints each actor's total.
        let directory = templates.fieldMask(for: "actors.html")
        #expect(directory.fields["groups"]?.items?.fields["actors"]?.items?.fields["mentions"] != nil)
    }
}
