import Foundation
import Testing

@testable import DossierCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Watching folders for changes")
struct FolderWatcherTests {
    /// A watcher whose checks can sit inside `#expect`; unless told otherwise, it takes no
    /// snapshot in a test's time unless a change notice says so (where the system gives them).
    private final class Watch {
        var watcher: FolderWatcher
        init(_ folder: URL, snapshotInterval: Duration = .seconds(3600)) {
            watcher = FolderWatcher(folders: [folder], snapshotInterval: snapshotInterval)
        }
        init(_ folder: URL, scanner: @escaping FolderWatcher.Scanner) {
            watcher = FolderWatcher(folders: [folder], snapshotInterval: .seconds(3600), scanner: scanner)
        }
        func changed() -> Bool { watcher.hasChanged() }
    }

    /// A folder with `a.md` and `sub/b.md`, removed by `body` when done.
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("first\n".utf8).write(to: folder.appendingPathComponent("a.md"))
        try Data("second\n".utf8).write(to: folder.appendingPathComponent("sub/b.md"))
        try body(folder)
    }

    @Test("nothing changed is no change; each edit, addition and removal is one")
    func editsAdditionsRemovals() throws {
        try withFolder { folder in
            let watch = Watch(folder)
            #expect(!watch.changed())
            try Data("changed\n".utf8).write(to: folder.appendingPathComponent("sub/b.md"))
            #expect(watch.changed())
            #expect(!watch.changed(), "a change is reported once")
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
            #expect(!watch.changed(), "an empty folder holds no file")
            try Data("new\n".utf8).write(to: folder.appendingPathComponent("sub/deeper/c.md"))
            #expect(watch.changed())
            try FileManager.default.removeItem(at: folder.appendingPathComponent("a.md"))
            #expect(watch.changed())
            #expect(
                Set(FolderWatcher.scan([folder]).keys) == [
                    folder.path + "/sub/b.md", folder.path + "/sub/deeper/c.md",
                ])
        }
    }

    @Test("a file replaced by one of the same size and modification time is noticed")
    func replacedKeepingTimes() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("a.md")
            let watch = Watch(folder)
            var before = stat()
            #expect(stat(file.path, &before) == 0)
            // Saved the way many editors save: a new file renamed over the old one, here with
            // the old modification time kept, as `cp -p` or `rsync -t` keep it.
            let replacement = folder.appendingPathComponent("a.md.new")
            try Data("FIRST\n".utf8).write(to: replacement)
            let times = [before.st_atim, before.st_mtim]
            #expect(utimensat(AT_FDCWD, replacement.path, times, 0) == 0)
            #expect(rename(replacement.path, file.path) == 0)
            var after = stat()
            #expect(stat(file.path, &after) == 0)
            #expect(after.st_size == before.st_size)
            #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
            #expect(watch.changed())
        }
    }

    @Test("a file written twice in one tick of the file times, to the same size, is noticed")
    func sameStampOtherText() throws {
        try withFolder { folder in
            let path = folder.appendingPathComponent("a.md").path
            let hour: Int = 3_600_000_000_000
            let before = FolderWatcher.Snapshot(stamps: FolderWatcher.scan([folder]), takenAt: FileStamp.now())
            #expect(before.unsettled.keys.contains(path), "a file just written has not settled")
            // The file system leaves the stamp as it was when the second write falls in the same
            // tick: the later snapshots are given the earlier stamps.
            let unchanged = FolderWatcher.Snapshot(stamps: before.stamps, takenAt: FileStamp.now())
            #expect(!unchanged.differs(from: before), "a file whose text is the same is no change")
            try Data("FIRST\n".utf8).write(to: URL(fileURLWithPath: path))
            let rewritten = FolderWatcher.Snapshot(stamps: before.stamps, takenAt: FileStamp.now())
            #expect(rewritten.differs(from: before))
            // A later snapshot in which the file has settled reads its text to compare it.
            let later = FolderWatcher.Snapshot(stamps: before.stamps, takenAt: FileStamp.now() + hour)
            #expect(later.unsettled.isEmpty, "a settled file is taken by its stamp alone")
            #expect(later.differs(from: before))
            #expect(!later.differs(from: rewritten))
        }
    }

    #if os(Linux)
        @Test("the watcher compares the texts of files saved twice in one tick")
        func watcherComparesTexts() throws {
            try withFolder { folder in
                // Every snapshot gets the first one's stamps, as if each save fell in the tick of the
                // one before; the folders are still scanned, so they are watched.
                let first = FolderWatcher.scan([folder])
                let watch = Watch(folder) { folders, visiting in
                    _ = FolderWatcher.scan(folders, visiting: visiting)
                    return first
                }
                try Data("FIRST\n".utf8).write(to: folder.appendingPathComponent("a.md"))
                #expect(watch.changed())
                #expect(!watch.changed(), "a change is reported once")
                try Data("first\n".utf8).write(to: folder.appendingPathComponent("a.md"))
                #expect(watch.changed())
            }
        }

        @Test("a snapshot reads at most its budget of texts; a named pipe is never waited on")
        func snapshotBudget() throws {
            try withFolder { folder in
                let big = folder.appendingPathComponent("big.md")
                try Data(count: FolderWatcher.Snapshot.textBudget + 1).write(to: big)
                #expect(mkfifo(folder.appendingPathComponent("pipe.md").path, 0o600) == 0)
                var stamps = FolderWatcher.scan([folder])
                // A pipe put where the scan saw a file.
                stamps[folder.path + "/pipe.md"] = stamps[folder.path + "/a.md"]
                let snapshot = FolderWatcher.Snapshot(stamps: stamps, takenAt: FileStamp.now())
                #expect(snapshot.unsettled.keys.contains(folder.path + "/a.md"))
                #expect(!snapshot.unsettled.keys.contains(big.path), "past the budget, stamps alone")
                #expect(snapshot.unsettled[folder.path + "/pipe.md"] == .some(nil), "a pipe cannot be read")
            }
        }
    #endif

    @Test("hidden files are ignored; a file reached through a symbolic link is watched")
    func hiddenAndLinked() throws {
        try withFolder { folder in
            let outside = FileManager.default.temporaryDirectory.appendingPathComponent("target-\(UUID().uuidString)")
            try Data("linked\n".utf8).write(to: outside)
            defer { try? FileManager.default.removeItem(at: outside) }
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("linked.md"), withDestinationURL: outside)
            // A link to a folder above is not followed: the scan ends.
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent("sub/loop"), withDestinationURL: folder)
            // The linked file is outside the watched folders, so no notice comes: a snapshot finds it.
            let watch = Watch(folder, snapshotInterval: .milliseconds(200))
            #expect(FolderWatcher.scan([folder]).keys.contains(folder.path + "/linked.md"))
            try Data("swap".utf8).write(to: folder.appendingPathComponent(".a.md.swp"))
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: folder.appendingPathComponent(".git/index"))
            #expect(!watch.changed(), "a hidden file or folder changed nothing")
            try Data("linked, edited\n".utf8).write(to: outside)
            Thread.sleep(forTimeInterval: 0.25)
            #expect(watch.changed())
        }
    }

    #if os(Linux)
        @Test("an idle watcher reads no folder: change notices say when to look")
        func idleWatcherReadsNothing() throws {
            try withFolder { folder in
                let watch = Watch(folder)
                for _ in 0..<20 { #expect(!watch.changed()) }
                #expect(watch.watcher.snapshots == 1, "only the first snapshot")
                try Data("changed\n".utf8).write(to: folder.appendingPathComponent("a.md"))
                #expect(watch.changed())
                #expect(watch.watcher.snapshots == 2)
            }
        }
    #endif

    @Test("a folder moved in with its files, and a watched folder deleted and made again, are noticed")
    func foldersMovedAndReplaced() throws {
        try withFolder { folder in
            let watch = Watch(folder)
            let outside = FileManager.default.temporaryDirectory.appendingPathComponent("moved-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data("moved\n".utf8).write(to: outside.appendingPathComponent("d.md"))
            #expect(rename(outside.path, folder.appendingPathComponent("sub/moved").path) == 0)
            #expect(watch.changed())
            try Data("moved, edited\n".utf8).write(to: folder.appendingPathComponent("sub/moved/d.md"))
            #expect(watch.changed(), "a folder moved in is watched from the next snapshot on")
            // The watched folder itself replaced, as a checkout or a sync tool may do.
            try FileManager.default.removeItem(at: folder)
            #expect(watch.changed())
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("back\n".utf8).write(to: folder.appendingPathComponent("a.md"))
            // Nothing watches the new folder until a snapshot finds it: the watcher polls meanwhile.
            Thread.sleep(forTimeInterval: 0.35)
            #expect(watch.changed())
            try Data("back, edited\n".utf8).write(to: folder.appendingPathComponent("a.md"))
            Thread.sleep(forTimeInterval: 0.35)
            #expect(watch.changed())
        }
    }
}
