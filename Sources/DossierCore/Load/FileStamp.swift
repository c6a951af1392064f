#if canImport(Glibc)
    import Glibc
#endif

/// One file's identity for change detection: a file rewritten in place changes its size or times,
/// one replaced by a rename its inode, even when a tool kept its modification time.
struct FileStamp: Hashable, Sendable {
    /// The size in bytes.
    var size: Int
    /// The inode number: a file renamed over another has a new one.
    var inode: UInt
    /// The modification time, in nanoseconds since 1970; tools may set it back.
    var modified: Int
    /// The change time, in nanoseconds since 1970: the system sets it on every write, rename or
    /// change of times, and nothing can set it back.
    var changed: Int

    /// The stamp in `status`, as `stat(2)` and friends fill it.
    init(_ status: stat) {
        size = Int(status.st_size)
        inode = UInt(status.st_ino)
        modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        changed = Int(status.st_ctim.tv_sec) * 1_000_000_000 + Int(status.st_ctim.tv_nsec)
    }

    /// The stamp of the regular file at `path`, not following a symbolic link; nil for anything else.
    static func ofPlainFile(_ path: String) -> FileStamp? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(status)
    }

    /// How long before a build a file must have last changed for its stamp to stand for its text.
    /// File systems keep times in coarse ticks (a few milliseconds on Linux, seconds on some), so a
    /// file written twice in one tick, to the same size, keeps its stamp; a build that read it
    /// between the two writes would trust a stale text. Git's index has the same problem
    /// ("racily clean" files) and solves it the same way.
    static let settlingTime: Duration = .seconds(2)

    /// Whether the file last changed at least `settlingTime` before `now` (nanoseconds since 1970,
    /// from `FileStamp.now()`): any later write is then sure to change the stamp. The change time
    /// says when: every write and every change of times sets it to the present, so a modification
    /// time set into the future (an archive's, `touch -d`) does not keep a file unsettled forever.
    func isSettled(before now: Int, settlingTime: Duration = FileStamp.settlingTime) -> Bool {
        let (seconds, attoseconds) = settlingTime.components
        return changed < now - Int(seconds) * 1_000_000_000 - Int(attoseconds / 1_000_000_000)
    }

    /// The system's real time, in nanoseconds since 1970: the clock file times are set from.
    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
