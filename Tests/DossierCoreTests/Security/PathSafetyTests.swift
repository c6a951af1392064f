import Foundation
import Testing

@testable import DossierCore

/// Nothing in content can read outside `Content/` or write outside the output folder.
@Suite("Paths and slugs")
struct PathSafetyTests {
    @Test("a symlink that leaves Content/ is refused, for a file or a section folder")
    func symlinksOutside() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("---\ntitle: Secret\ndate: 2020\n---\nsecret\n".utf8).write(
            to: outside.appendingPathComponent("leak.md"))

        var files = Fixtures.relations
        files.removeValue(forKey: "topics/test-topic.md")
        files.removeValue(forKey: "topics/border-controls.md")
        files["articles/first-report.md"] = "---\ntitle: First\ndate: 2020\n---\nText.\n"
        files["articles/second-report.md"] = "---\ntitle: Second\ndate: 2021\n---\nText.\n"
        files["index.md"] = "---\ntitle: T\n---\nHome.\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let content = site.root.appendingPathComponent("Content")
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("articles/leak.md"),
            withDestinationURL: outside.appendingPathComponent("leak.md"))
        try FileManager.default.createSymbolicLink(
            at: content.appendingPathComponent("topics"), withDestinationURL: outside)
        let report = site.build()
        #expect(
            texts(report.diagnostics) == [
                "Content/articles/leak.md:1:1: error: 'leak.md' links outside the content folder; content must live inside it",
                "Content/topics/leak.md:1:1: error: 'leak.md' links outside the content folder; content must live inside it",
            ])
    }

    @Test(
        "file names that are not slugs are errors",
        arguments: ["Bad.md", "a_b.md", "-x.md", "x--y.md", "é.md", "a b.md"])
    func badNames(name: String) throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        try site.write("actors/" + name, "---\nname: X\n---\n")
        let errors = site.build().diagnostics.errors.map(\.description)
        #expect(errors.count == 1)
        #expect(
            errors.first?.hasPrefix("Content/actors/\(name):1:1: error: '\(name.dropLast(3))' is not a valid slug")
                == true)
    }

    @Test("a file name that is not UTF-8 is an error, not a crash")
    func nonUTF8Name() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let folder = site.root.appendingPathComponent("Content/actors").path
        let name: [UInt8] = Array(folder.utf8) + Array("/caf".utf8) + [0xE9] + Array(".md".utf8) + [0]
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let report = site.build()
        #expect(report.diagnostics.errors.count == 1)
        #expect(report.diagnostics.errors.first?.message.contains("is not a valid slug") == true)
    }

    @Test("output paths can never leave the output folder")
    func outputPaths() {
        for path in ["../x.html", "/etc/passwd", "a/../../b", "a//b", "./a", "a\\b", "", "a/"] {
            #expect(!OutputFile.isSafe(path), "\(path)")
        }
        for path in ["index.html", "articles/x/index.html", "style.css"] {
            #expect(OutputFile.isSafe(path))
        }
    }
}
