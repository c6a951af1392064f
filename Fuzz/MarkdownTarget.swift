/// libFuzzer target: bytes → an article body rendered through cmark with every annotation form
/// resolved against a small fixed dossier (actors, topics, articles and notes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var diagnostics = Diagnostics()
    guard let text = TextDecoding.decode(Array(UnsafeBufferPointer(start: data, count: size)), path: "a.md", diagnostics: &diagnostics)
    else { return 0 }
    let source = MarkdownSource(path: "a.md", text: text, lineOffset: 4)
    _ = AnnotationRenderer.render(source, settings: FuzzDossier.settings)
    return 0
}

/// The dossier annotations resolve against, built once.
enum FuzzDossier {
    static let settings: AnnotationRenderer.Settings = {
        func body(_ text: String) -> MarkdownSource { MarkdownSource(path: "x.md", text: text, lineOffset: 0) }
        let site = SiteSettings(
            title: "T", subtitle: nil, description: nil, baseURL: nil, language: "en", body: body(""))
        let actors = [
            Actor(
                slug: "vladimir-putin", name: "Vladimir Putin", aliases: ["Putin"], kind: .person, role: nil,
                country: nil, body: body("")),
            Actor(
                slug: "alexander-lukashenko", name: "Alexander Lukashenko", aliases: ["Lukashenka"], kind: .person,
                role: nil, country: nil, body: body("")),
            Actor(slug: "russia", name: "Russia", aliases: [], kind: .state, role: nil, country: nil, body: body("")),
        ]
        let topics = [
            Topic(slug: "russia", title: "Russia", summary: nil, body: body("")),
            Topic(slug: "border-controls", title: "Border controls", summary: nil, body: body("")),
        ]
        let articles = [
            Article(
                slug: "first", title: "First", date: PartialDate(year: 2020), publication: nil, author: nil,
                sourceURL: nil, summary: nil, topics: [], actors: [], draft: false, events: [], notes: [],
                body: body("")),
            Article(
                slug: "draft", title: "Draft", date: PartialDate(year: 2021), publication: nil, author: nil,
                sourceURL: nil, summary: nil, topics: [], actors: [], draft: true, events: [], notes: [],
                body: body("")),
        ]
        let dossier = Dossier(site: site, articles: articles, actors: actors, topics: topics)
        let notes = [
            Note(
                id: "context", source: MarkdownSource(path: "a.md", text: "A note on [[Putin]].", lineOffset: 2),
                location: SourceLocation(path: "a.md", line: 2, column: 3)),
            Note(
                id: "other", source: MarkdownSource(path: "a.md", text: "*Other* [x](actor:russia)", lineOffset: 3),
                location: SourceLocation(path: "a.md", line: 3, column: 3)),
        ]
        return AnnotationRenderer.Settings(
            targets: LinkTargets(dossier, includeDrafts: false), root: "../../", notes: notes, acceptsNotes: true)
    }()
}
