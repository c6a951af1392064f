/// A CommonMark node copied out of libcmark's tree, so no C pointer outlives its document.
///
/// Lines and columns are those cmark reports for the Markdown text it was given (1-based;
/// columns count bytes); the renderer adds the front matter's line count.
public struct MarkdownNode: Sendable, Hashable {
    /// What a node is, with the data that kind carries.
    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(url: String, title: String)
        case image(url: String, title: String)
    }

    /// The kind of node and its data.
    public var kind: Kind
    /// The children, in order.
    public var children: [MarkdownNode]
    /// The 1-based line where the node starts in the Markdown text.
    public var line: Int
    /// The 1-based byte column where the node starts.
    public var column: Int

    /// Creates a node.
    public init(_ kind: Kind, children: [MarkdownNode] = [], line: Int = 0, column: Int = 0) {
        self.kind = kind
        self.children = children
        self.line = line
        self.column = column
    }

    /// The text a reader sees in this node and its descendants, without markup.
    public var plainText: String {
        var text = ""
        appendPlainText(to: &text)
        return text
    }

    /// Appends this node's visible text to `text`.
    func appendPlainText(to text: inout String) {
        switch kind {
        case .text(let literal), .code(let literal): text += literal
        case .softBreak, .lineBreak: text += " "
        default: for child in children { child.appendPlainText(to: &text) }
        }
    }
}
