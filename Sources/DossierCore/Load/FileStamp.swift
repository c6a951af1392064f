#if canImport(Glibc)
    import Glibc
#endif

/// One file's identity for change detection: a file rewritten in place changes its size or times,
/// one replaced by a rename its inode, even when a tool kept its modification time.
struct FileStamp: Hashable, Sendable {
    var size: Int
    var inode: UInt
    /// Modification and change times, in nanoseconds since 1970.
    var modified: Int
    var changed: Int

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
    static let settlingTime = 2_000_000_000

    /// Whether the file last changed at least `settlingTime` before `now` (nanoseconds since 1970,
    /// from `FileStamp.now()`): any later write is then sure to change the stamp.
    func isSettled(before now: Int, settlingTime: Int = FileStamp.settlingTime) -> Bool {
        max(modified, changed) < now - settlingTime
    }

    /// The system's real time, in nanoseconds since 1970: the clock file times are set from.
    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
