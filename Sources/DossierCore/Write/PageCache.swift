import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reuses the pages of the previous build that would come out the same, so a rebuild after a
/// small change writes little.
///
/// A page's key hashes everything its HTML depends on: the generator itself, every template, the
/// template's name and every part of the page's context that the template can read (the context
/// holds all the page shows, so a changed actor, note or title changes the key of every page that
/// shows it, and a changed figure no template prints changes none). When the previous
/// build wrote the same path with the same key, the old file is hard-linked into the staging
/// folder instead of being rendered and written; anything else is rendered as usual. Keys live in
/// the output folder's marker file, so they go and come with the site they describe.
public final class PageCache: @unchecked Sendable {
    /// The keys of the previous build, by path.
    private let previous: [String: String]
    /// The previous build's folder, as a path.
    private let oldFolder: String
    private let staging: StagingFolder
    private let prefix: String
    private let templates: TemplateSet
    // Guards `current` and `reused`, written from rendering threads.
    private let lock = NSLock()
    private var current: [String: String] = [:]
    private var reusedCount = 0

    /// A cache over the site in `output` (if a build made it), writing into `staging`.
    public init(output: URL, staging: StagingFolder, templates: TemplateSet) {
        self.oldFolder = output.path
        self.staging = staging
        self.templates = templates
        var hash = StableHash()
        hash.add(PageCache.generatorIdentity)
        hash.add(templates.fingerprint)
        self.prefix = hash.hex
        let marker = output.appendingPathComponent(SiteWriter.marker)
        self.previous = (try? String(contentsOf: marker, encoding: .utf8)).map(PageCache.keys(inMarker:)) ?? [:]
    }

    /// The page keys a marker file lists, by path.
    static func keys(inMarker text: String) -> [String: String] {
        var keys: [String: String] = [:]
        var text = text
        // Read as bytes: splitting the text by characters cost more than the rest of the reading.
        text.withUTF8 { bytes in
            let newline = UInt8(ascii: "\n")
            let space = UInt8(ascii: " ")
            let prefix = Array("page ".utf8)
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
                defer { start = end + 1 }
                let line = bytes[start..<end]
                guard line.starts(with: prefix) else { continue }
                let key = line.dropFirst(prefix.count)
                // A line is `page KEY PATH`; the path may hold spaces, the key does not.
                guard let gap = key.firstIndex(of: space), gap > key.startIndex else { continue }
                let path = UnsafeBufferPointer(rebasing: bytes[(gap + 1)..<end])
                keys[String(decoding: path, as: UTF8.self)] = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[key.startIndex..<gap]), as: UTF8.self)
            }
        }
        return keys
    }

    /// The key of a page rendered from `template` with `context`: of the context, only what the
    /// template can read (`TemplateSet.fieldMask(for:)`) is hashed.
    public func key(template: String, context: [String: TemplateValue]) -> String {
        var hash = StableHash()
        hash.add(prefix)
        hash.add(template)
        TemplateValue.record(context).stableHash(into: &hash, keeping: templates.fieldMask(for: template))
        return hash.hex
    }

    /// Records the page's key and, if the staging folder (begun as the spare) already holds the
    /// same page, keeps it, or if the previous build wrote it, links it into the staging folder;
    /// returns whether it did (the page then needs no rendering).
    public func reuse(path: String, key: String) -> Bool {
        lock.withLock { current[path] = key }
        guard staging.keep(path, key: key) || (previous[path] == key && staging.link(oldFolder + "/" + path, as: path))
        else {
            return false
        }
        lock.withLock { reusedCount += 1 }
        return true
    }

    /// How many pages were reused.
    public var reused: Int { lock.withLock { reusedCount } }

    /// The lines the marker file keeps for the next build.
    public var manifest: String {
        lock.withLock { current.sorted { $0.key < $1.key }.map { "page \($0.value) \($0.key)\n" }.joined() }
    }

    /// What identifies this build of the generator: a hash of the running executable's bytes (a
    /// few milliseconds), so any rebuilt binary starts with empty caches, whatever its dates.
    static let generatorIdentity: String = {
        guard let bytes = FileManager.default.contents(atPath: "/proc/self/exe") else {
            return "unknown-\(UUID().uuidString)"
        }
        var hash = StableHash()
        hash.add(bytes)
        return hash.hex
    }()
}
