import Foundation
import Testing

@testable import DossierCore

/// Builds the repository's own `Content/` and follows every link of the result.
@Suite("The shipped dossier")
struct ShippedDossierTests {
    @Test("builds with no errors or warnings, and every internal link and fragment resolves")
    func buildsAndLinksResolve() throws {
        let site = try TestSite(content: TestSite.repository.appendingPathComponent("Content"))
        defer { site.remove() }
        let report = site.build()
        #expect(texts(report.diagnostics) == [])
        let check = LinkChecker.check(folder: site.root.appendingPathComponent("Public"), displayPath: "Public")
        #expect(texts(check.diagnostics) == [])
        #expect(check.pages > 10)
        #expect(check.links > 100)
    }

    @Test("every page is HTML5 with lang, a title, a meta description and no external loads")
    func pagesAreComplete() throws {
        let site = try TestSite(content: TestSite.repository.appendingPathComponent("Content"))
        defer { site.remove() }
        site.build()
        let pages = LinkChecker.htmlFiles(in: site.root.appendingPathComponent("Public"))
        #expect(pages.contains("index.html"))
        #expect(pages.contains("timeline/index.html"))
        #expect(pages.contains("404.html"))
        for page in pages {
            let html = try #require(site.output(page))
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(page)")
            #expect(html.contains("<title>") && !html.contains("<title></title>"), "\(page)")
            #expect(html.contains("<meta name=\"description\" content=\""), "\(page)")
            // Pages need no JavaScript; only the search page enhances itself with our own script.
            #expect(!html.contains("<script") || page == "search/index.html", "\(page)")
        }
    }

    @Test("two builds of the same content are byte-identical")
    func deterministic() throws {
        let site = try TestSite(content: TestSite.repository.appendingPathComponent("Content"))
        defer { site.remove() }
        site.build()
        let first = site.snapshot()
        site.build()
        #expect(site.snapshot() == first)
        #expect(first.count > 10)
    }
}
