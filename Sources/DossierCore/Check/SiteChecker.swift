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

    /// Builds with `options` (whose output should be a scratch folder) and checks the links.
    public static func check(_ options: BuildOptions) -> Report {
        let build = SiteBuilder.build(options)
        var diagnostics = build.diagnostics
        guard !diagnostics.hasErrors else { return Report(diagnostics: diagnostics, pages: 0, links: 0) }
        let result = LinkChecker.check(folder: options.output, displayPath: options.output.lastPathComponent)
        diagnostics.merge(result.diagnostics)
        return Report(diagnostics: diagnostics, pages: result.pages, links: result.links)
    }
}
