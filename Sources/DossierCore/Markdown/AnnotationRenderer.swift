/// Renders a CommonMark tree to HTML while resolving the dossier's annotations.
///
/// Every paragraph gets a stable `id="p-N"`; editor's notes are placed in an `<aside>` beside the
/// top-level block that first references them; raw HTML is dropped; links other than http,
/// https, mailto and relative ones are removed. All positions are reported in the file's terms.
///
/// Ids in a body live in four namespaces that page templates never use: `p-N` (paragraphs),
/// `h-…` (headings), `note-…` (notes) and `noted-…` (annotated passages).
public struct AnnotationRenderer {
    /// How a body is rendered and what its annotations may refer to.
    public struct Settings: Sendable {
        /// The slug and name index.
        public var targets: LinkTargets
        /// The relative path from the page to the site root, `""` or `"../../"`.
        public var root: String
        /// The notes this body may reference (an article's notes), in front matter order.
        public private(set) var notes: [Note]
        /// The same notes by id.
        private(set) var notesByID: [String: Note]
        /// When set, paragraphs get no ids and mentions are anchored here (used inside notes).
        public var fixedAnchor: String?
        /// Whether this body may reference notes at all (article bodies only).
        public var acceptsNotes: Bool

        /// Creates settings.
        public init(
            targets: LinkTargets, root: String, notes: [Note] = [], fixedAnchor: String? = nil,
            acceptsNotes: Bool = false
        ) {
            self.targets = targets
            self.root = root
            self.notes = notes
            self.notesByID = Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            self.fixedAnchor = fixedAnchor
            self.acceptsNotes = acceptsNotes
        }

        /// The settings for a note's own text: anchored to the note, with no notes of its own.
        func forNote(anchor: String) -> Settings {
            Settings(targets: targets, root: root, fixedAnchor: anchor)
        }
    }

    /// A mention waiting for the end of its paragraph, where its sentence is known.
    struct PendingMention {
        /// What is mentioned.
        var target: Mention.Target
        /// Where the annotated text starts and ends in the paragraph's plain text, in UTF-8 bytes.
        var start: Int
        var end: Int
        /// Where the annotation is written.
        var location: SourceLocation
    }

    /// How the body is rendered.
    let settings: Settings
    /// The Markdown and where it sits in its file.
    let source: MarkdownSource
    /// What the render found so far.
    var result = RenderedMarkdown()
    /// Problems found so far.
    var diagnostics = Diagnostics()
    /// The HTML written so far.
    var output = ""
    /// Paragraphs numbered so far.
    var paragraphCount = 0
    /// The next suffix to try for each id base that was already taken.
    var anchorCounters: [String: Int] = [:]
    /// Plain text of the paragraph being rendered, for mention contexts.
    var plain = ""
    /// Mentions in the paragraph being rendered.
    var pendingMentions: [PendingMention] = []
    /// The texts of this renderer's mentions, one after the other (see `Mention`).
    var mentionTexts = ""
    /// The positions in `result.mentions` of the mentions this renderer made (a note's renderer
    /// makes its own), which get `mentionTexts` once the body is done.
    var ownMentions: [Int] = []
    /// Notes first referenced in the current top-level block.
    var pendingNotes: [String] = []
    /// Note numbers in order of first reference.
    var noteNumbers: [String: Int] = [:]
    /// Whether output is inside an `<a>` the renderer opened, where no other link may start.
    var insideAnchor = false
    /// The source's bytes and the offsets where its lines start, computed when first needed.
    var sourceLines: (bytes: [UInt8], starts: [Int])?
    /// Every lookup in `settings.targets` that succeeded, as `BodyCache` checks them again: a
    /// rendered body depends on its source, its notes and these answers only.
    var dependencies: [BodyCache.Dependency] = []

    /// Renders `source` with `settings`; diagnostics are in the file's coordinates.
    public static func render(_ source: MarkdownSource, settings: Settings) -> (RenderedMarkdown, Diagnostics) {
        let (rendered, diagnostics, _) = renderTracked(source, settings: settings)
        return (rendered, diagnostics)
    }

    /// Renders like `render(_:settings:)`, also returning the lookups the body depends on.
    static func renderTracked(_ source: MarkdownSource, settings: Settings)
        -> (RenderedMarkdown, Diagnostics, [BodyCache.Dependency])
    {
        var renderer = AnnotationRenderer(settings: settings, source: source)
        renderer.renderDocument()
        return (renderer.result, renderer.diagnostics, renderer.dependencies)
    }

    /// Renders the whole source into `result`.
    mutating func renderDocument() {
        let parsed = CommonMark.parse(source.text)
        if let (line, column) = parsed.flattenedAt {
            diagnostics.warning(
                "Markdown nested more than \(CommonMark.maximumDepth) levels deep; the deeper levels are flattened",
                at: location(line: line, column: column))
        }
        output.reserveCapacity(source.text.utf8.count * 2)
        for block in parsed.document.children {
            let blockStart = output.utf8.count
            renderBlock(block, tight: false)
            flushNotes(blockStart: blockStart)
        }
        appendUnreferencedNotes()
        result.paragraphCount = paragraphCount
        result.html = output.compacted
        result.plainText = result.plainText.compacted
        // Appending left up to twice the room the mentions need, and bodies live for the whole build.
        result.mentions = result.mentions.withUnsafeBufferPointer { Array($0) }
        let texts = mentionTexts.compacted
        for position in ownMentions { result.mentions[position].share(texts) }
    }

    /// A location in the file for a cmark line and column (plus `extra` bytes along the line).
    func location(line: Int, column: Int, extra: Int = 0) -> SourceLocation {
        let firstLineShift = line <= 1 ? source.columnOffset : 0
        return SourceLocation(
            path: source.path, line: source.lineOffset + max(line, 1),
            column: source.indent + firstLineShift + max(column, 1) + extra)
    }

    /// Where a node starts in the file.
    func location(of node: MarkdownNode) -> SourceLocation {
        location(line: node.line, column: node.column)
    }

    /// A fresh id that no other element of the body (or of its notes) uses.
    mutating func uniqueAnchor(_ base: String) -> String {
        guard result.anchors.contains(base) else {
            result.anchors.insert(base)
            return base
        }
        var counter = anchorCounters[base] ?? 2
        var candidate = "\(base)-\(counter)"
        while result.anchors.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        anchorCounters[base] = counter + 1
        result.anchors.insert(candidate)
        return candidate
    }
}
