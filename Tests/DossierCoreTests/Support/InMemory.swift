@testable import DossierCore

/// Parses and resolves content given as strings, without touching the disk.
func resolveInMemory(_ files: [String: String], drafts: Bool = false) -> (ResolvedDossier?, Diagnostics) {
    var diagnostics = Diagnostics()
    var contentFiles: [ContentFile] = []
    for (path, text) in files.sorted(by: { $0.key < $1.key }) {
        let parts = path.split(separator: "/")
        let section = parts.count == 1 ? ContentFile.Section.index : ContentFile.Section(rawValue: String(parts[0]))!
        let slug = String(parts.last!.dropLast(3))
        contentFiles.append(ContentFile(section: section, slug: slug, path: "Content/" + path, text: text))
    }
    let dossier = DossierParser.parse(contentFiles, diagnostics: &diagnostics)
    let (resolved, problems) = Resolver.resolve(dossier, includeDrafts: drafts)
    diagnostics.merge(problems)
    return (resolved, diagnostics)
}

/// Renders one article body against the relations fixture's actors and topics.
func renderArticleBody(_ body: String, notes: String = "") -> (RenderedMarkdown, [String]) {
    var files = Fixtures.relations
    files["articles/probe.md"] = "---\ntitle: Probe\ndate: 2020\n\(notes)---\n\(body)"
    let (resolved, diagnostics) = resolveInMemory(files)
    let problems = diagnostics.sorted.filter { $0.location.path == "Content/articles/probe.md" }.map(\.description)
    return (resolved?.articleBodies["probe"] ?? RenderedMarkdown(), problems)
}
