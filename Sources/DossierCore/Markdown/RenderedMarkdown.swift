/// A mention of an actor or a topic in a body, with the sentence around it.
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
    /// The annotated text as the reader sees it.
    public var text: String
    /// The sentence before the annotated text.
    public var before: String
    /// The sentence after the annotated text.
    public var after: String
    /// Where the annotation is written.
    public var location: SourceLocation
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
