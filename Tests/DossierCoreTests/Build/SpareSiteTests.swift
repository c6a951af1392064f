import Foundation
import Testing

@testable import DossierCore

#if canImport(Glibc)
    import Glibc
#endif

/// A build that keeps the replaced site as a spare brings it up to date in place on the next
/// build: the result is always the site a build from scratch makes, with nothing left over.
@Suite("Spare site")
struct SpareSiteTests {
    /// Builds `site` as the command line does, keeping a spare.
    @discardableResult
    func build(_ site: TestSite) -> SiteBuilder.Report {
        var options = site.options()
        options.keepSpareSite = true
        return SiteBuilder.build(options)
    }

    /// Builds `site` keeping a spare and expects the output to equal a build from scratch of a copy.
    @discardableResult
    func buildMatchesFresh(_ site: TestSite) throws -> SiteBuilder.Report {
        let report = build(site)
        #expect(texts(report.diagnostics) == [])
        let fresh = try site.freshCopy()
        defer { fresh.remove() }
        fresh.build()
        #expect(site.snapshot() == fresh.snapshot(), "a build on the spare differs from a build from scratch")
        return report
    }

    func spare(_ site: TestSite) -> URL { site.root.appendingPathComponent(".Public.spare") }

    func inode(_ url: URL) -> UInt64? {
        var status = stat()
        return lstat(url.path, &status) == 0 ? UInt64(status.st_ino) : nil
    }

    @Test("builds on the spare match builds from scratch, through edits, removals and additions")
    func sequence() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        build(site)
        #expect(!FileManager.default.fileExists(atPath: spare(site).path), "the first build replaced nothing")
        try buildMatchesFresh(site)
        #expect(FileManager.default.fileExists(atPath: spare(site).path))

        // The spare is the first build's site: the third build brings it up to date and keeps
        // its unchanged pages as they are (same inode), without linking or writing them.
        let page = "articles/second-report/index.html"
        let spareInode = inode(spare(site).appendingPathComponent(page))
        try site.edit("actors/vladimir-putin.md", replacing: "name: Vladimir Putin", with: "name: V. V. Putin")
        let third = try buildMatchesFresh(site)
        #expect(third.reusedCount > 0 && third.reusedCount < third.pageCount)
        #expect(inode(site.root.appendingPathComponent("Public/" + page)) == spareInode)

        // A removed article's page and folder go, though the spare had them.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/articles/second-report.md"))
        try buildMatchesFresh(site)
        #expect(site.output(page) == nil)
        #expect(
            !FileManager.default.fileExists(
                atPath: site.root.appendingPathComponent("Public/articles/second-report").path))
        try site.write(
            "articles/third-report.md", "---\ntitle: Third report\ndate: 2018-03-01\n---\n\n[[Putin]] spoke again.\n")
        try buildMatchesFresh(site)
        #expect(site.output("articles/third-report/index.html")?.contains("Third report") == true)
        try buildMatchesFresh(site)
        try site.edit("articles/first-report.md", replacing: "The figure is disputed", with: "The figure is contested")
        try buildMatchesFresh(site)
        #expect(site.output("articles/first-report/index.html")?.contains("The figure is contested") == true)
    }

    @Test("nothing put into the site or its spare by hand survives, and no write follows a link out of it")
    func strayFiles() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        build(site)
        build(site)
        let outside = site.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        // In the live site (the next spare but one) and in the spare itself.
        try Data("stray".utf8).write(to: site.root.appendingPathComponent("Public/stray.txt"))
        try Data("stray".utf8).write(to: spare(site).appendingPathComponent("articles/stray.html"))
        let linked = spare(site).appendingPathComponent("articles/first-report")
        try FileManager.default.removeItem(at: linked)
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: outside)
        try site.edit("articles/first-report.md", replacing: "The figure is disputed", with: "The figure is contested")
        try buildMatchesFresh(site)
        try buildMatchesFresh(site)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
        #expect(site.output("stray.txt") == nil)
    }

    @Test("a symbolic link planted where a page's file is never leads a write out of the site")
    func linkedPageFile() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        build(site)
        build(site)
        let outside = site.root.appendingPathComponent("outside.txt")
        try Data("outside".utf8).write(to: outside)
        let page = spare(site).appendingPathComponent("articles/first-report/index.html")
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createSymbolicLink(at: page, withDestinationURL: outside)
        try site.edit("articles/first-report.md", replacing: "The figure is disputed", with: "The figure is contested")
        try buildMatchesFresh(site)
        #expect(try String(contentsOf: outside, encoding: .utf8) == "outside")
    }

    @Test(
        "folders put into the site by hand go too, and static files whose names differ only in normalization stay distinct"
    )
    func foldersAndNames() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let statics = site.root.appendingPathComponent("Templates/static")
        let decomposed = statics.appendingPathComponent("re\u{301}sume\u{301}.txt")
        try Data("cv".utf8).write(to: decomposed)
        build(site)
        build(site)
        try FileManager.default.createDirectory(
            at: site.root.appendingPathComponent("Public/empty/inner"), withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: decomposed)
        try Data("cv".utf8).write(to: statics.appendingPathComponent("r\u{e9}sum\u{e9}.txt"))
        try buildMatchesFresh(site)
        try buildMatchesFresh(site)
        let names = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("Public").path)
        #expect(!names.contains("empty"))
        // Swift compares the two spellings as equal; on disk they are two names.
        #expect(
            names.filter { $0 == "r\u{e9}sum\u{e9}.txt" }.map { Array($0.utf8) } == [Array("r\u{e9}sum\u{e9}.txt".utf8)]
        )
    }

    @Test("a file in the spare where a folder of the new site goes, even two levels up, makes way")
    func fileWhereFolderGoes() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let statics = site.root.appendingPathComponent("Templates/static")
        try Data("v0".utf8).write(to: statics.appendingPathComponent("docs"))
        build(site)
        build(site)
        try FileManager.default.removeItem(at: statics.appendingPathComponent("docs"))
        try FileManager.default.createDirectory(
            at: statics.appendingPathComponent("docs/v1"), withIntermediateDirectories: true)
        try Data("v1".utf8).write(to: statics.appendingPathComponent("docs/v1/guide.txt"))
        for _ in 0..<3 { try buildMatchesFresh(site) }
        #expect(site.output("docs/v1/guide.txt") == "v1")
    }

    @Test("a build that fails gives the spare back untouched, and the next build uses it")
    func failedBuild() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        build(site)
        build(site)
        let before = site.snapshot()
        let page = spare(site).appendingPathComponent("articles/second-report/index.html")
        let spareInode = inode(page)
        try site.edit("articles/first-report.md", replacing: "[[Putin]] met", with: "[[Nobody at all]] met")
        #expect(build(site).diagnostics.hasErrors)
        #expect(site.snapshot() == before)
        #expect(inode(page) == spareInode, "the spare is back where it was")
        try site.edit("articles/first-report.md", replacing: "[[Nobody at all]] met", with: "[[Putin]] met")
        let report = try buildMatchesFresh(site)
        #expect(report.reusedCount == report.pageCount)
        #expect(inode(site.root.appendingPathComponent("Public/articles/second-report/index.html")) == spareInode)
    }

    @Test("a spare without a marker is not used, and the build still matches one from scratch")
    func foreignSpare() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        build(site)
        try FileManager.default.createDirectory(
            at: spare(site).appendingPathComponent("articles/first-report"), withIntermediateDirectories: true)
        try Data("not ours".utf8).write(to: spare(site).appendingPathComponent("articles/first-report/index.html"))
        let report = try buildMatchesFresh(site)
        #expect(report.reusedCount == report.pageCount)
        #expect(site.output("articles/first-report/index.html")?.contains("not ours") == false)
    }
}
