/// A content file split in two: its parsed front matter and its Markdown body.
public struct SourceDocument: Sendable {
    /// The file, relative to the site folder.
    public var path: String
    /// The front matter between the opening and closing `---` lines.
    public var frontMatter: FrontMatterMap
    /// Everything after the closing `---` line; may be empty.
    public var body: String
    /// The number of file lines before the body's first line.
    ///
    /// cmark numbers the body's lines from 1, so adding this gives the line in the file.
    public var bodyLineOffset: Int

    /// Creates a document.
    public init(path: String, frontMatter: FrontMatterMap, body: String, bodyLineOffset: Int) {
        self.path = path
        self.frontMatter = frontMatter
        self.body = body
        self.bodyLineOffset = bodyLineOffset
    }
}
