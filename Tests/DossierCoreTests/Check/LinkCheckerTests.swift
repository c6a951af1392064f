import Foundation
import Testing

@testable import DossierCore

@Suite("The link checker")
struct LinkCheckerTests {
    @Test("reports broken files, missing fragments, folder links, duplicate ids and external loads")
    func findsProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("<p id=\"x\">A</p>".utf8).write(to: folder.appendingPathComponent("a/index.html"))
        let page = """
            <!DOCTYPE html>
            <a href="a/index.html#x">ok</a> <a href="a/index.html#y">no id</a>
            <a href="missing.html">missing</a> <a href="a/">folder</a> <a href="#top">self</a>
            <p id="top"></p><p id="top"></p><img src="https://cdn.example/x.png" alt="">
            <a href="https://example.org/">external link is fine</a>
            """
        try Data(page.utf8).write(to: folder.appendingPathComponent("index.html"))
        let result = LinkChecker.check(folder: folder, displayPath: "Public")
        #expect(
            texts(result.diagnostics) == [
                "Public/index.html:2:36: error: broken link 'a/index.html#y': no id 'y' in a/index.html",
                "Public/index.html:3:4: error: broken link 'missing.html': no such file",
                "Public/index.html:3:39: error: 'a/' names a folder; link to its index.html",
                "Public/index.html:4:20: error: duplicate id 'top'",
                "Public/index.html:4:38: error: 'https://cdn.example/x.png' loads from another host; pages must work offline",
            ])
    }
}
