import Foundation

/// The whole pipeline: Load → Parse → Resolve → Render → Write.
///
/// Everything before Write works in memory, so a build with errors never touches the output.
public enum SiteBuilder {
    /// What a build produced.
    public struct Report: Sendable {
        /// Every problem found, errors and warnings.
        public var diagnostics: Diagnostics
        /// The files of the site (empty when there were errors).
        public var files: [OutputFile]
    }

    /// Generates the site in memory: no file is written.
    public static func generate(_ options: BuildOptions) -> Report {
        var diagnostics = Diagnostics()
        let templates = TemplateLoader.load(options, diagnostics: &diagnostics)
        let files = ContentLoader.load(
            directory: options.content, displayPath: options.contentDisplay, diagnostics: &diagnostics)
        var dossier = DossierParser.parse(files, diagnostics: &diagnostics)
        if let baseURL = options.baseURL, !WebAddress.isValid(baseURL) {
            diagnostics.error(
                "--base-url must be an absolute http or https address, not '\(baseURL)'",
                at: SourceLocation(path: options.contentDisplay, line: 1, column: 1))
        }
        if let baseURL = options.baseURL { dossier.site.baseURL = baseURL }
        let (resolved, problems) = Resolver.resolve(dossier, includeDrafts: options.includeDrafts)
        diagnostics.merge(problems)
        guard !diagnostics.hasErrors, let templates else { return Report(diagnostics: diagnostics, files: []) }
        var output = SiteRenderer.render(resolved, templates: templates.set, diagnostics: &diagnostics)
        output += templates.staticFiles
        let paths = output.map(\.path)
        for (path, count) in Dictionary(paths.map { ($0, 1) }, uniquingKeysWith: +) where count > 1 {
            diagnostics.error(
                "static file '\(path)' has the same path as a generated page",
                at: SourceLocation(path: options.templatesDisplay + "/static/" + path, line: 1, column: 1))
        }
        guard !diagnostics.hasErrors else { return Report(diagnostics: diagnostics, files: []) }
        return Report(diagnostics: diagnostics, files: output.sorted { $0.path < $1.path })
    }

    /// Generates the site and, when there are no errors, replaces the output folder with it.
    public static func build(_ options: BuildOptions) -> Report {
        var report = generate(options)
        guard !report.diagnostics.hasErrors else { return report }
        do {
            try SiteWriter.checkTarget(options.output, protecting: [options.content, options.templates])
            try SiteWriter.write(report.files, to: options.output)
        } catch {
            report.diagnostics.error(
                error.description, at: SourceLocation(path: options.outputDisplay, line: 1, column: 1))
            report.files = []
        }
        return report
    }
}
