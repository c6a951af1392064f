import Foundation
import Testing

@testable import DossierCore

#if canImport(Glibc)
    import Glibc
#endif

/// The page cache never serves a stale page: after any change, a rebuild that reuses pages is
/// byte-identical to a build from scratch, and a change reaches every page that shows it.
@Suite("Page cache")
struct PageCacheTests {
    /// Rebuilds `site` in place, builds a copy of its content from scratch, and expects the two
    /// outputs to be identical; returns the in-place report.
    @discardableResult
    func rebuildMatchesFresh(_ site: TestSite) throws -> SiteBuilder.Report {
        let report = site.build()
        #expect(texts(report.diagnostics) == [])
        let fresh = try site.freshCopy()
        defer { fresh.remove() }
        #expect(fresh.build().reusedCount == 0)
        #expect(site.snapshot() == fresh.snapshot(), "an incremental build differs from a build from scratch")
        return report
    }

    @Test("a marker's page keys are read by path, other lines ignored")
    func markerKeys() {
        let marker = """
            This folder is replaced whole by `dossier build`.
            page 0a1b index.html
            page ffee articles/a b/index.html

            page 12 articles/ünïcode/index.html
            page onlykey
            pages 99 not-a-page.html
            """
        #expect(
            PageCache.keys(inMarker: marker) == [
                "index.html": "0a1b", "articles/a b/index.html": "ffee", "articles/ünïcode/index.html": "12",
            ])
        #expect(PageCache.keys(inMarker: "") == [:])
    }

    @Test("an unchanged rebuild reuses every page")
    func unchanged() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let first = site.build()
        #expect(first.reusedCount == 0)
        let second = try rebuildMatchesFresh(site)
        #expect(second.reusedCount == second.pageCount)
    }

    @Test("a renamed actor reaches every page that shows it, and only those are rendered again")
    func changedActor() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try site.edit("actors/vladimir-putin.md", replacing: "name: Vladimir Putin", with: "name: V. V. Putin")
        let report = try rebuildMatchesFresh(site)
        #expect(report.reusedCount > 0 && report.reusedCount < report.pageCount)
        #expect(site.output("articles/first-report/index.html")?.contains("V. V. Putin") == true)
        #expect(site.output("actors/vladimir-putin/index.html")?.contains("<h1>V. V. Putin</h1>") == true)
    }

    @Test("a changed figure reaches the pages that print it, and no others are rendered again")
    func changedCount() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        func inode(_ path: String) -> UInt64? {
            var status = stat()
            let url = site.root.appendingPathComponent("Public/" + path)
            return lstat(url.path, &status) == 0 ? UInt64(status.st_ino) : nil
        }
        let second = inode("articles/second-report/index.html")
        let directory = site.output("actors/index.html")
        try site.edit(
            "articles/first-report.md", replacing: "and [[Russia]] agreed.",
            with: "and [[Russia]] agreed. [[Lukashenka]] spoke again.")
        try rebuildMatchesFresh(site)
        // The second report lists Lukashenka by name and link, not his number of mentions: it is
        // the previous build's file, linked, not a page rendered again.
        #expect(inode("articles/second-report/index.html") == second)
        #expect(site.output("articles/second-report/index.html")?.contains("actors/alexander-lukashenko/") == true)
        #expect(site.output("actors/index.html") != directory, "the actor directory prints every actor's total")
    }

    @Test("a changed note reaches its article")
    func changedNote() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        try site.edit("articles/first-report.md", replacing: "The figure is disputed", with: "The figure is contested")
        let report = try rebuildMatchesFresh(site)
        #expect(report.reusedCount < report.pageCount)
        #expect(site.output("articles/first-report/index.html")?.contains("The figure is contested") == true)
    }

    @Test("a changed template renders every page again")
    func changedTemplate() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        site.build()
        let base = site.root.appendingPathComponent("Templates/base.html")
        let text = try String(contentsOf: base, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "Skip to content", with: "Skip to the content").utf8).write(to: base)
        let report = try rebuildMatchesFresh(site)
        #expect(report.reusedCount == 0)
        #expect(site.output("index.html")?.contains("Skip to the content") == true)
    }
}
