/// Small dossiers written inline, each a dictionary of content paths to texts.
enum Fixtures {
    /// A dossier with every relation the pages show: mentions in several paragraphs, aliases,
    /// a note, an event reported by two articles, a cross reference and date precisions.
    static let relations: [String: String] = [
        "index.md": minimalIndex,
        "topics/test-topic.md": """
        ---
        title: Test topic
        summary: What the tests are about.
        ---

        The topic of [[Putin]] and [[Lukashenka]].

        """,
        "topics/border-controls.md": """
        ---
        title: Border controls
        ---

        Checks on the border.

        """,
        "actors/vladimir-putin.md": """
        ---
        name: Vladimir Putin
        aliases: [Putin]
        kind: person
        role: President of Russia
        ---

        President of [[Russia]].

        """,
        "actors/alexander-lukashenko.md": """
        ---
        name: Alexander Lukashenko
        aliases: [Lukashenka, Alyaksandr Lukashenka]
        kind: person
        role: President of Belarus
        ---

        Leader of Belarus.

        """,
        "actors/russia.md": """
        ---
        name: Russia
        kind: state
        ---

        A state.

        """,
        "articles/first-report.md": """
        ---
        title: First report
        date: 2017-02
        publication: Outlet A
        topics: [border-controls]
        events:
          - id: border-opened
            date: 1995
            title: The border controls are lifted
            actors: [russia]
            topics: [border-controls]
          - date: 2017-01-09
            title: Visa-free entry begins
        notes:
          doubt: The figure is disputed by [[Putin]].
        ---

        [[Putin]] met [[Lukashenka]] in Minsk. They spoke of [border checks](topic:border-controls).

        Later [the figure was 80](note:doubt) and [[Russia]] agreed.

        """,
        "articles/second-report.md": """
        ---
        title: Second report
        date: 2023-05-12
        author: Author B
        summary: A later look back.
        events:
          - id: border-opened
            date: 1995
            title: The border controls are lifted
            actors: [russia]
        ---

        As [the first report said](article:first-report#p-2), [[Lukashenka|the president]] agreed. Then he left.

        """,
    ]
}
