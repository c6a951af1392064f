import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Deletes a replaced site in a background process, so a build returns as soon as the new site
/// is in place: unlinking the thousands of files of a big site can take longer than building it.
///
/// The folder is first renamed, in this process, to `.<output>.old-<this pid>-<n>`, so the next
/// build of a long-running process (`dossier serve`) can use the folder's old name at once. The
/// process (`/bin/sh`, then `rm`) then renames it to `.<output>.old-<its pid>`, the name
/// `SiteWriter.removeAbandoned` leaves alone while that process runs and deletes if it was
/// killed, and deletes it. It runs in its own process group, so Ctrl-C in the terminal that
/// started the build does not stop it.
enum OldSiteRemover {
    /// Numbers the folders this process moves aside.
    private static let counter = Counter()

    /// Deletes `folder`, which sits beside `target`: in the background when it can be moved aside,
    /// else at once.
    static func remove(_ folder: URL, beside target: URL) {
        if !start(folder, beside: target) { SiteWriter.removeTree(folder) }
    }

    /// Starts deleting `folder`, which sits beside `target`; returns false when it could not be
    /// moved aside (the caller then deletes the folder itself).
    static func start(_ folder: URL, beside target: URL) -> Bool {
        let prefix = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-").path
        let aside = prefix + "\(getpid())-\(counter.next())"
        guard rename(folder.path, aside) == 0 else { return false }
        let script = #"mv -T -- "$1" "$2$$" 2>/dev/null && exec rm -rf -- "$2$$""#
        let arguments = ["/bin/sh", "-c", script, "sh", aside, prefix]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_RDWR, 0)
        }
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environ) == 0 else {
            SiteWriter.removeTree(URL(fileURLWithPath: aside))
            return true
        }
        // Reap it when it ends, for long-running callers such as `dossier serve`.
        let child = pid
        Thread.detachNewThread { _ = waitpid(child, nil, 0) }
        return true
    }

    /// A number that goes up by one at each call, from any thread.
    private final class Counter: @unchecked Sendable {
        // Guards `value`.
        private let lock = NSLock()
        private var value = 0

        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }
}
