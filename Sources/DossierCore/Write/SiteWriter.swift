import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a finished site so that the output folder is replaced whole or not at all.
///
/// Files go to a staging folder beside the output (`StagingFolder`); the staging folder then
/// takes the output's place in one atomic exchange (`renameat2(RENAME_EXCHANGE)` where the
/// system has it), so a reader, or a build killed midway, sees either the old site or the new
/// one, never a mix.
public enum SiteWriter {
    /// Why writing failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the path concerned.
        public var description: String
    }

    /// The file every output folder carries, so a build replaces only a folder a build made.
    public static let marker = ".dossier-output"

    /// Refuses an output folder whose replacement would destroy something else: one that is, or
    /// holds, one of `protected` (the content and templates folders), or an existing folder with
    /// files in it that a build did not make.
    public static func checkTarget(_ output: URL, protecting protected: [URL]) throws(Failure) {
        let target = output.standardizedFileURL.resolvingSymlinksInPath().path
        for folder in protected {
            let path = folder.standardizedFileURL.resolvingSymlinksInPath().path
            if path == target || path.hasPrefix(target == "/" ? "/" : target + "/") {
                throw Failure(
                    description: "refusing to replace '\(output.path)': it holds '\(folder.lastPathComponent)'")
            }
            if target.hasPrefix(path + "/") {
                throw Failure(
                    description: "refusing to write into '\(output.path)': it is inside '\(folder.lastPathComponent)'")
            }
        }
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: target), !names.isEmpty else { return }
        // Sites built before the marker existed are recognised by their dossier.json and home page.
        let madeByDossier = names.contains(marker) || (names.contains("dossier.json") && names.contains("index.html"))
        guard madeByDossier else {
            throw Failure(
                description: "refusing to replace '\(output.path)': it was not made by dossier (no \(marker) file); "
                    + "remove it or choose another --output")
        }
    }

    /// Writes `files` as the new content of `output`, removing whatever was there before.
    public static func write(_ files: [OutputFile], to output: URL) throws(Failure) {
        let staging = try StagingFolder(for: output)
        do {
            for file in files { try staging.write(file) }
            try staging.commit()
        } catch let failure {
            staging.discard()
            throw failure
        }
    }

    /// Removes a folder and everything in it, its subfolders' entries on every core: a previous
    /// site of thousands of pages takes seconds to delete one file at a time.
    static func removeTree(_ folder: URL) {
        let fileManager = FileManager.default
        var entries: [URL] = []
        for child in (try? fileManager.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [] {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue,
                let grandchildren = try? fileManager.contentsOfDirectory(at: child, includingPropertiesForKeys: nil)
            {
                entries += grandchildren
            } else {
                entries.append(child)
            }
        }
        let work = entries
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            try? FileManager.default.removeItem(at: work[index])
        }
        try? fileManager.removeItem(at: folder)
    }

    /// Removes staging and old-site folders left by builds that were killed: those whose process
    /// no longer exists. A concurrent build's folders are left alone.
    static func removeAbandoned(beside target: URL) {
        let parent = target.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            for marker in [".\(target.lastPathComponent).staging-", ".\(target.lastPathComponent).old-"]
            where name.hasPrefix(marker) {
                // `<pid>`, or `<pid>-<n>` for a folder a process moved aside (`OldSiteRemover`).
                guard let pid = Int32(name.dropFirst(marker.count).prefix { $0 != "-" }) else { continue }
                if isGone(pid) {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
                }
            }
        }
    }

    /// Whether the process `pid`, another than this one, no longer exists: what it left behind
    /// (a staging folder, an old site, a half-made cache file) can go.
    static func isGone(_ pid: Int32) -> Bool {
        pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Puts `staging` in place of `target`, then keeps the old site as the spare (`SpareSite`),
    /// removes it, or has a background process remove it.
    static func swapIn(
        _ staging: URL, for target: URL, removeOldInBackground: Bool = false, keepSpare: Bool = false
    ) throws(Failure) {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: target.path) else {
            guard rename(staging.path, target.path) == 0 else {
                throw Failure(
                    description: "cannot move the new site into '\(target.path)': \(String(cString: strerror(errno)))")
            }
            return
        }
        func dispose(_ old: URL) {
            if keepSpare, rename(old.path, SpareSite.sparePath(for: target)) == 0 { return }
            if removeOldInBackground { OldSiteRemover.remove(old, beside: target) } else { removeTree(old) }
        }
        if exchange(staging.path, target.path) {
            // `staging` now holds the old site.
            dispose(staging)
            return
        }
        // No atomic exchange on this system or file system: move the old site aside first.
        let old = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).old-\(getpid())")
        try? fileManager.removeItem(at: old)
        guard rename(target.path, old.path) == 0 else {
            throw Failure(description: "cannot replace '\(target.path)': \(String(cString: strerror(errno)))")
        }
        guard rename(staging.path, target.path) == 0 else {
            _ = rename(old.path, target.path)
            throw Failure(description: "cannot replace '\(target.path)': \(String(cString: strerror(errno)))")
        }
        dispose(old)
    }

    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Atomically exchanges two paths with Linux's `renameat2`, looked up at run time because
    /// the C library's header hides it behind `_GNU_SOURCE`.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 1 << 1
            return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
            return false
        #endif
    }
}
