import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a build writes into, beside the output folder, before it takes the output's place.
///
/// Files can be written from several threads at once, as pages are rendered, so a large site is
/// never held in memory whole. Nothing reaches the output folder until `commit()`.
///
/// A staging folder is either empty at first or the previous build's spare (`SpareSite`), which
/// already holds most of the site: its pages whose key is unchanged are kept as they are, others
/// are replaced file by file (never written into, since their inodes may be shared with the live
/// site), and what the new site does not have is removed before the swap.
public final class StagingFolder: @unchecked Sendable {
    /// The output folder this staging folder will replace.
    public let target: URL
    /// The staging folder itself.
    public let url: URL
    /// `url`'s path, worked out once: every file written or linked is named from it.
    private let root: String
    /// What the staging folder held at first, when it began as the spare; nil when it began empty.
    private let inherited: SpareSite.Inventory?
    // Guards `produced`, written from rendering threads.
    private let lock = NSLock()
    /// With `inherited`: every file of the new site so far, written, linked or kept, by the
    /// UTF-8 bytes of its path.
    private var produced: Set<[UInt8]> = []

    /// The staging folder's path for the output folder `target`.
    static func path(for target: URL) -> String {
        target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).staging-\(getpid())")
            .path
    }

    /// Makes a staging folder beside `output`, after removing what killed builds left: the
    /// `spare` claimed for it when it can be brought up to date, else an empty one.
    public init(for output: URL, adopting spare: SpareSite? = nil) throws(SiteWriter.Failure) {
        target = output.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        root = StagingFolder.path(for: target)
        url = URL(fileURLWithPath: root)
        if let spare, spare.path == root, spare.inventory.usable {
            inherited = spare.inventory
            return
        }
        inherited = nil
        if let spare, spare.path == root { OldSiteRemover.remove(url, beside: target) }
        SiteWriter.removeAbandoned(beside: target)
        do {
            if FileManager.default.fileExists(atPath: root) { try? FileManager.default.removeItem(at: url) }
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        } catch {
            throw SiteWriter.Failure(description: "cannot create '\(url.path)': \(error.localizedDescription)")
        }
    }

    /// Writes one file, creating its folders; safe to call from several threads.
    public func write(_ file: OutputFile) throws(SiteWriter.Failure) {
        guard OutputFile.isSafe(file.path) else {
            throw SiteWriter.Failure(description: "refusing to write '\(file.path)': it would leave the output folder")
        }
        // In a staging folder that began as the spare, a file may be where a folder goes.
        if inherited != nil, !clearWay(for: file.path) {
            throw SiteWriter.Failure(description: "cannot replace '\(file.path)' in '\(url.path)'")
        }
        try makeFolder(StagingFolder.folder(of: file.path))
        let path = root + "/" + file.path
        // In a staging folder that began as the spare, a file that is still there (whose inode
        // the live site may share) or a symbolic link is never opened.
        let exclusive = inherited != nil ? O_EXCL | O_NOFOLLOW : 0
        let written = StagingFolder.writeFile(at: path, flags: exclusive) { write in
            func writeText(_ text: String) {
                var text = text
                text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
            }
            switch file.contents {
            case .text(let text): writeText(text)
            case .bytes(let bytes): bytes.withUnsafeBytes { write($0) }
            case .stream(let produce): produce(write)
            }
        }
        if !written {
            throw SiteWriter.Failure(description: "cannot write '\(file.path)': \(String(cString: strerror(errno)))")
        }
        record(file.path)
    }

    /// Hard-links the existing file at the path `existing` into the staging folder as `path`;
    /// returns whether it could.
    public func link(_ existing: String, as path: String) -> Bool {
        guard OutputFile.isSafe(path), inherited == nil || clearWay(for: path),
            (try? makeFolder(StagingFolder.folder(of: path))) != nil
        else {
            return false
        }
        guard Glibc.link(existing, root + "/" + path) == 0 else { return false }
        record(path)
        return true
    }

    /// Whether the staging folder already holds the page `path` with `key` (it began as the spare
    /// and the page has not changed since): the page is then kept as it is.
    public func keep(_ path: String, key: String) -> Bool {
        guard let inherited, !key.isEmpty else { return false }
        let bytes = Array(path.utf8)
        guard inherited.files[bytes] == key else { return false }
        lock.withLock { _ = produced.insert(bytes) }
        return true
    }

    /// Notes that the new site has `path`, when the staging folder began as the spare.
    private func record(_ path: String) {
        guard inherited != nil else { return }
        let bytes = Array(path.utf8)
        lock.withLock { _ = produced.insert(bytes) }
    }

    /// Makes room for a new file at `path` in a staging folder that began as the spare: removes
    /// the file there (whose inode the live site may share), or whatever else is in the way,
    /// unless this build made it. Returns whether the way is clear.
    private func clearWay(for path: String) -> Bool {
        let absolute = root + "/" + path
        if unlink(absolute) == 0 || errno == ENOENT { return true }
        // A folder where the file goes, or a file where one of its folders goes.
        var status = stat()
        if lstat(absolute, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            let inside = Array((path + "/").utf8)
            guard !lock.withLock({ produced.contains { $0.starts(with: inside) } }) else { return false }
            SiteWriter.removeTree(URL(fileURLWithPath: absolute))
            return lstat(absolute, &status) != 0
        }
        var prefix = root
        var relative = ""
        for component in StagingFolder.folder(of: path).split(separator: "/") {
            prefix += "/" + component
            relative += (relative.isEmpty ? "" : "/") + component
            guard lstat(prefix, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { continue }
            guard !lock.withLock({ produced.contains(Array(relative.utf8)) }), unlink(prefix) == 0,
                mkdir(prefix, 0o755) == 0
            else { return false }
        }
        return true
    }

    /// The folder part of a relative path: "" for a file at the top.
    private static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Writes the marker (with `manifest`, the page cache's keys) and puts the staging folder in
    /// the output's place; with `removeOldInBackground`, a background process deletes the old site.
    /// With `keepSpare`, the replaced site is kept as the spare for the next build instead.
    public func commit(manifest: String = "", removeOldInBackground: Bool = false, keepSpare: Bool = false)
        throws(SiteWriter.Failure)
    {
        removeLeftovers()
        try write(
            OutputFile(path: SiteWriter.marker, text: "This folder is replaced whole by `dossier build`.\n" + manifest))
        try SiteWriter.swapIn(url, for: target, removeOldInBackground: removeOldInBackground, keepSpare: keepSpare)
    }

    /// In a staging folder that began as the spare, removes every file the new site does not
    /// have, then every folder it does not need (one put there by hand, or emptied now).
    private func removeLeftovers() {
        guard let inherited else { return }
        let kept = lock.withLock { produced }
        for path in inherited.files.keys where !kept.contains(path) && path != Array(SiteWriter.marker.utf8) {
            unlink(root + "/" + String(decoding: path, as: UTF8.self))
        }
        var needed: Set<[UInt8]> = []
        for path in kept {
            var end = path.count
            while let slash = path[..<end].lastIndex(of: UInt8(ascii: "/")),
                needed.insert(Array(path[..<slash])).inserted
            {
                end = slash
            }
        }
        // Children first; one that still holds something stays.
        for folder in inherited.folders.reversed() where !needed.contains(Array(folder.utf8)) {
            rmdir(root + "/" + folder)
        }
    }

    /// Removes the staging folder; the output folder is left as it was. A staging folder that
    /// began as the spare is deleted in the background.
    public func discard() {
        if inherited != nil {
            OldSiteRemover.remove(url, beside: target)
        } else {
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Creates `relative` and its parents inside the staging folder. Most pages have a folder of
    /// their own, whose parent exists by then: one `mkdir` does, and parents are made only when
    /// it says they are missing.
    private func makeFolder(_ relative: String) throws(SiteWriter.Failure) {
        guard !relative.isEmpty else { return }
        if mkdir(root + "/" + relative, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) else {
            throw SiteWriter.Failure(
                description: "cannot create folder '\(relative)': \(String(cString: strerror(errno)))")
        }
        try makeFolder(String(relative[..<slash]))
        if mkdir(root + "/" + relative, 0o755) != 0 && errno != EEXIST {
            throw SiteWriter.Failure(
                description: "cannot create folder '\(relative)': \(String(cString: strerror(errno)))")
        }
    }

    /// Creates the file at `path` (opened with `flags` besides the usual ones) and lets `produce`
    /// write it in pieces; returns false (with `errno` set) when it cannot be created or a write
    /// fails, after which pieces are ignored.
    private static func writeFile(
        at path: String, flags: Int32 = 0, _ produce: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var failure: Int32?
        produce { bytes in
            if failure == nil, !writeAll(bytes, to: descriptor) { failure = errno }
        }
        if let failure { errno = failure }
        return failure == nil
    }

    /// Writes all of `bytes`, at the descriptor's position or, with `position`, at that offset
    /// (`pwrite`, which several threads can do at once), retrying after interruptions; false
    /// (with `errno` set) on failure.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, at position: Int? = nil) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let start = bytes.baseAddress! + offset
            let count =
                if let position {
                    pwrite(descriptor, start, bytes.count - offset, off_t(position + offset))
                } else {
                    Glibc.write(descriptor, start, bytes.count - offset)
                }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }
}
