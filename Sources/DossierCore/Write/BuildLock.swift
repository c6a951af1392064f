import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps builds into one output folder from overlapping: a build holds an exclusive `flock(2)` on
/// `.<output>.lock` beside the folder from before it claims the spare until it returns (the new
/// site in place and the body cache written).
///
/// Without it, a build that had read the live site's page keys could hard-link a page from a
/// site another build swapped in meanwhile: a page made from other content, published under this
/// build's key. `dossier serve` rebuilding on every save while `dossier build` runs in a terminal
/// is enough for that. The file is the output's own, so builds into other folders never wait, and
/// it is readable by its owner only, so no other user can hold the lock. It stays (removing a
/// lock file lets two builds each lock a different one); the lock goes with the process, however
/// that ends.
final class BuildLock {
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The lock file of `output`.
    static func path(for output: URL) -> String {
        let target = output.standardizedFileURL
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).lock").path
    }

    /// Takes the lock for builds into `output`, waiting while another build holds it; `waiting`
    /// is called once before the wait. The output's parent folder is made if missing, as the
    /// build would make it. Nil when the file cannot be opened or locked (a folder this process
    /// cannot write, a file system without locks): the build then goes on without it and fails,
    /// if it must, where it writes.
    static func acquire(for output: URL, waiting: () -> Void) -> BuildLock? {
        let path = path(for: output)
        // Close-on-exec: the background `rm` of an old site must not inherit, and so hold, the
        // lock. No following links: a link planted there could make the file elsewhere.
        func openFile() -> Int32 { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600) }
        var descriptor = openFile()
        if descriptor < 0, errno == ENOENT {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            descriptor = openFile()
        }
        guard descriptor >= 0 else { return nil }
        let lock = BuildLock(descriptor: descriptor)
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else { return nil }
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else { return nil }
            }
        }
        return lock
    }

    /// Lets the lock go (closing the file does); the next build into the folder may start.
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit {
        release()
    }
}
