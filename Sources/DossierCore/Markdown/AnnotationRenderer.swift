/// Renders a CommonMark tree to HTML while resolving the dossier's annotations.
///
/// Every paragraph gets a stable `id="p-N"`; editor's notes are placed in an `<aside>` after the
/// top-level block that first references them; raw HTML is dropped; links other than http,
/// https, mailto and relative ones are removed. All positions are reported in the file's terms.
public struct AnnotationRenderer {
    /// How a body is rendered and what its annotations may refer to.
    public struct Settings: Sendable {
        /// The slug and name index.
        public var targets: LinkTargets
        /// The relative path from the page to the site root, `""` or `"../../"`.
        public var root: String
        /// The notes this body may reference (an article's notes), in front matter order.
        public var notes: [Note] {
            didSet { notesByID = Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) }
        }
        /// The same notes by id.
        private(set) var notesByID: [String: Note] = [:]
        /// When set, paragraphs get no ids and mentions are anchored here (used inside notes).
        public var fixedAnchor: String?
        /// Whether this body may reference notes at all (article bodies only).
        public var acceptsNotes: Bool

        /// Creates settings.
        public init(
            targets: LinkTargets, root: String, notes: [Note] = [], fixedAnchor: String? = nil,
            acceptsNotes: Bool = false
        ) {
            self.acceptsNotes = acceptsNotes
            self.targets = targets
            self.root = root
            self.notes = notes
            self.fixedAnchor = fixedAnchor
            self.notesByID = Dictionary(notes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let settings: Settings
    let source: MarkdownSource
    var result = RenderedMarkdown()
    var diagnostics = Diagnostics()
    var output = ""
    var paragraphCount = 0
    /// Plain text of the paragraph being rendered, for mention contexts.
    var plain = ""
    var pendingMentions: [(mention: Mention, start: Int, end: Int)] = []
    var pendingNotes: [String] = []
    var noteNumbers: [String: Int] = [:]
    var insideLink = false

    /// Renders `source` with `settings`; diagnostics are in the file's coordinates.
    public static func render(_ source: MarkdownSource, settings: Settings) -> (RenderedMarkdown, Diagnostics) {
        var renderer = AnnotationRenderer(settings: settings, source: source)
        let parsed = CommonMark.parseReportingDepth(source.text)
        let document = parsed.document
        if let (line, column) = parsed.flattenedAt {
            renderer.diagnostics.warning(
                "Markdown nested more than \(CommonMark.maximumDepth) levels deep; the deeper levels are flattened",
                at: renderer.location(line: line, column: column))
        }
        renderer.output.reserveCapacity(source.text.utf8.count * 2)
        for block in document.children {
            let blockStart = renderer.output.utf8.count
            renderer.renderBlock(block, tight: false)
            renderer.flushNotes(blockStart: blockStart)
        }
        renderer.appendUnreferencedNotes()
        renderer.result.paragraphCount = renderer.paragraphCount
        renderer.result.html = renderer.output
        return (renderer.result, renderer.diagnostics)
    }

    /// A location in the file for a cmark line and column (plus `extra` bytes along the line).
    func location(line: Int, column: Int, extra: Int = 0) -> SourceLocation {
        let firstLineShift = line <= 1 ? source.columnOffset : 0
        return SourceLocation(
            path: source.path, line: source.lineOffset + max(line, 1),
            column: source.indent + firstLineShift + max(column, 1) + extra)
    }

    func location(of node: MarkdownNode) -> SourceLocation {
        location(line: node.line, column: node.column)
    }

    /// A fresh id that no other element of the body uses.
    mutating func uniqueAnchor(_ base: String) -> String {
        var candidate = base
        var counter = 2
        while result.anchors.contains(candidate) || AnnotationRenderer.reservedAnchors.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        result.anchors.insert(candidate)
        return candidate
    }

    /// Ids the page templates use themselves.
    static let reservedAnchors: Set<String> = ["main", "content", "notes", "events", "actors", "topics", "top"]
}
