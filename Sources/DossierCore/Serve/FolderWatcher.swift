import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Notices changes under a set of folders by comparing snapshots of every file's path and
/// stamp (size, inode, modification and change times).
///
/// A snapshot reads folders and stats files directly. On Linux, the system's change notices
/// (inotify, on every watched folder) say when to take one, so an idle `serve` costs next to
/// nothing however large the dossier; a snapshot is still taken every few seconds, for what the
/// notices cannot see (a file reached through a symbolic link, some network file systems).
/// Elsewhere, a snapshot is taken on every check.
public struct FolderWatcher: Sendable {
    /// One file's identity for change detection: a file rewritten in place changes its size or
    /// times, one replaced by a rename its inode, even when a tool kept its modification time.
    struct Stamp: Hashable, Sendable {
        var size: Int
        var inode: UInt
        var modified: Int
        var changed: Int

        init(_ status: stat) {
            size = Int(status.st_size)
            inode = UInt(status.st_ino)
            modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
            changed = Int(status.st_ctim.tv_sec) * 1_000_000_000 + Int(status.st_ctim.tv_nsec)
        }
    }

    /// The folders watched.
    public let folders: [URL]
    /// How long the watcher relies on change notices alone before it takes a snapshot anyway.
    let snapshotInterval: Duration
    private var snapshot: [String: Stamp] = [:]
    private var snapshotTaken = ContinuousClock.now
    /// Snapshots taken so far, the first one included.
    private(set) var snapshots = 0
    private let notices = ChangeNotices()

    /// Starts watching `folders` from their current state.
    public init(folders: [URL], snapshotInterval: Duration = .seconds(5)) {
        self.folders = folders
        self.snapshotInterval = snapshotInterval
        snapshot = takeSnapshot()
    }

    /// Whether anything was added, removed or changed since the last call (or since `init`).
    public mutating func hasChanged() -> Bool {
        // Notices are read before the snapshot: one that comes during it waits for the next check.
        if let notices, notices.watchingAll, !notices.arrived(),
            ContinuousClock.now - snapshotTaken < snapshotInterval
        {
            return false
        }
        let now = takeSnapshot()
        defer { snapshot = now }
        return now != snapshot
    }

    private mutating func takeSnapshot() -> [String: Stamp] {
        snapshotTaken = ContinuousClock.now
        snapshots += 1
        notices?.watchingAll = true
        // Each folder is watched before it is read, so nothing made in it afterwards goes unnoticed.
        return FolderWatcher.scan(folders, visiting: notices.map { notices in { notices.watch($0) } })
    }

    /// Every regular, non-hidden file under `folders` with its stamp; `visiting` is told of each
    /// folder before it is read. A symbolic link to a file counts as the file it names, so editing
    /// that file is noticed; links to folders are not followed, so a link that loops is harmless.
    static func scan(_ folders: [URL], visiting: ((String) -> Void)? = nil) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        var pending = folders.map(\.path)
        while let folder = pending.popLast() {
            visiting?(folder)
            guard let stream = opendir(folder) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                // Hidden files (editors' swap files, `.DS_Store`) are not content; nor are `.` and `..`.
                guard !name.hasPrefix(".") else { continue }
                let path = folder + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                if status.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                    continue
                }
                if status.st_mode & S_IFMT == S_IFLNK, stat(path, &status) != 0 { continue }
                if status.st_mode & S_IFMT == S_IFREG { stamps[path] = Stamp(status) }
            }
        }
        return stamps
    }
}

/// The system's notices of changes in a set of folders (Linux's inotify); nil where there are none.
final class ChangeNotices: @unchecked Sendable {
    // Used by one watcher at a time: `serve` checks from one task.
    private let descriptor: Int32

    init?() {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if descriptor < 0 { return nil }
        #else
            return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Whether every folder of the last snapshot is watched: when one could not be (the system's
    /// limit reached), the watcher takes a snapshot on every check instead.
    var watchingAll = true

    /// Asks for notices of changes in `folder` (not its subfolders); watching a folder twice is harmless.
    func watch(_ folder: String) {
        #if os(Linux)
            let events =
                IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                | IN_DELETE_SELF | IN_MOVE_SELF
            if inotify_add_watch(descriptor, folder, UInt32(events) | UInt32(IN_ONLYDIR)) < 0, errno != ENOENT {
                watchingAll = false
            }
        #endif
    }

    /// Whether any notice came since the last call (a full queue counts as one), reading them all.
    func arrived() -> Bool {
        var any = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return any }
            any = true
        }
    }
}
