import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The system's notices of changes in a set of folders (Linux's inotify), which tell
/// `FolderWatcher` when a snapshot is worth taking.
final class ChangeNotices: @unchecked Sendable {
    // Used by one watcher, from one task at a time (`serve` checks from one loop).
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Whether every folder of the last snapshot is watched, on a file system whose notices can be
    /// trusted. When not (a watched folder missing or replaced, the system's limit of watches
    /// reached, a network or FUSE file system, whose changes made elsewhere send no notice),
    /// the watcher takes snapshots instead.
    var watchingAll = true

    /// Notices, or nil where the system gives none.
    init?() {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if descriptor < 0 { return nil }
        #else
            return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Asks for notices of changes in `folder` (not its subfolders); watching a folder twice is
    /// harmless. A `topLevel` folder must be watchable; a subfolder that vanished or cannot be read
    /// holds no file, and its parent's notices tell when that changes.
    func watch(_ folder: UnsafePointer<CChar>, topLevel: Bool) {
        #if os(Linux)
            let events =
                IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                | IN_DELETE_SELF | IN_MOVE_SELF
            if inotify_add_watch(descriptor, folder, UInt32(events) | UInt32(IN_ONLYDIR)) < 0 {
                if topLevel || (errno != ENOENT && errno != EACCES && errno != ENOTDIR) { watchingAll = false }
            }
            if topLevel, Self.fileSystemType(folder).map(Self.remoteFileSystems.contains) ?? true {
                watchingAll = false
            }
        #endif
    }

    private typealias StatFS = @convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32

    /// The type of the file system `folder` is on (`statfs(2)`'s `f_type`), nil when unknown.
    /// Looked up at run time because Swift's C library module leaves out `sys/vfs.h`; `f_type` is
    /// the first field of `struct statfs` on every Linux architecture, which is smaller than the
    /// room given here.
    private static func fileSystemType(_ folder: UnsafePointer<CChar>) -> Int? {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "statfs") else { return nil }
            let statfs = unsafeBitCast(symbol, to: StatFS.self)
            let room = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
            defer { room.deallocate() }
            guard statfs(folder, room) == 0 else { return nil }
            return room.load(as: Int.self)
        #else
            return nil
        #endif
    }

    /// File systems whose files can change without a notice here: NFS, SMB and CIFS, 9p (WSL's
    /// Windows drives, some containers' shared folders) and FUSE.
    private static let remoteFileSystems: Set<Int> = [
        0x6969, 0x517B, 0xFF53_4D42, 0xFE53_4D42, 0x0102_1997, 0x6573_5546,
    ]

    /// Whether any notice came since the last call (a full queue counts as one), reading them all.
    func arrived() -> Bool {
        var any = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return any }
            any = true
        }
    }
}
