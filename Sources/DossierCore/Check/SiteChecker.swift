import Foundation

/// `dossier check`: builds into a scratch folder, then follows every link of what was written.
public enum SiteChecker {
    /// What a check found.
    public struct Report: Sendable {
        /// Build problems and broken links.
        public var diagnostics: Diagnostics
        /// HTML pages checked.
        public var pages: Int
        /// Internal links followed.
        public var links: Int
    }

    /// Builds with `options` into a fresh scratch folder, checks the links, and removes the folder;
    /// the options' own output folder is never touched. Problems in generated pages are named as
    /// if the pages were in the output folder (`Public/articles/x/index.html:12:5`).
    public static func check(_ options: BuildOptions) -> Report {
        var template = Array((FileManager.default.temporaryDirectory.path + "/dossier-check-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            var diagnostics = Diagnostics()
            diagnostics.error(
                "cannot make a scratch folder: \(String(cString: strerror(errno)))",
                at: SourceLocation(path: options.outputDisplay, line: 1, column: 1))
            return Report(diagnostics: diagnostics, pages: 0, links: 0)
        }
        let scratch = URL(fileURLWithPath: String(cString: made))
        defer { try? FileManager.default.removeItem(at: scratch) }
        var scratchOptions = options
        scratchOptions.output = scratch.appendingPathComponent("site")
        let build = SiteBuilder.build(scratchOptions)
        var diagnostics = build.diagnostics
        guard !diagnostics.hasErrors else { return Report(diagnostics: diagnostics, pages: 0, links: 0) }
        let result = LinkChecker.check(folder: scratchOptions.output, displayPath: options.outputDisplay)
        diagnostics.merge(result.diagnostics)
        return Report(diagnostics: diagnostics, pages: result.pages, links: result.links)
    }
}
