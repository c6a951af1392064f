import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads `Content/`: the home page file and the three sections, checking names, encodings and
/// that nothing reads outside the folder.
public enum ContentLoader {
    /// Reads every content file under `directory`; `displayPath` is how diagnostics name the folder.
    /// Files are returned sorted by section and slug, so everything after is deterministic.
    public static func load(directory: URL, displayPath: String, diagnostics: inout Diagnostics) -> [ContentFile] {
        load(directory: directory, displayPath: displayPath, diagnostics: &diagnostics, memory: nil)
    }

    /// Reads as `load(directory:displayPath:diagnostics:)` does; with a `memory`, a plain file
    /// that still has the stamp the memory keeps with its parse is not read: it comes back
    /// `unchanged`, with that parse and no text.
    static func load(
        directory: URL, displayPath: String, diagnostics: inout Diagnostics, memory: BuildMemory?
    ) -> [ContentFile] {
        let fileManager = FileManager.default
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error("content folder not found", at: SourceLocation(path: displayPath, line: 1, column: 1))
            return []
        }
        var files: [ContentFile] = []
        let indexPath = display(displayPath, "index.md")
        if let text = read(
            root.appendingPathComponent("index.md"), root: root, path: indexPath, diagnostics: &diagnostics)
        {
            files.append(ContentFile(section: .index, slug: "index", path: indexPath, text: text))
        } else if !fileManager.fileExists(atPath: root.appendingPathComponent("index.md").path) {
            diagnostics.error(
                "missing 'index.md': the home page and site settings (at least 'title') live there",
                at: SourceLocation(path: indexPath, line: 1, column: 1))
        }
        var listed: [Candidate] = []
        for section in [ContentFile.Section.articles, .actors, .topics] {
            listed += listSection(section, root: root, displayPath: displayPath, diagnostics: &diagnostics)
        }
        let candidates = listed
        // Taken before any file is read: a file is trusted by its stamp only if it had settled by then.
        let now = FileStamp.now()
        let unchanged = unchangedParses(candidates, memory: memory)
        memory?.unreadFiles = unchanged.count { $0 != nil }
        // A disk that has not cached the files answers many reads at once far faster than one
        // at a time: a thread asks for all of them, running ahead of the reads below.
        let paths = zip(candidates, unchanged).compactMap { $1 == nil ? $0.resolvedPath ?? $0.url.path : nil }
        Thread.detachNewThread { for path in paths { prefetch(path) } }
        // Reading and decoding are independent per file: do them on every core, keep the order.
        let results = concurrentMap(candidates.count) { index -> (String?, FileStamp?, Diagnostics) in
            var problems = Diagnostics()
            let candidate = candidates[index]
            if unchanged[index] != nil { return ("", nil, problems) }
            if let resolved = candidate.resolvedPath, let (bytes, stamp) = readPlainFile(resolved) {
                let text = TextDecoding.decode(bytes, path: candidate.path, diagnostics: &problems)
                let settled = memory.map { stamp.isSettled(before: now, settlingTime: $0.settlingTime) } ?? false
                return (text, settled ? stamp : nil, problems)
            }
            return (read(candidate.url, root: root, path: candidate.path, diagnostics: &problems), nil, problems)
        }
        for (index, (text, stamp, problems)) in results.enumerated() {
            diagnostics.merge(problems)
            let candidate = candidates[index]
            if let text {
                files.append(
                    ContentFile(
                        section: candidate.section, slug: candidate.slug, path: candidate.path, text: text,
                        stamp: stamp, unchanged: unchanged[index]))
            }
        }
        return files
    }

    /// For each candidate, the parse `memory` keeps for it if the file is a plain file that still
    /// has the stamp kept with that parse, or nil; the stamps are taken on every core.
    private static func unchangedParses(_ candidates: [Candidate], memory: BuildMemory?) -> [BuildMemory.Parse?] {
        let remembered = memory?.parses ?? [:]
        guard !remembered.isEmpty else { return Array(repeating: nil, count: candidates.count) }
        return concurrentMap(candidates.count) { index in
            let candidate = candidates[index]
            guard let resolved = candidate.resolvedPath, let parse = remembered[candidate.path],
                let stamp = parse.stamp, FileStamp.ofPlainFile(resolved) == stamp
            else {
                return nil
            }
            return parse
        }
    }

    /// Asks the system to start reading a file into its cache, without waiting for it.
    private static func prefetch(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return }
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
        close(descriptor)
    }

    /// A file found in a section, not yet read.
    private struct Candidate: Sendable {
        var section: ContentFile.Section
        var slug: String
        var path: String
        /// The section folder and the file's name in it.
        var folder: URL
        var name: String
        /// The file's path inside the resolved section folder, when that folder is inside the
        /// content folder: then the file is inside too unless it is itself a link.
        var resolvedPath: String?

        /// The file, made only when it is needed: a URL costs more than reading a small file.
        var url: URL { folder.appendingPathComponent(name, isDirectory: false) }
    }

    private static func listSection(
        _ section: ContentFile.Section, root: URL, displayPath: String, diagnostics: inout Diagnostics
    ) -> [Candidate] {
        let folder = root.appendingPathComponent(section.rawValue)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let resolvedFolder = folder.resolvingSymlinksInPath().path
        let folderInside = resolvedFolder.hasPrefix(root.path + "/")
        var files: [Candidate] = []
        var seen: [String: String] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = display(displayPath, section.rawValue + "/" + name)
            let location = SourceLocation(path: path, line: 1, column: 1)
            guard name.hasSuffix(".md") else {
                diagnostics.warning("ignoring '\(name)': content files end in '.md'", at: location)
                continue
            }
            let slug = String(name.dropLast(3))
            guard Slug.isValid(slug) else {
                diagnostics.error(
                    "'\(slug)' is not a valid slug: use lowercase letters, digits and single hyphens",
                    at: location, notes: suggestion(for: slug))
                continue
            }
            if let other = seen[slug.lowercased()] {
                diagnostics.error("duplicate slug '\(slug)': '\(other)' has the same name", at: location)
                continue
            }
            seen[slug.lowercased()] = name
            files.append(
                Candidate(
                    section: section, slug: slug, path: path, folder: folder, name: name,
                    resolvedPath: folderInside ? resolvedFolder + "/" + name : nil))
        }
        return files
    }

    private static func suggestion(for slug: String) -> [String] {
        let made = Slug.make(from: slug)
        return made.isEmpty ? [] : ["rename the file to '\(made).md'"]
    }

    /// The bytes of the regular file at `path`, read with one open, one `fstat` and few reads,
    /// with its stamp as `fstat` gave it before the reads (a write after that changes the stamp);
    /// nil when it is not a regular file or cannot be read, or is a link and `followingLinks` is
    /// false, which `read` then sorts out (following links only as far as the content folder, and
    /// naming the problem). A named pipe put in the file's place is refused, never waited on.
    static func readPlainFile(_ path: String, followingLinks: Bool = false) -> (bytes: [UInt8], stamp: FileStamp)? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        // One byte more than the size, so a file that grew since `fstat` is noticed and read on.
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if read == 0 { break }
            count += read
        }
        bytes.removeSubrange(count...)
        return (bytes, FileStamp(status))
    }

    /// Reads one file, refusing links that leave the content folder and invalid UTF-8.
    static func read(_ url: URL, root: URL, path: String, diagnostics: inout Diagnostics) -> String? {
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root.path + "/") else {
            diagnostics.error(
                "'\(url.lastPathComponent)' links outside the content folder; content must live inside it",
                at: SourceLocation(path: path, line: 1, column: 1))
            return nil
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue else {
            diagnostics.error("expected a file, found a folder", at: SourceLocation(path: path, line: 1, column: 1))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: resolved.path) else {
            diagnostics.error("cannot read the file", at: SourceLocation(path: path, line: 1, column: 1))
            return nil
        }
        return TextDecoding.decode([UInt8](data), path: path, diagnostics: &diagnostics)
    }

    private static func display(_ folder: String, _ relative: String) -> String {
        folder.isEmpty || folder == "."
            ? relative : (folder.hasSuffix("/") ? folder + relative : folder + "/" + relative)
    }
}
