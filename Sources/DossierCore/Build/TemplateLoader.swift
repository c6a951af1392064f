import Foundation

/// Loads `Templates/`: the HTML templates with the dossier's filters, and the static files of
/// `Templates/static/`, which are copied to the root of the site as they are.
struct TemplateLoader {
    /// The parsed templates.
    var set: TemplateSet
    /// The static assets, as output files.
    var staticFiles: [OutputFile]

    /// Loads the templates; nil (with diagnostics) when the folder is missing or has errors.
    static func load(_ options: BuildOptions, diagnostics: inout Diagnostics) -> TemplateLoader? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.templates.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            diagnostics.error(
                "templates folder not found", at: SourceLocation(path: options.templatesDisplay, line: 1, column: 1))
            return nil
        }
        var problems = Diagnostics()
        let set = TemplateSet.load(
            directory: options.templates, displayPath: options.templatesDisplay, filters: DossierFilters.all,
            diagnostics: &problems)
        for name in [
            "index.html", "article.html", "actor.html", "topic.html", "articles.html", "actors.html",
            "topics.html", "timeline.html", "search.html", "404.html",
        ] where !set.has(name) {
            problems.error(
                "missing template '\(name)'",
                at: SourceLocation(path: options.templatesDisplay + "/" + name, line: 1, column: 1))
        }
        let staticFiles = loadStatic(options, diagnostics: &problems)
        diagnostics.merge(problems)
        return problems.hasErrors ? nil : TemplateLoader(set: set, staticFiles: staticFiles)
    }

    private static func loadStatic(_ options: BuildOptions, diagnostics: inout Diagnostics) -> [OutputFile] {
        let folder = options.templates.appendingPathComponent("static")
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [OutputFile] = []
        while let path = enumerator.nextObject() as? String {
            let url = folder.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !path.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            guard url.resolvingSymlinksInPath().path.hasPrefix(root) else {
                diagnostics.error(
                    "static file links outside Templates/static; copy the file in instead",
                    at: SourceLocation(path: options.templatesDisplay + "/static/" + path, line: 1, column: 1))
                continue
            }
            guard OutputFile.isSafe(path), let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.error(
                    "cannot copy static file",
                    at: SourceLocation(path: options.templatesDisplay + "/static/" + path, line: 1, column: 1))
                continue
            }
            files.append(OutputFile(path: path, bytes: [UInt8](data)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
