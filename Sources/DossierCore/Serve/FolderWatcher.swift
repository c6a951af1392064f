import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Notices changes under a set of folders by comparing snapshots of every file's path and
/// stamp (`FileStamp`: size, inode, modification and change times), and of the text of each file
/// that changed just before the snapshot (`Snapshot`).
///
/// A snapshot reads folders and stats files directly. On Linux, the system's change notices
/// (`ChangeNotices`, on every watched folder) say when to take one, so an idle `serve` costs next
/// to nothing however large the dossier; a snapshot is still taken every few seconds, for what the
/// notices cannot see (a file reached through a symbolic link). Without notices, a snapshot is
/// taken on every check, at most every `pollInterval`.
public struct FolderWatcher: Sendable {
    /// How often snapshots are taken at most when there are no notices to go by: a snapshot of a
    /// 10,000-article dossier takes tens of milliseconds.
    static let pollInterval: Duration = .milliseconds(300)

    /// The folders watched.
    public let folders: [URL]
    /// How long the watcher relies on change notices alone before it takes a snapshot anyway.
    let snapshotInterval: Duration
    private var snapshot = Snapshot(stamps: [:], takenAt: 0)
    private var snapshotTaken = ContinuousClock.now
    /// Snapshots taken so far, the first one included.
    private(set) var snapshots = 0
    private let notices = ChangeNotices()

    /// Lists every file under folders with its stamp, telling `visiting` of each folder (`scan`).
    typealias Scanner =
        @Sendable ([URL], _ visiting: ((UnsafePointer<CChar>, _ topLevel: Bool) -> Void)?) -> [String: FileStamp]
    private let scanner: Scanner

    /// Starts watching `folders` from their current state.
    public init(folders: [URL], snapshotInterval: Duration = .seconds(5)) {
        self.init(folders: folders, snapshotInterval: snapshotInterval) { FolderWatcher.scan($0, visiting: $1) }
    }

    /// Starts watching `folders` with `scanner` in place of `scan` (tests give stamps of their own).
    init(folders: [URL], snapshotInterval: Duration, scanner: @escaping Scanner) {
        self.folders = folders
        self.snapshotInterval = snapshotInterval
        self.scanner = scanner
        snapshot = takeSnapshot()
    }

    /// Whether anything was added, removed or changed since the last call (or since `init`).
    public mutating func hasChanged() -> Bool {
        let sinceSnapshot = ContinuousClock.now - snapshotTaken
        if let notices, notices.watchingAll {
            // Notices are read before the snapshot: one that comes during it waits for the next check.
            if !notices.arrived() && sinceSnapshot < snapshotInterval { return false }
        } else if sinceSnapshot < Self.pollInterval {
            return false
        }
        let now = takeSnapshot()
        defer { snapshot = now }
        return now.differs(from: snapshot)
    }

    private mutating func takeSnapshot() -> Snapshot {
        snapshotTaken = ContinuousClock.now
        snapshots += 1
        // What came while there was no need to read notices, the snapshot sees.
        _ = notices?.arrived()
        notices?.watchingAll = true
        // Taken before the scan, so a file written during it counts as not yet settled.
        let takenAt = FileStamp.now()
        // Each folder is watched before it is read, so nothing made in it afterwards goes unnoticed.
        return Snapshot(stamps: scanner(folders, notices.map { notices in notices.watch }), takenAt: takenAt)
    }

    /// Every file's stamp at one moment, and a hash of the text of each file that had not settled
    /// by then (see `FileStamp.isSettled`).
    ///
    /// File times move in ticks of a few milliseconds, so a file written twice in one tick, to the
    /// same size, keeps its stamp: a snapshot taken between the two writes would compare equal to
    /// the next one, and the second write would go unnoticed until some other change. The text of
    /// such a file tells the two writes apart. It is read only for files just written, up to
    /// `textBudget` bytes a snapshot: an editor saves a file or a few, and past that (a checkout, a
    /// sync) the other files are compared by their stamps alone.
    struct Snapshot {
        /// How many bytes of files not yet settled a snapshot reads at most.
        static let textBudget = 8 << 20
        /// Every file's stamp, by path.
        let stamps: [String: FileStamp]
        /// A hash of the text of each file that changed less than the settling time before the
        /// snapshot (within `textBudget`), nil for one that could not be read.
        let unsettled: [String: StableHash?]

        /// The snapshot of `stamps`, taken at `takenAt` (nanoseconds since 1970, `FileStamp.now()`).
        init(stamps: [String: FileStamp], takenAt: Int, settlingTime: Duration = FileStamp.settlingTime) {
            self.stamps = stamps
            var unsettled: [String: StableHash?] = [:]
            var budget = Snapshot.textBudget
            for (path, stamp) in stamps
            where stamp.size <= budget && !stamp.isSettled(before: takenAt, settlingTime: settlingTime) {
                budget -= stamp.size
                unsettled[path] = Snapshot.textHash(path)
            }
            self.unsettled = unsettled
        }

        /// Whether a file was added, removed or changed since `earlier`: its stamp differs, or it had
        /// not settled in `earlier` and its text differs now.
        func differs(from earlier: Snapshot) -> Bool {
            if stamps != earlier.stamps { return true }
            return earlier.unsettled.contains { path, hash in
                (unsettled[path] ?? Snapshot.textHash(path)) != hash
            }
        }

        /// A hash of the text of the regular file at `path` (following a symbolic link, as the scan
        /// does), nil when it cannot be read.
        static func textHash(_ path: String) -> StableHash? {
            guard let (bytes, _) = ContentLoader.readPlainFile(path, followingLinks: true) else { return nil }
            var hash = StableHash()
            hash.add(bytes)
            return hash
        }
    }

    /// Every regular, non-hidden file under `folders` with its stamp; `visiting` is told of each
    /// folder before it is read, and whether it is one of `folders`. A symbolic link to a file
    /// counts as the file it names, so editing that file is noticed; links to folders are not
    /// followed, so a link that loops is harmless. Names are used as the bytes they are: a name
    /// that is not UTF-8 is still read (and shown with replacement characters).
    static func scan(
        _ folders: [URL], visiting: ((UnsafePointer<CChar>, _ topLevel: Bool) -> Void)? = nil
    ) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        // Paths as bytes, without the terminating zero, and whether each is one of `folders`.
        var pending = folders.map { (Array($0.path.utf8), true) }
        while let (folder, topLevel) = pending.popLast() {
            let opened = (folder + [0]).withUnsafeBufferPointer { path in
                path.withMemoryRebound(to: CChar.self) { path in
                    visiting?(path.baseAddress!, topLevel)
                    return opendir(path.baseAddress!)
                }
            }
            guard let stream = opened else { continue }
            defer { closedir(stream) }
            let descriptor = dirfd(stream)
            while let entry = readdir(stream) {
                withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    let name = raw.prefix { $0 != 0 }
                    // Hidden files (editors' swap files, `.DS_Store`) are not content; nor are `.` and `..`.
                    guard let first = name.first, first != UInt8(ascii: ".") else { return }
                    let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    var status = stat()
                    guard fstatat(descriptor, base, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return }
                    let path = folder + [UInt8(ascii: "/")] + name
                    if status.st_mode & S_IFMT == S_IFDIR {
                        pending.append((path, false))
                        return
                    }
                    if status.st_mode & S_IFMT == S_IFLNK, fstatat(descriptor, base, &status, 0) != 0 { return }
                    if status.st_mode & S_IFMT == S_IFREG {
                        stamps[String(decoding: path, as: UTF8.self)] = FileStamp(status)
                    }
                }
            }
        }
        return stamps
    }
}
