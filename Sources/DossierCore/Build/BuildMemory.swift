import Foundation

/// What a build leaves in memory for the next build in the same process (`dossier serve`, which
/// rebuilds on every save): each content file as parsed, with a hash of its text, and each body
/// rendered without a warning, by its body-cache key with the names it resolved.
///
/// The next build takes a file's parse only when the file's text hashes the same (parsing
/// depends on nothing else; the body cache trusts the same 128-bit hash of the Markdown), or when
/// the file still has the stamp it had when that text was read, long enough after its last
/// change (`FileStamp.isSettled(before:settlingTime:)`); and a body only where the body cache
/// would have given it (same key, every name resolving the same way). So a build with a memory
/// makes the same site as one without; it skips reading and parsing unchanged files and decoding
/// their bodies from the cache file. The memory holds the parsed files and rendered bodies between builds: a `serve`
/// rebuild of 10,000 articles peaked at 408–413 MB with it, 345–376 MB without.
public final class BuildMemory: @unchecked Sendable {
    /// One file as parsed, with the hash of the text it was parsed from and, when it was read
    /// settled, its stamp then: a file that still has that stamp is neither read nor hashed again.
    /// A class, so handing a parse from build to build copies a reference, not every field of an
    /// article.
    final class Parse: Sendable {
        let textHash: StableHash
        let stamp: FileStamp?
        let entity: DossierParser.Entity?
        let diagnostics: Diagnostics

        init(textHash: StableHash, stamp: FileStamp?, entity: DossierParser.Entity?, diagnostics: Diagnostics) {
            self.textHash = textHash
            self.stamp = stamp
            self.entity = entity
            self.diagnostics = diagnostics
        }

        /// The same parse with the stamp of the file as read now.
        func stamped(_ stamp: FileStamp?) -> Parse {
            Parse(textHash: textHash, stamp: stamp, entity: entity, diagnostics: diagnostics)
        }
    }

    /// One rendered body with the lookups it relied on.
    struct Body {
        var body: RenderedMarkdown
        var dependencies: [BodyCache.Dependency]
    }

    // Each build reads a table once and replaces it once; the lock only keeps two builds that
    // share a memory (into different folders) from tearing it. Either may then lose the other's
    // entries, which costs work, never correctness: every entry is checked before it is used.
    private let lock = NSLock()
    private var parseTable: [String: Parse] = [:]
    private var bodyTable: [BodyCache.Key: Body] = [:]
    private var counts = (parses: 0, bodies: 0, unread: 0)
    /// How long before a build a file must have last changed for its stamp to be trusted
    /// (`FileStamp.settlingTime`; tests change it).
    let settlingTime: Duration

    /// Parses by the file's path as diagnostics show it.
    var parses: [String: Parse] {
        get { lock.withLock { parseTable } }
        set { lock.withLock { parseTable = newValue } }
    }
    /// Bodies by body-cache key.
    var bodies: [BodyCache.Key: Body] {
        get { lock.withLock { bodyTable } }
        set { lock.withLock { bodyTable = newValue } }
    }
    /// How many files the last build took from the memory instead of parsing them.
    var reusedParses: Int {
        get { lock.withLock { counts.parses } }
        set { lock.withLock { counts.parses = newValue } }
    }
    /// How many bodies the last build took from the memory instead of decoding them.
    var reusedBodies: Int {
        get { lock.withLock { counts.bodies } }
        set { lock.withLock { counts.bodies = newValue } }
    }

    /// How many files the last build took on their stamps alone, without reading them.
    var unreadFiles: Int {
        get { lock.withLock { counts.unread } }
        set { lock.withLock { counts.unread = newValue } }
    }

    /// An empty memory, for the first build.
    public init() {
        settlingTime = FileStamp.settlingTime
    }

    /// An empty memory that trusts a file's stamp `settlingTime` after its last change.
    init(settlingTime: Duration) {
        self.settlingTime = settlingTime
    }
}
