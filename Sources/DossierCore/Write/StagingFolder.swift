import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a build writes into, beside the output folder, before it takes the output's place.
///
/// Files can be written from several threads at once, as pages are rendered, so a large site is
/// never held in memory whole. Nothing reaches the output folder until `commit()`.
public final class StagingFolder: Sendable {
    /// The output folder this staging folder will replace.
    public let target: URL
    /// The staging folder itself.
    public let url: URL
    /// `url`'s path, worked out once: every file written or linked is named from it.
    private let root: String

    /// Makes an empty staging folder beside `output`, after removing what killed builds left.
    public init(for output: URL) throws(SiteWriter.Failure) {
        target = output.standardizedFileURL
        let parent = target.deletingLastPathComponent()
        url = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(getpid())")
        root = url.path
        SiteWriter.removeAbandoned(beside: target)
        do {
            try? FileManager.default.removeItem(at: url)
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
        try makeFolder(StagingFolder.folder(of: file.path))
        let path = root + "/" + file.path
        let written = StagingFolder.writeFile(at: path) { write in
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
    }

    /// Hard-links the existing file at the path `existing` into the staging folder as `path`;
    /// returns whether it could.
    public func link(_ existing: String, as path: String) -> Bool {
        guard OutputFile.isSafe(path), (try? makeFolder(StagingFolder.folder(of: path))) != nil else {
            return false
        }
        return Glibc.link(existing, root + "/" + path) == 0
    }

    /// The folder part of a relative path: "" for a file at the top.
    private static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Writes the marker (with `manifest`, the page cache's keys) and puts the staging folder in
    /// the output's place; with `removeOldInBackground`, a background process deletes the old site.
    public func commit(manifest: String = "", removeOldInBackground: Bool = false) throws(SiteWriter.Failure) {
        try write(
            OutputFile(path: SiteWriter.marker, text: "This folder is replaced whole by `dossier build`.\n" + manifest))
        try SiteWriter.swapIn(url, for: target, removeOldInBackground: removeOldInBackground)
    }

    /// Removes the staging folder; the output folder is left as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: url)
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

    /// Creates the file at `path` and lets `produce` write it in pieces; returns false (with
    /// `errno` set) when it cannot be created or a write fails, after which pieces are ignored.
    private static func writeFile(at path: String, _ produce: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void)
        -> Bool
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
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
