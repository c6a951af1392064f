import Foundation
import Testing

@testable import DossierCore

/// A throwaway site folder for a test: content written from strings, the repository's own
/// templates, and helpers to build it and read the output back.
struct TestSite {
    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The site folder (holds `Content/`, `Templates/`, `Public/`).
    let root: URL

    /// Makes a site whose `Content/` holds `files` (paths relative to `Content/`) and whose
    /// `Templates/` is a copy of the repository's.
    init(_ files: [String: String], templates: URL = TestSite.repository.appendingPathComponent("Templates")) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: templates, to: root.appendingPathComponent("Templates"))
        for (path, text) in files { try write(path, text) }
    }

    /// Makes a site from a copy of a content folder.
    init(content: URL) throws {
        try self.init([:])
        try FileManager.default.copyItem(at: content, to: root.appendingPathComponent("Content"))
    }

    /// Writes a content file (path relative to `Content/`).
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent("Content").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Replaces `old` with `new` in a content file (path relative to `Content/`); throws when the
    /// file does not hold `old`, so a test never rebuilds an unchanged site by mistake.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let url = root.appendingPathComponent("Content").appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains(old) else { throw EditFailure(path: path, missing: old) }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Why `edit` failed.
    struct EditFailure: Error {
        var path: String
        var missing: String
    }

    /// A new site with copies of this one's content and templates, nothing built and no cache.
    func freshCopy() throws -> TestSite {
        let fresh = try TestSite(content: root.appendingPathComponent("Content"))
        try FileManager.default.removeItem(at: fresh.root.appendingPathComponent("Templates"))
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("Templates"), to: fresh.root.appendingPathComponent("Templates"))
        return fresh
    }

    /// The body cache's file: inside the site folder, so every rebuild a test makes also
    /// exercises the cache, and the folder takes it away.
    var bodyCache: URL { root.appendingPathComponent("cache/bodies.bin") }

    /// Build options for this site, with the usual folder names.
    func options(drafts: Bool = false, baseURL: String? = nil) -> BuildOptions {
        var options = BuildOptions(includeDrafts: drafts, baseURL: baseURL, relativeTo: root)
        options.bodyCache = bodyCache
        return options
    }

    /// Builds into `Public/`.
    @discardableResult
    func build(drafts: Bool = false, baseURL: String? = nil) -> SiteBuilder.Report {
        SiteBuilder.build(options(drafts: drafts, baseURL: baseURL))
    }

    /// Builds into `Public/` (with `memory`, as `serve` builds), then a copy of the content from
    /// scratch (no body cache, no memory); expects the same diagnostics and, when the build
    /// succeeds, identical sites; returns the first build's report.
    @discardableResult
    func buildMatchingFresh(memory: BuildMemory? = nil) throws -> SiteBuilder.Report {
        var options = options()
        options.memory = memory
        let report = SiteBuilder.build(options)
        let fresh = try freshCopy()
        defer { fresh.remove() }
        var scratch = fresh.options()
        scratch.bodyCache = nil
        let expected = SiteBuilder.build(scratch)
        #expect(texts(report.diagnostics) == texts(expected.diagnostics))
        // A build with errors leaves the previous site as it was, so only good builds compare.
        if !report.diagnostics.hasErrors {
            #expect(snapshot() == fresh.snapshot(), "the build differs from one from scratch")
        }
        return report
    }

    /// The text of a generated file, or nil.
    func output(_ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent("Public").appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file under `Public/` with its bytes, for before/after comparisons.
    func snapshot() -> [String: Data] {
        let folder = root.appendingPathComponent("Public")
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) {
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
                if !isDirectory.boolValue { files[path] = data }
            }
        }
        return files
    }

    /// Removes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// The texts of diagnostics, for exact comparisons.
func texts(_ diagnostics: Diagnostics) -> [String] {
    diagnostics.sorted.map(\.description)
}

/// A minimal valid `index.md`.
let minimalIndex = """
    ---
    title: Test dossier
    description: A dossier for tests.
    ---

    Welcome to the [[Test topic]].

    """
