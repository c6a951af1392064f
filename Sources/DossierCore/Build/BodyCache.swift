import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Rendered bodies of earlier builds, kept in one file outside the site, so a rebuild renders
/// again only the bodies whose Markdown, notes or resolved names changed.
///
/// A body's key hashes the generator, its Markdown with its place in the file, how it is rendered
/// and its notes. The entry also lists every `[[name]]` and written-out slug the body resolved, and
/// a hit counts only when each still resolves the same way; a body that had any warning or error
/// is never kept. The file is read entry by entry, for hits only. Bodies rendered anew are
/// written to a temporary file as they are made, so none is held for long. When the build
/// rendered a few, they are appended to the cache file with a new index after them (entries are
/// never changed once written, so a build reading the file meanwhile still finds its entries);
/// when it rendered many, or the file holds more dead entries than live ones, the hits are copied
/// after the new bodies and the temporary file replaces the old one. A damaged file only means misses.
public final class BodyCache: @unchecked Sendable {
    /// A lookup a body made and relied on: a `[[name]]` and what it named, or a slug written out.
    enum Dependency: Hashable, Sendable {
        case name(String, AnnotationTarget)
        case actor(String)
        case topic(String)
        case article(String)
    }

    /// What identifies one body's rendering.
    struct Key: Hashable, Sendable {
        var first: UInt64
        var second: UInt64
    }

    private static let magic = Array("DOSSIER-BODIES 1".utf8)
    private static let footer = Array("BODIESOK".utf8)

    /// The cache file.
    public let file: URL
    private let descriptor: Int32
    private let index: [Key: (offset: Int, count: Int)]
    // Guards `places`, `kept`, the counts and `saving`; entries are read and decoded without it.
    private let lock = NSLock()
    /// Where each body of the build is: in the old file (a hit) or in the new one (rendered).
    private var places: [Place?] = []
    private var hitCount = 0
    /// The new file, made at the first body rendered anew, and how far it is written.
    private var output: (descriptor: Int32, url: URL, size: Int)?
    private var failed = false
    private var saving: DispatchGroup?
    /// The previous build's bodies in this process, and where this build's go (see `BuildMemory`).
    private let memory: BuildMemory?
    private let remembered: [Key: BuildMemory.Body]
    /// Each body of the build kept for the next one, by position (its key is its place's).
    private var kept: [BuildMemory.Body?] = []
    private var rememberedCount = 0

    private enum Place {
        case old(Key, offset: Int, count: Int)
        case new(Key, offset: Int, count: Int)

        var key: Key {
            switch self {
            case .old(let key, _, _), .new(let key, _, _): key
            }
        }
    }

    /// Opens the cache in `file`; a missing or damaged file gives an empty cache. With a `memory`,
    /// a body it holds is taken from it instead of decoded from the file.
    public init(file: URL, memory: BuildMemory? = nil) {
        self.file = file
        self.memory = memory
        self.remembered = memory?.bodies ?? [:]
        // Non-blocking, so a FIFO in its place cannot stall the build; then only a regular file is read.
        var descriptor = open(file.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        var info = stat()
        if descriptor >= 0, fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG {
            close(descriptor)
            descriptor = -1
        }
        self.descriptor = descriptor
        self.index = descriptor >= 0 ? BodyCache.readIndex(descriptor) : [:]
    }

    deinit {
        finishSaving()
        // A build that stopped before `save()` leaves no half-made file behind (`save()` takes
        // the file over, so it is closed once).
        if let output {
            close(output.descriptor)
            unlink(output.url.path)
        }
        if descriptor >= 0 { close(descriptor) }
    }

    /// The cache file for a build: under `DOSSIER_CACHE_DIR`, else `$XDG_CACHE_HOME/dossier`,
    /// else `~/.cache/dossier`, named after the content folder, so projects never share one while
    /// `build`, `serve` and `check` (whose scratch output changes every run) of one project do:
    /// bodies do not depend on where the site is written. Nil when none of those is set.
    public static func defaultFile(for options: BuildOptions) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        let folder: URL
        if let chosen = environment["DOSSIER_CACHE_DIR"], !chosen.isEmpty {
            folder = URL(fileURLWithPath: chosen)
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = URL(fileURLWithPath: xdg).appendingPathComponent("dossier")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = URL(fileURLWithPath: home).appendingPathComponent(".cache/dossier")
        } else {
            return nil
        }
        var hash = StableHash()
        hash.add(options.content.standardizedFileURL.path)
        return folder.appendingPathComponent("bodies-\(hash.hex).bin")
    }

    /// How many bodies came from the cache.
    public var hits: Int { lock.withLock { hitCount } }

    /// The key of `source` rendered with `settings`.
    static func key(_ source: MarkdownSource, _ settings: AnnotationRenderer.Settings) -> Key {
        var hash = StableHash()
        hash.add("body")
        hash.add(PageCache.generatorIdentity)
        // libcmark is a shared library: an upgraded one may render the same Markdown otherwise.
        hash.add(CommonMark.version)
        func add(_ source: MarkdownSource) {
            hash.add(source.path)
            hash.add(source.text)
            for number in [source.lineOffset, source.columnOffset, source.indent] { hash.add(number) }
        }
        add(source)
        hash.add(settings.root)
        hash.add(settings.acceptsNotes ? 1 : 0)
        hash.add(settings.fixedAnchor.map { "anchor " + $0 } ?? "no anchor")
        hash.add(settings.notes.count)
        for note in settings.notes {
            hash.add(note.id)
            add(note.source)
            hash.add(note.location.path)
            hash.add(note.location.line)
            hash.add(note.location.column)
        }
        let (first, second) = hash.words
        return Key(first: first, second: second)
    }

    /// Makes room for the bodies of a build, `count` of them, by position.
    func prepare(count: Int) {
        lock.withLock {
            places = Array(repeating: nil, count: count)
            if memory != nil { kept = Array(repeating: nil, count: count) }
        }
    }

    /// The body at `position` from the cache, if it holds one under `key` whose dependencies still
    /// resolve the same way in `targets`; it is then kept for the next build.
    func reuse(_ position: Int, key: Key, targets: LinkTargets) -> RenderedMarkdown? {
        // Only bodies the file holds count, remembered or not: the next file is made from them.
        guard let place = index[key] else { return nil }
        let fromMemory = remembered[key]
        guard let found = fromMemory ?? read(place, key: key),
            found.dependencies.allSatisfy({ BodyCache.holds($0, in: targets) })
        else { return nil }
        lock.withLock {
            hitCount += 1
            if fromMemory != nil { rememberedCount += 1 }
            places[position] = .old(key, offset: place.offset, count: place.count)
            if memory != nil { kept[position] = found }
        }
        return found.body
    }

    /// The entry at `place` in the file, decoded; nil when it is damaged.
    private func read(_ place: (offset: Int, count: Int), key: Key) -> BuildMemory.Body? {
        var bytes = [UInt8](repeating: 0, count: place.count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, place.count, off_t(place.offset)) }
        guard read == place.count, let (body, dependencies) = try? BodyCache.decode(bytes, key: key) else { return nil }
        return BuildMemory.Body(body: body, dependencies: dependencies)
    }

    /// Keeps a body rendered anew for the next build (call only for bodies without diagnostics):
    /// it is encoded now and written to the new file.
    func keep(_ position: Int, key: Key, body: RenderedMarkdown, dependencies: [Dependency]) {
        // A body names the same few actors and topics many times: each lookup is kept once.
        var seen: Set<Dependency> = []
        let dependencies = dependencies.filter { seen.insert($0).inserted }
        let bytes = BodyCache.encode(key, body, dependencies)
        if memory != nil {
            lock.withLock { kept[position] = BuildMemory.Body(body: body, dependencies: dependencies) }
        }
        // Room is taken under the lock, the bytes are written outside it: rendering threads never
        // wait for each other's writes.
        let room = lock.withLock { () -> (descriptor: Int32, offset: Int)? in
            if output == nil && !failed { startOutput() }
            guard !failed, let (descriptor, url, size) = output else { return nil }
            output = (descriptor, url, size + bytes.count)
            places[position] = .new(key, offset: size, count: bytes.count)
            return (descriptor, size)
        }
        guard let room else { return }
        if !BodyCache.write(bytes, to: room.descriptor, at: room.offset) { lock.withLock { failed = true } }
    }

    /// Finishes the new file on another thread, when the build rendered any body anew:
    /// copies the hits after the new bodies, writes the index and puts the file in place.
    /// `finishSaving()` waits for it. With `unlessSmaller` (a build with errors, which may have
    /// seen only part of the content: files missing or half written), the file is left as it is
    /// when the build kept fewer bodies than it holds, since the new index would drop the others.
    func save(unlessSmaller: Bool = false) {
        if let memory {
            // A body is remembered only once its place in the new file is known.
            let (allPlaces, allKept, fromMemory) = lock.withLock { (self.places, self.kept, self.rememberedCount) }
            var bodies: [Key: BuildMemory.Body] = [:]
            for case (let place?, let body?) in zip(allPlaces, allKept) { bodies[place.key] = body }
            memory.bodies = bodies
            memory.reusedBodies = fromMemory
        }
        let (places, output, failed) = lock.withLock {
            defer { self.output = nil }
            return (self.places, self.output, self.failed)
        }
        guard let output else { return }
        guard !failed, !unlessSmaller || places.count(where: { $0 != nil }) >= index.count else {
            close(output.descriptor)
            unlink(output.url.path)
            return
        }
        let group = DispatchGroup()
        // Only a file whose index was read whole is appended to: anything else is replaced.
        let appendable = !index.isEmpty
        DispatchQueue.global().async(group: group) { [file, descriptor] in
            BodyCache.finish(output, places: places, old: descriptor, appendable: appendable, as: file)
        }
        lock.withLock { saving = group }
    }

    /// Waits until the file finished by `save()` is in place.
    public func finishSaving() {
        let group = lock.withLock { saving }
        group?.wait()
    }

    /// Opens the new file beside the cache file (the lock is held).
    private func startOutput() {
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        BodyCache.removeAbandoned(in: folder, for: file)
        // A name no other build uses, created afresh: never a file someone put there.
        let url = folder.appendingPathComponent(
            ".\(file.lastPathComponent).\(getpid()).\(UInt64.random(in: 0...UInt64.max))")
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0, BodyCache.write(BodyCache.magic, to: descriptor, at: 0) else {
            if descriptor >= 0 { close(descriptor) }
            failed = true
            return
        }
        output = (descriptor, url, BodyCache.magic.count)
    }

    /// Removes new files that builds killed before `save()` left beside `file`.
    private static func removeAbandoned(in folder: URL, for file: URL) {
        let prefix = ".\(file.lastPathComponent)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "." }) else { continue }
            if SiteWriter.isGone(pid) { unlink(folder.appendingPathComponent(name).path) }
        }
    }

    private static func finish(
        _ output: (descriptor: Int32, url: URL, size: Int), places: [Place?], old: Int32, appendable: Bool,
        as file: URL
    ) {
        if appendable, old >= 0, append(output, places: places, old: old, to: file) {
            close(output.descriptor)
            unlink(output.url.path)
            return
        }
        // The hits are copied after the new bodies, then the index of both follows.
        var size = output.size
        var entries: [(Key, offset: Int, count: Int)] = []
        var ok = true
        for place in places {
            switch place {
            case .new(let key, let offset, let count)?:
                entries.append((key, offset, count))
            case .old(let key, let offset, let count)?:
                var bytes = [UInt8](repeating: 0, count: count)
                let read = bytes.withUnsafeMutableBytes { pread(old, $0.baseAddress, count, off_t(offset)) }
                guard ok, read == count, write(bytes, to: output.descriptor, at: size) else {
                    ok = false
                    continue
                }
                entries.append((key, size, count))
                size += count
            case nil:
                break
            }
        }
        ok = ok && write(index(entries, at: size), to: output.descriptor, at: size)
        close(output.descriptor)
        if !ok || rename(output.url.path, file.path) != 0 { unlink(output.url.path) }
    }

    /// Appends the new bodies of `output` and an index of this build's bodies to the cache file,
    /// when that is the file `old` reads, the new bodies are a small part of the live ones and
    /// the file would not end up mostly dead entries; returns whether it did. Another build
    /// appending at the same time waits for the file's lock.
    private static func append(
        _ output: (descriptor: Int32, url: URL, size: Int), places: [Place?], old: Int32, to file: URL
    ) -> Bool {
        let added = output.size - magic.count
        var live = added
        for case .old(_, _, let count)? in places { live += count }
        // A build that rendered much anew makes a new file: appending would grow the old one by as much.
        guard added <= live / 4 else { return false }
        // Non-blocking, as in `init`: a FIFO put in the file's place cannot stall the build.
        let descriptor = open(file.path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { return false }
        defer { flock(descriptor, LOCK_UN) }
        var current = stat()
        var opened = stat()
        // Another build may have replaced the file since this one read its index.
        guard fstat(descriptor, &current) == 0, fstat(old, &opened) == 0, current.st_dev == opened.st_dev,
            current.st_ino == opened.st_ino
        else { return false }
        let size = Int(current.st_size)
        // Beyond twice the live entries (and a little room, so a small site is not rewritten
        // at every build), the file is rewritten with the live ones only.
        guard size + added <= 2 * live + (1 << 14) else { return false }
        // The new bodies are copied a megabyte at a time; a failure half way leaves no footer at
        // the end, so the next build only misses.
        var chunk = [UInt8](repeating: 0, count: min(added, 1 << 20))
        var copied = 0
        while copied < added {
            let count = min(chunk.count, added - copied)
            let done = chunk.withUnsafeMutableBytes { buffer in
                pread(output.descriptor, buffer.baseAddress, count, off_t(magic.count + copied)) == count
                    && StagingFolder.writeAll(
                        UnsafeRawBufferPointer(rebasing: buffer[..<count]), to: descriptor, at: size + copied)
            }
            guard done else { return true }
            copied += count
        }
        let entries = places.compactMap { place -> (Key, offset: Int, count: Int)? in
            switch place {
            case .new(let key, let offset, let count)?: (key, size + offset - magic.count, count)
            case .old(let key, let offset, let count)?: (key, offset, count)
            case nil: nil
            }
        }
        _ = write(index(entries, at: size + added), to: descriptor, at: size + added)
        return true
    }

    /// The end of a cache file: the index of `entries`, where it starts (`start`) and the footer.
    private static func index(_ entries: [(Key, offset: Int, count: Int)], at start: Int) -> [UInt8] {
        var table = ByteWriter()
        table.count(entries.count)
        for (key, offset, count) in entries {
            table.word(key.first)
            table.word(key.second)
            table.word(UInt64(offset))
            table.word(UInt64(count))
        }
        table.word(UInt64(start))
        return table.bytes + footer
    }

    /// Writes all of `bytes` at `offset`; false on failure.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int) -> Bool {
        bytes.withUnsafeBytes { StagingFolder.writeAll($0, to: descriptor, at: offset) }
    }

    private static func holds(_ dependency: Dependency, in targets: LinkTargets) -> Bool {
        switch dependency {
        case .name(let name, let target): targets.lookUp(name: name) == [target]
        case .actor(let slug): targets.actors[slug] != nil
        case .topic(let slug): targets.topics[slug] != nil
        case .article(let slug): targets.articles[slug] != nil
        }
    }

    // MARK: The file

    private static func readIndex(_ descriptor: Int32) -> [Key: (offset: Int, count: Int)] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return [:] }
        let size = Int(info.st_size)
        let tail = magic.count + 8 + footer.count
        guard size >= tail else { return [:] }
        var end = [UInt8](repeating: 0, count: 8 + footer.count)
        guard
            end.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, $0.count, off_t(size - $0.count)) })
                == end.count, Array(end[8...]) == footer
        else { return [:] }
        var reader = ByteReader(end)
        guard let word = try? reader.word(), let start = Int(exactly: word), start >= magic.count,
            start <= size - end.count
        else { return [:] }
        var bytes = [UInt8](repeating: 0, count: size - end.count - start)
        guard bytes.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }) == bytes.count
        else { return [:] }
        var table = ByteReader(bytes)
        var index: [Key: (offset: Int, count: Int)] = [:]
        do {
            for _ in 0..<(try table.count()) {
                let key = Key(first: try table.word(), second: try table.word())
                guard let offset = Int(exactly: try table.word()), let count = Int(exactly: try table.word()),
                    offset >= magic.count, offset <= start, count <= start - offset
                else { return [:] }
                index[key] = (offset, count)
            }
        } catch {
            return [:]
        }
        return index
    }

    static func encode(_ key: Key, _ body: RenderedMarkdown, _ dependencies: [Dependency]) -> [UInt8] {
        var writer = ByteWriter()
        // Room for the texts and about what each mention takes, so the buffer grows once at most.
        writer.bytes.reserveCapacity(
            256 + 2 * body.html.utf8.count + body.firstParagraph.utf8.count + 64 * body.mentions.count)
        // The entry names its key, so a misplaced entry is a miss, never another body.
        writer.word(key.first)
        writer.word(key.second)
        writer.count(dependencies.count)
        for dependency in dependencies {
            switch dependency {
            case .name(let name, let target):
                writer.byte(0)
                writer.string(name)
                writer.target(target)
            case .actor(let slug):
                writer.byte(1)
                writer.string(slug)
            case .topic(let slug):
                writer.byte(2)
                writer.string(slug)
            case .article(let slug):
                writer.byte(3)
                writer.string(slug)
            }
        }
        writer.string(body.html)
        writer.string(body.plainText)
        writer.string(body.firstParagraph)
        writer.count(body.paragraphCount)
        writer.count(body.anchors.count)
        for anchor in body.anchors.sorted() { writer.string(anchor) }
        writer.count(body.noteReferences.count)
        for note in body.noteReferences { writer.string(note) }
        writer.count(body.articleReferences.count)
        for reference in body.articleReferences {
            writer.string(reference.slug)
            writer.byte(reference.fragment == nil ? 0 : 1)
            writer.string(reference.fragment ?? "")
            writer.location(reference.location)
        }
        // Mentions share their texts' strings, one for the body and one per note: each is written
        // once. Found by a scan, not hashing: comparing a string with itself costs nothing.
        var storageList: [String] = []
        var storageOfMention: [Int] = []
        for mention in body.mentions {
            if let known = storageList.lastIndex(of: mention.storage) {
                storageOfMention.append(known)
            } else {
                storageOfMention.append(storageList.count)
                storageList.append(mention.storage)
            }
        }
        writer.count(storageList.count)
        for storage in storageList { writer.string(storage) }
        writer.count(body.mentions.count)
        for (mention, storage) in zip(body.mentions, storageOfMention) {
            switch mention.target {
            case .actor(let slug):
                writer.byte(0)
                writer.string(slug)
            case .topic(let slug):
                writer.byte(1)
                writer.string(slug)
            }
            writer.string(mention.anchor)
            writer.location(mention.location)
            writer.count(storage)
            let offsets = mention.offsets
            writer.count(Int(offsets.before))
            writer.count(Int(offsets.text))
            writer.count(Int(offsets.after))
            writer.count(Int(offsets.end))
        }
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8], key: Key) throws(ByteReader.Failure)
        -> (RenderedMarkdown, [Dependency])
    {
        var reader = ByteReader(bytes)
        guard try reader.word() == key.first, try reader.word() == key.second else { throw ByteReader.Failure() }
        var dependencies: [Dependency] = []
        for _ in 0..<(try reader.count()) {
            switch try reader.byte() {
            case 0: dependencies.append(.name(try reader.string(), try reader.target()))
            case 1: dependencies.append(.actor(try reader.string()))
            case 2: dependencies.append(.topic(try reader.string()))
            case 3: dependencies.append(.article(try reader.string()))
            default: throw ByteReader.Failure()
            }
        }
        var body = RenderedMarkdown()
        body.html = try reader.string()
        body.plainText = try reader.string()
        body.firstParagraph = try reader.string()
        body.paragraphCount = try reader.count()
        for _ in 0..<(try reader.count()) { body.anchors.insert(try reader.string()) }
        for _ in 0..<(try reader.count()) { body.noteReferences.append(try reader.string()) }
        for _ in 0..<(try reader.count()) {
            let slug = try reader.string()
            let hasFragment = try reader.byte() == 1
            let fragment = try reader.string()
            body.articleReferences.append(
                ArticleReference(slug: slug, fragment: hasFragment ? fragment : nil, location: try reader.location()))
        }
        var storages: [String] = []
        for _ in 0..<(try reader.count()) { storages.append(try reader.string()) }
        let mentionCount = try reader.count()
        // Each mention takes more than 40 bytes: a damaged count cannot ask for more room than that.
        guard mentionCount <= reader.remaining / 40 else { throw ByteReader.Failure() }
        body.mentions.reserveCapacity(mentionCount)
        for _ in 0..<mentionCount {
            let kind = try reader.byte()
            let slug = try reader.string()
            let target: Mention.Target
            switch kind {
            case 0: target = .actor(slug)
            case 1: target = .topic(slug)
            default: throw ByteReader.Failure()
            }
            let anchor = try reader.string()
            let location = try reader.location()
            let storage = try reader.count()
            guard storage < storages.count else { throw ByteReader.Failure() }
            let offsets = (try reader.count(), try reader.count(), try reader.count(), try reader.count())
            guard offsets.0 <= offsets.1, offsets.1 <= offsets.2, offsets.2 <= offsets.3,
                offsets.3 <= storages[storage].utf8.count
            else { throw ByteReader.Failure() }
            body.mentions.append(
                Mention(
                    target: target, anchor: anchor, location: location, storage: storages[storage],
                    offsets: (UInt32(offsets.0), UInt32(offsets.1), UInt32(offsets.2), UInt32(offsets.3))))
        }
        guard reader.isAtEnd else { throw ByteReader.Failure() }
        return (body, dependencies)
    }
}

/// Appends numbers and strings to bytes, for `BodyCache`.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// A non-negative number below 2³², in four bytes.
    mutating func count(_ value: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes += $0 }
    }

    /// A number in eight bytes.
    mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    mutating func string(_ text: String) {
        count(text.utf8.count)
        bytes += text.utf8
    }

    mutating func location(_ location: SourceLocation) {
        string(location.path)
        count(location.line)
        count(location.column)
    }

    mutating func target(_ target: AnnotationTarget) {
        switch target {
        case .actor(let slug):
            byte(0)
            string(slug)
        case .topic(let slug):
            byte(1)
            string(slug)
        case .article(let slug, let fragment):
            byte(2)
            string(slug)
            string(fragment ?? "")
        case .note(let id):
            byte(3)
            string(id)
        }
    }
}

/// Reads what `ByteWriter` wrote, checking every length against what is left (internal for tests).
struct ByteReader {
    struct Failure: Error {}

    private let bytes: [UInt8]
    private var position = 0
    /// The last path read, reused while paths repeat (they do: a body's locations share a file).
    private var lastPath = ""

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    /// How many bytes are left.
    var remaining: Int { bytes.count - position }

    mutating func byte() throws(Failure) -> UInt8 {
        guard position < bytes.count else { throw Failure() }
        position += 1
        return bytes[position - 1]
    }

    mutating func count() throws(Failure) -> Int {
        guard position + 4 <= bytes.count else { throw Failure() }
        var value: UInt32 = 0
        for shift in 0..<4 { value |= UInt32(bytes[position + shift]) << (8 * shift) }
        position += 4
        return Int(value)
    }

    mutating func word() throws(Failure) -> UInt64 {
        guard position + 8 <= bytes.count else { throw Failure() }
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << (8 * shift) }
        position += 8
        return value
    }

    mutating func string() throws(Failure) -> String {
        let count = try count()
        guard position + count <= bytes.count else { throw Failure() }
        let range = position..<position + count
        position += count
        guard let text = String.ifValidUTF8(bytes[range]) else { throw Failure() }
        return text
    }

    mutating func location() throws(Failure) -> SourceLocation {
        let count = try count()
        guard position + count <= bytes.count else { throw Failure() }
        let range = position..<position + count
        position += count
        // Compared as bytes: a generic comparison of the views costs more than the rest of the entry.
        let same =
            lastPath.utf8.count == count
            && (count == 0
                || lastPath.utf8.withContiguousStorageIfAvailable { path in
                    bytes.withUnsafeBufferPointer {
                        memcmp(path.baseAddress!, $0.baseAddress! + range.lowerBound, count) == 0
                    }
                } == true)
        if !same {
            guard let path = String.ifValidUTF8(bytes[range]) else { throw Failure() }
            lastPath = path
        }
        return SourceLocation(path: lastPath, line: try self.count(), column: try self.count())
    }

    mutating func target() throws(Failure) -> AnnotationTarget {
        switch try byte() {
        case 0: return .actor(try string())
        case 1: return .topic(try string())
        case 2:
            let slug = try string()
            let fragment = try string()
            return .article(slug, fragment: fragment.isEmpty ? nil : fragment)
        case 3: return .note(try string())
        default: throw Failure()
        }
    }
}
