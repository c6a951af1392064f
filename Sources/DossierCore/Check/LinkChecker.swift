import Foundation

/// Follows every internal link of a written site: each `href` and `src` must name a file that
/// exists (not a folder), and each fragment an `id` in that file; nothing may load from another host.
public enum LinkChecker {
    /// What a link check found.
    public struct Result: Sendable {
        /// Broken links, duplicate ids, links that load from other hosts.
        public var diagnostics: Diagnostics
        /// HTML pages read.
        public var pages: Int
        /// Internal links followed.
        public var links: Int
    }

    /// Checks the site in `folder`; `displayPath` is how diagnostics name it (e.g. `Public`).
    public static func check(folder: URL, displayPath: String) -> Result {
        var links = 0
        var diagnostics = Diagnostics()
        let root = folder.standardizedFileURL
        let pages = htmlFiles(in: root)
        var idsByPage: [String: Set<String>] = [:]
        var attributesByPage: [String: [HTMLScanner.Attribute]] = [:]
        for page in pages {
            let text = (try? String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)) ?? ""
            let attributes = HTMLScanner.attributes(in: text)
            attributesByPage[page] = attributes
            var ids: Set<String> = []
            for attribute in attributes where attribute.name == "id" {
                if !ids.insert(attribute.value).inserted {
                    diagnostics.error(
                        "duplicate id '\(attribute.value)'",
                        at: SourceLocation(
                            path: displayPath + "/" + page, line: attribute.line, column: attribute.column))
                }
            }
            idsByPage[page] = ids
        }
        for page in pages {
            for attribute in attributesByPage[page]! where ["href", "src"].contains(attribute.name) {
                let location = SourceLocation(
                    path: displayPath + "/" + page, line: attribute.line, column: attribute.column)
                if checkLink(
                    attribute, from: page, root: root, ids: &idsByPage, location: location, diagnostics: &diagnostics)
                {
                    links += 1
                }
            }
        }
        return Result(diagnostics: diagnostics, pages: pages.count, links: links)
    }

    /// Checks one link; returns whether it was internal (and so followed).
    private static func checkLink(
        _ attribute: HTMLScanner.Attribute, from page: String, root: URL, ids: inout [String: Set<String>],
        location: SourceLocation, diagnostics: inout Diagnostics
    ) -> Bool {
        let link = attribute.value
        if URLScheme.of(link) != nil || link.hasPrefix("//") {
            let loads = attribute.name == "src" || (attribute.tag == "link" && attribute.name == "href")
            if loads {
                diagnostics.error("'\(link)' loads from another host; pages must work offline", at: location)
            }
            return false
        }
        // Split the raw link at the first '#' and then '?', and only then decode the path.
        let hash = link.firstIndex(of: "#")
        let beforeHash = hash.map { String(link[..<$0]) } ?? link
        let fragment = hash.map { String(link[link.index(after: $0)...]) }
        let pathPart = beforeHash.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let pagePath: String
        if pathPart.isEmpty {
            pagePath = page
        } else {
            guard !pathPart.hasPrefix("/") else {
                diagnostics.error("'\(link)' is absolute; internal links must be relative", at: location)
                return true
            }
            guard !pathPart.hasSuffix("/") else {
                diagnostics.error("'\(link)' names a folder; link to its index.html", at: location)
                return true
            }
            let base = (page as NSString).deletingLastPathComponent
            let decoded = pathPart.removingPercentEncoding ?? String(pathPart)
            guard let resolved = normalise(base.isEmpty ? decoded : base + "/" + decoded) else {
                diagnostics.error("'\(link)' leads outside the site", at: location)
                return true
            }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: root.appendingPathComponent(resolved).path, isDirectory: &isDirectory)
            guard exists, !isDirectory.boolValue else {
                diagnostics.error(
                    exists ? "'\(link)' names a folder; link to its index.html" : "broken link '\(link)': no such file",
                    at: location)
                return true
            }
            pagePath = resolved
        }
        guard let fragment, !fragment.isEmpty else { return true }
        guard let targetIDs = ids[pagePath] else { return true }  // fragments of non-HTML files are not checked
        let decodedFragment = fragment.removingPercentEncoding ?? fragment
        if !targetIDs.contains(decodedFragment) {
            diagnostics.error("broken link '\(link)': no id '\(decodedFragment)' in \(pagePath)", at: location)
        }
        return true
    }

    /// Resolves `.` and `..` in a relative path; nil if it climbs above the root.
    static func normalise(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Every `.html` file under `root`, relative and sorted.
    static func htmlFiles(in root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".html") { files.append(path) }
        }
        return files.sorted()
    }
}
