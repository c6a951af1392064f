import Testing

@testable import DossierCore

@Suite struct TemplateLayoutTests {
    /// Loads `sources`, expecting no diagnostics.
    private func load(_ sources: [String: String]) throws -> TemplateSet {
        var diagnostics = Diagnostics()
        let set = TemplateSet(sources: sources, diagnostics: &diagnostics)
        guard diagnostics.all.isEmpty else { throw LoadFailure(text: diagnostics.all.map(\.description)) }
        return set
    }

    private let base = """
        <title>{% block title %}Dossier{% endblock %}</title>
        <main>{% block main %}<p>default</p>{% endblock main %}</main>
        """

    @Test func childOverridesSomeBlocks() throws {
        let set = try load([
            "base.html": base,
            "page.html": "{% extends \"base.html\" %}\n{% block title %}{{ title }} · Dossier{% endblock %}\n",
        ])
        let output = try set.render("page.html", ["title": "A & B"])
        #expect(output == "<title>A &amp; B · Dossier</title>\n<main><p>default</p></main>")
        #expect(try set.render("base.html", [:]) == "<title>Dossier</title>\n<main><p>default</p></main>")
    }

    @Test func threeLevelsTheMostDerivedBlockWins() throws {
        let set = try load([
            "base.html": base,
            "section.html": """
            {% extends "base.html" %}{% block title %}Section{% endblock %}\
            {% block main %}<section>{% block content %}section content{% endblock %}</section>{% endblock %}
            """,
            "article.html": "{% extends 'section.html' %}{% block content %}article {{ n }}{% endblock %}",
        ])
        #expect(
            try set.render("article.html", ["n": 7])
                == "<title>Section</title>\n<main><section>article 7</section></main>")
        #expect(
            try set.render("section.html", [:])
                == "<title>Section</title>\n<main><section>section content</section></main>")
    }

    @Test func nestedBlocksCanBeOverriddenSeparately() throws {
        let set = try load([
            "base.html": "[{% block outer %}<{% block inner %}base inner{% endblock %}>{% endblock %}]",
            "inner.html": "{% extends \"base.html\" %}{% block inner %}child inner{% endblock %}",
            "outer.html":
                "{% extends \"base.html\" %}{% block outer %}({% block inner %}new{% endblock %}){% endblock %}",
        ])
        #expect(try set.render("inner.html", [:]) == "[<child inner>]")
        #expect(try set.render("outer.html", [:]) == "[(new)]")
    }

    @Test func blocksSeeTheContextAndScopeTheirSets() throws {
        let set = try load([
            "base.html": "{% set x = 'base' %}{% block b %}{% endblock %}{{ x }}",
            "child.html":
                "{% extends \"base.html\" %}{% block b %}{{ title }}-{% set x = 'child' %}{{ x }}-{% endblock %}",
        ])
        #expect(try set.render("child.html", ["title": "T"]) == "T-child-base")
    }

    @Test func blockBodiesCanIncludeAndLoop() throws {
        let set = try load([
            "base.html": "<ul>{% block items %}{% endblock %}</ul>",
            "partials/item.html": "<li>{{ item.name }}</li>",
            "list.html": """
            {% extends "base.html" %}
            {# only blocks count in a child #}
            {% block items %}{% for item in items %}{% include "partials/item.html" %}{% endfor %}{% endblock %}
            """,
        ])
        let items: TemplateValue = [["name": "Minsk"], ["name": "Smolensk"]]
        #expect(try set.render("list.html", ["items": items]) == "<ul><li>Minsk</li><li>Smolensk</li></ul>")
    }

    @Test func includedTemplatesKeepTheirOwnLayout() throws {
        let set = try load([
            "card-base.html": "<div>{% block body %}card{% endblock %}</div>",
            "card.html": "{% extends \"card-base.html\" %}{% block body %}special{% endblock %}",
            "page.html": "{% extends \"base.html\" %}{% block main %}{% include \"card.html\" %}{% endblock %}",
            "base.html": base,
        ])
        #expect(try set.render("page.html", [:]) == "<title>Dossier</title>\n<main><div>special</div></main>")
    }

    @Test func recursiveIncludeStopsOnACondition() throws {
        let set = try load([
            "tree.html":
                "{{ node.name }}{% if node.child %}({% set node = node.child %}{% include \"tree.html\" %}){% endif %}"
        ])
        let tree: TemplateValue = ["name": "a", "child": ["name": "b", "child": ["name": "c", "child": nil]]]
        #expect(try set.render("tree.html", ["node": tree]) == "a(b(c))")
    }

    @Test func hasAndNames() throws {
        let set = try load(["base.html": base, "partials/nav.html": "nav"])
        #expect(set.has("partials/nav.html"))
        #expect(!set.has("nav.html"))
        #expect(set.templateNames == ["base.html", "partials/nav.html"])
    }
}
