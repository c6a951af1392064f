import Foundation
import Testing

@testable import DossierCore

#if canImport(Glibc)
    import Glibc
#endif

/// A build with the memory of the previous one (as `dossier serve` builds) parses and decodes
/// only what changed, and makes exactly the site, and reports exactly the problems, of a build
/// from scratch.
@Suite("Build memory")
struct BuildMemoryTests {
    /// Files, and so bodies, in `Fixtures.relations`.
    static let fileCount = Fixtures.relations.count

    @Test("a rebuild parses and decodes only the file that changed")
    func onlyWhatChanged() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let memory = BuildMemory()
        try site.buildMatchingFresh(memory: memory)
        #expect(memory.reusedParses == 0)
        #expect(memory.parses.count == Self.fileCount)
        #expect(memory.bodies.count == Self.fileCount)
        try site.edit("articles/second-report.md", replacing: "Then he left.", with: "He left.")
        let report = try site.buildMatchingFresh(memory: memory)
        #expect(memory.reusedParses == Self.fileCount - 1)
        #expect(memory.reusedBodies == Self.fileCount - 1)
        #expect(report.reusedBodyCount == Self.fileCount - 1)
        #expect(site.output("articles/second-report/index.html")?.contains("He left.") == true)
        // A front-matter change is a new parse too.
        try site.edit("articles/second-report.md", replacing: "title: Second report", with: "title: Second look")
        try site.buildMatchingFresh(memory: memory)
        #expect(memory.reusedParses == Self.fileCount - 1)
        #expect(site.output("articles/second-report/index.html")?.contains("Second look") == true)
    }

    @Test("a remembered body whose names changed is reported, then served again once they are back")
    func namesStillChecked() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let memory = BuildMemory()
        try site.buildMatchingFresh(memory: memory)
        try site.edit("actors/vladimir-putin.md", replacing: "aliases: [Putin]", with: "aliases: []")
        let failed = try site.buildMatchingFresh(memory: memory)
        #expect(texts(failed.diagnostics).contains { $0.contains("'[[Putin]]' names no actor or topic") })
        try site.edit("actors/vladimir-putin.md", replacing: "aliases: []", with: "aliases: [Putin]")
        let fixed = try site.buildMatchingFresh(memory: memory)
        #expect(!fixed.diagnostics.hasErrors)
        #expect(memory.reusedParses == Self.fileCount - 1)
    }

    @Test("a file taken from the memory reports its warnings again; a removed file is forgotten")
    func warningsAndRemovals() throws {
        var files = Fixtures.relations
        files["topics/extra.md"] = "---\ntitle: Extra\ncolour: blue\n---\n\nAn extra topic.\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let memory = BuildMemory()
        let first = try site.buildMatchingFresh(memory: memory)
        #expect(texts(first.diagnostics).contains { $0.contains("unknown key 'colour'") })
        let second = try site.buildMatchingFresh(memory: memory)
        #expect(memory.reusedParses == files.count)
        #expect(texts(second.diagnostics) == texts(first.diagnostics))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("Content/topics/extra.md"))
        try site.buildMatchingFresh(memory: memory)
        #expect(memory.parses.count == Self.fileCount)
        #expect(site.output("topics/extra/index.html") == nil)
    }

    @Test("a remembered body is used only when the body cache file still holds it")
    func onlyWhatTheCacheHolds() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        let memory = BuildMemory()
        try site.buildMatchingFresh(memory: memory)
        try FileManager.default.removeItem(at: site.bodyCache)
        let report = try site.buildMatchingFresh(memory: memory)
        #expect(memory.reusedBodies == 0)
        #expect(report.reusedBodyCount == 0)
        #expect(memory.reusedParses == Self.fileCount, "parses do not depend on the body cache")
    }

    @Test("a file that keeps its stamp is not read again; a change that keeps its size and time is seen")
    func unreadWhileStamped() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        // Trusts a stamp from the moment a build starts after the file's last change, so the test
        // need not wait two seconds.
        let memory = BuildMemory(settlingTime: .zero)
        try site.buildMatchingFresh(memory: memory)
        #expect(memory.unreadFiles == 0)
        try site.buildMatchingFresh(memory: memory)
        // `index.md` is always read.
        #expect(memory.unreadFiles == Self.fileCount - 1)
        #expect(memory.reusedParses == Self.fileCount)
        // Same size, and the modification time put back to the nanosecond: only the change time tells.
        let path = site.root.appendingPathComponent("Content/articles/second-report.md").path
        let before = try Self.modificationTime(path)
        try site.edit("articles/second-report.md", replacing: "Then he left.", with: "Then he wept.")
        try Self.setModificationTime(path, before)
        try site.buildMatchingFresh(memory: memory)
        #expect(memory.unreadFiles == Self.fileCount - 2)
        #expect(site.output("articles/second-report/index.html")?.contains("Then he wept.") == true)
        // A file renamed over it, again of the same size and time: only the inode and change time tell.
        let replacement = path + ".new"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "wept", with: "sang")
            .write(toFile: replacement, atomically: false, encoding: .utf8)
        try Self.setModificationTime(replacement, Self.modificationTime(path))
        #expect(rename(replacement, path) == 0)
        try site.buildMatchingFresh(memory: memory)
        #expect(site.output("articles/second-report/index.html")?.contains("Then he sang.") == true)
    }

    @Test("a file that changed shortly before the build is read again, however its stamp looks")
    func recentFilesRead() throws {
        let site = try TestSite(Fixtures.relations)
        defer { site.remove() }
        // An hour, so however slowly the tests run, the files are still recent at the second build.
        let memory = BuildMemory(settlingTime: .seconds(3600))
        try site.buildMatchingFresh(memory: memory)
        try site.buildMatchingFresh(memory: memory)
        #expect(memory.unreadFiles == 0, "the files were written less than an hour ago")
        #expect(memory.reusedParses == Self.fileCount)
        var status = stat()
        #expect(stat(site.root.appendingPathComponent("Content/articles/second-report.md").path, &status) == 0)
        let stamp = FileStamp(status)
        #expect(!stamp.isSettled(before: stamp.changed + 1_999_000_000))
        #expect(stamp.isSettled(before: stamp.changed + 2_001_000_000))
        // A modification time set into the future does not keep a file unsettled: the change time
        // is when the file last changed.
        var future = stamp
        future.modified = stamp.changed + 3_600_000_000_000
        #expect(future.isSettled(before: stamp.changed + 2_001_000_000))
    }

    /// A file's modification time, to the nanosecond.
    static func modificationTime(_ path: String) throws -> timespec {
        var status = stat()
        guard stat(path, &status) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
        return status.st_mtim
    }

    /// Sets a file's modification time (and its access time to the same).
    static func setModificationTime(_ path: String, _ time: timespec) throws {
        let times = [time, time]
        guard utimensat(AT_FDCWD, path, times, 0) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
