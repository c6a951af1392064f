import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps builds into one folder from overlapping: a build holds an exclusive lock on the folder
/// its output is in from before it claims the spare until the new site is in place.
///
/// Without it, a build that had read the live site's page keys could hard-link a page from a
/// site another build swapped in meanwhile: a page made from other content, published under this
/// build's key. `dossier serve` rebuilding on every save while `dossier build` runs in a terminal
/// is enough for that. The lock is `flock(2)` on the folder itself, so no file is left behind; it
/// goes with the process, however that ends. Builds into other folders of the same parent wait
/// for each other too, which costs only time.
final class BuildLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock for builds into `output`, waiting while another build holds it; `waiting`
    /// is called once before the wait. Nil when the folder cannot be opened or locked (a file
    /// system without locks): the build then goes on without it, as builds did before.
    static func acquire(for output: URL, waiting: () -> Void) -> BuildLock? {
        let parent = output.standardizedFileURL.deletingLastPathComponent().path
        // Close-on-exec: the background `rm` of an old site must not inherit, and so hold, the lock.
        let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                return nil
            }
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    return nil
                }
            }
        }
        return BuildLock(descriptor: descriptor)
    }

    /// Closing the folder lets the lock go.
    deinit {
        close(descriptor)
    }
}
