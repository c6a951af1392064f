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
/// is enough for that. The file is the output's own, so builds into other folders never wait. It
/// is made readable by its owner only, and a build uses it only when it is a plain file this user
/// owns, so no other user can hold the lock. It stays (removing a lock file lets two builds each
/// lock a different one); the lock goes with the process, however that ends.
final class BuildLock {
    /// Why a build could not take the lock.
    enum Failure: Error {
        /// The build was cancelled while it waited.
        case cancelled
        /// The file could not be made, opened or locked (the reason, for a warning): the build
        /// goes on without the lock, as builds did before there was one.
        case unavailable(String)
    }

    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The lock file of `output`.
    static func path(for output: URL) -> String {
        let target = output.standardizedFileURL
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).lock").path
    }

    /// Takes the lock for builds into `output`, waiting while another build holds it: `waiting`
    /// is called once before the wait, and the wait ends early, with `.cancelled`, once
    /// `isCancelled` says so (it is asked every 50 ms). The output's parent folder is made if
    /// missing, as the build would make it.
    static func acquire(for output: URL, waiting: () -> Void, isCancelled: () -> Bool) throws(Failure) -> BuildLock {
        let path = path(for: output)
        // Close-on-exec: the background `rm` of an old site must not inherit, and so hold, the
        // lock. No following links, and no waiting on a FIFO planted there.
        func openFile() -> Int32 { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600) }
        var descriptor = openFile()
        if descriptor < 0, errno == ENOENT {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            descriptor = openFile()
        }
        guard descriptor >= 0 else { throw .unavailable("cannot open \(path): \(String(cString: strerror(errno)))") }
        let lock = BuildLock(descriptor: descriptor)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else {
            throw .unavailable("\(path) is not a plain file of this user's")
        }
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .unavailable("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            if !announced {
                waiting()
                announced = true
            }
            if isCancelled() { throw .cancelled }
            usleep(50_000)
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
