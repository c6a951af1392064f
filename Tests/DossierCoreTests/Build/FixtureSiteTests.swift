import Foundation
import Testing

@testable import DossierCore

/// Fixture sites in `Tests/DossierCoreTests/Fixtures/`: a valid one whose whole output is compared
/// with a golden copy, file by file, and invalid ones with their expected diagnostics.
///
/// `DOSSIER_RECORD_GOLDEN=1 swift test` writes the goldens anew from the current output, and the
/// recording tests then fail, so a recording is never mistaken for a passing run.
@Suite("Fixture sites")
struct FixtureSiteTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let recording = ProcessInfo.processInfo.environment["DOSSIER_RECORD_GOLDEN"] == "1"

    @Test("the basic site's output matches its golden copy, with no missing or extra file")
    func golden() throws {
        let folder = Self.fixtures.appendingPathComponent("golden/basic")
        let site = try TestSite(content: folder.appendingPathComponent("Content"))
        defer { site.remove() }
        let report = site.build()
        #expect(texts(report.diagnostics) == [])
        // Static files are copied as they are; the golden copy holds what the generator makes.
        let statics = Set(Self.files(in: TestSite.repository.appendingPathComponent("Templates/static")).keys)
        let actual = site.snapshot().filter { $0.key != SiteWriter.marker && !statics.contains($0.key) }
        let expectedFolder = folder.appendingPathComponent("Public")
        if Self.recording {
            try? FileManager.default.removeItem(at: expectedFolder)
            for (path, data) in actual {
                let url = expectedFolder.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            Issue.record("golden output re-recorded in \(expectedFolder.path); run again without DOSSIER_RECORD_GOLDEN")
            return
        }
        let expected = Self.files(in: expectedFolder)
        #expect(Set(actual.keys).subtracting(expected.keys).sorted() == [], "files not in the golden copy")
        #expect(Set(expected.keys).subtracting(actual.keys).sorted() == [], "golden files not generated")
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) where actual[path] != nil {
            #expect(actual[path] == data, "\(path) differs from its golden copy")
        }
    }

    static let invalidSites = ["events", "front-matter", "references"]

    @Test("each invalid site reports exactly its expected diagnostics", arguments: invalidSites)
    func invalid(name: String) throws {
        let folder = Self.fixtures.appendingPathComponent("invalid/\(name)")
        let site = try TestSite(content: folder.appendingPathComponent("Content"))
        defer { site.remove() }
        let report = site.build()
        let actual = texts(report.diagnostics).joined(separator: "\n") + "\n"
        let expectedFile = folder.appendingPathComponent("expected.txt")
        if Self.recording {
            try Data(actual.utf8).write(to: expectedFile)
            Issue.record("expected diagnostics re-recorded in \(expectedFile.path)")
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected)
        #expect(report.diagnostics.hasErrors)
        #expect(site.output("index.html") == nil)
    }

    static func files(in folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: url.path)
            {
                files[path] = data
            }
        }
        return files
    }
}
