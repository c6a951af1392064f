/// A mention of an actor or a topic in a body, with the sentence around it.
///
/// A large dossier has hundreds of thousands of mentions, so the sentence is not kept as three
/// strings: the before, annotated and after texts sit one after the other in a string that all
/// the mentions of a body share, and a mention keeps their offsets.
public struct Mention: Sendable, Hashable {
    /// What is mentioned.
    public enum Target: Sendable, Hashable {
        case actor(String)
        case topic(String)
    }
    /// What is mentioned.
    public var target: Target
    /// The id of the paragraph (`p-4`), heading or note it sits in.
    public var anchor: String
    /// Where the annotation is written.
    public var location: SourceLocation
    /// The texts of this mention (and others), and the UTF-8 offsets where this mention's
    /// before, annotated and after texts start, and where its after text ends.
    private(set) var storage: String
    private(set) var offsets: (before: UInt32, text: UInt32, after: UInt32, end: UInt32)

    /// A mention whose texts are kept in a string of its own.
    public init(
        target: Target, anchor: String, text: String, before: String, after: String, location: SourceLocation
    ) {
        var storage = ""
        let offsets = Mention.append(before: before, text: text, after: after, to: &storage)
        self.init(target: target, anchor: anchor, location: location, storage: storage, offsets: offsets)
    }

    /// A mention whose texts are at `offsets` in `storage`.
    init(
        target: Target, anchor: String, location: SourceLocation, storage: String,
        offsets: (before: UInt32, text: UInt32, after: UInt32, end: UInt32)
    ) {
        self.target = target
        self.anchor = anchor
        self.location = location
        self.storage = storage
        self.offsets = offsets
    }

    /// Appends a mention's texts to `storage`, returning their offsets there.
    static func append(before: String, text: String, after: String, to storage: inout String)
        -> (before: UInt32, text: UInt32, after: UInt32, end: UInt32)
    {
        let start = UInt32(storage.utf8.count)
        storage += before
        let textStart = UInt32(storage.utf8.count)
        storage += text
        let afterStart = UInt32(storage.utf8.count)
        storage += after
        return (start, textStart, afterStart, UInt32(storage.utf8.count))
    }

    /// Points the mention at `storage`, which holds its texts at the same offsets.
    mutating func share(_ storage: String) {
        self.storage = storage
    }

    /// The annotated text as the reader sees it.
    public var text: String { slice(offsets.text, offsets.after) }
    /// The sentence before the annotated text.
    public var before: String { slice(offsets.before, offsets.text) }
    /// The sentence after the annotated text.
    public var after: String { slice(offsets.after, offsets.end) }

    /// The sentence before, the annotated text and the sentence after, as views into the shared
    /// storage: for writers that copy them somewhere anyway.
    var pieces: (before: Substring, text: Substring, after: Substring) {
        (piece(offsets.before, offsets.text), piece(offsets.text, offsets.after), piece(offsets.after, offsets.end))
    }

    private func slice(_ start: UInt32, _ end: UInt32) -> String {
        String(piece(start, end))
    }

    private func piece(_ start: UInt32, _ end: UInt32) -> Substring {
        let utf8 = storage.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Int(start))
        let to = utf8.index(utf8.startIndex, offsetBy: Int(end))
        return Substring(utf8[from..<to])
    }

    /// Mentions are equal when they read the same, wherever their texts are kept.
    public static func == (left: Mention, right: Mention) -> Bool {
        left.target == right.target && left.anchor == right.anchor && left.location == right.location
            && left.text == right.text && left.before == right.before && left.after == right.after
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(target)
        hasher.combine(anchor)
        hasher.combine(location)
        hasher.combine(text)
        hasher.combine(before)
        hasher.combine(after)
    }
}

/// A link from a body to an article, kept to check its fragment and to list "cited by".
public struct ArticleReference: Sendable, Hashable {
    /// The article linked to.
    public var slug: String
    /// The fragment, e.g. `p-4`, when given.
    public var fragment: String?
    /// Where the link is written.
    public var location: SourceLocation
}

/// A body rendered to HTML, with what the dossier needs to know about it.
public struct RenderedMarkdown: Sendable {
    /// The HTML, safe to insert in a page.
    public var html: String = ""
    /// Every actor and topic mention, in reading order.
    public var mentions: [Mention] = []
    /// Every id the HTML defines (paragraphs, headings, notes), for fragment checks.
    public var anchors: Set<String> = []
    /// Links to articles, in reading order.
    public var articleReferences: [ArticleReference] = []
    /// Note ids in the order they are first referenced.
    public var noteReferences: [String] = []
    /// How many paragraphs have an `id="p-N"`.
    public var paragraphCount: Int = 0
    /// The text of the first paragraph, for descriptions.
    public var firstParagraph: String = ""
    /// The start of the body's text without markup, for search: whole paragraphs until it
    /// passes `plainTextLimit` bytes.
    public var plainText: String = ""
    /// How many bytes `plainText` reaches before it stops growing: the search index reads 600 characters.
    public static let plainTextLimit = 1200
}
