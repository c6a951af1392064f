import CCmark

/// The one place that calls libcmark: parses CommonMark into a Swift tree and frees every C node.
///
/// Parsing uses `CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8` and never `CMARK_OPT_UNSAFE`;
/// raw HTML survives only as `htmlBlock`/`htmlInline` nodes, which the renderer drops.
public enum CommonMark {
    /// How deeply containers (block quotes, lists, emphasis, links) may nest in the copied tree.
    /// Deeper structure is flattened into its ancestor at this depth, so rendering, which recurses,
    /// can never exhaust the stack, whatever the input.
    public static let maximumDepth = 64

    /// The version of the libcmark the process loaded, e.g. `0.30.2`.
    public static let version = String(cString: cmark_version_string())

    /// A parsed document, with the place where nesting was flattened, if it was.
    public struct Parsed: Sendable {
        /// The document node.
        public var document: MarkdownNode
        /// Line and column of the first container deeper than `maximumDepth`, if any.
        public var flattenedAt: (line: Int, column: Int)?
    }

    /// Parses `markdown` into a document copied out of cmark, saying where overly deep nesting
    /// was flattened.
    public static func parse(_ markdown: String) -> Parsed {
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8
        var source = markdown
        let root: OpaquePointer? = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let root else { preconditionFailure("cmark_parse_document returned no document") }
        defer { cmark_node_free(root) }
        cmark_consolidate_text_nodes(root)
        return copyTree(root)
    }

    /// Copies the tree with cmark's iterator instead of recursion, so deeply nested input
    /// cannot exhaust the stack while copying.
    private static func copyTree(_ root: OpaquePointer) -> Parsed {
        guard let iterator = cmark_iter_new(root) else { preconditionFailure("cmark_iter_new failed") }
        defer { cmark_iter_free(iterator) }
        var stack: [MarkdownNode] = []
        var result = MarkdownNode(.document)
        var flattenedAt: (line: Int, column: Int)?
        // Containers entered beyond the maximum depth and not yet exited: their children go to
        // the deepest kept container instead.
        var skipped = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                let copy = MarkdownNode(
                    kind(of: node),
                    line: Int(cmark_node_get_start_line(node)),
                    column: Int(cmark_node_get_start_column(node))
                )
                if isLeaf(node) {
                    stack[stack.count - 1].children.append(copy)
                } else if skipped > 0 || stack.count > maximumDepth {
                    if skipped == 0 { flattenedAt = (copy.line, copy.column) }
                    skipped += 1
                } else {
                    stack.append(copy)
                }
            } else if event == CMARK_EVENT_EXIT {
                if skipped > 0 {
                    skipped -= 1
                    continue
                }
                let finished = stack.removeLast()
                if stack.isEmpty {
                    result = finished
                } else {
                    stack[stack.count - 1].children.append(finished)
                }
            }
        }
        return Parsed(document: result, flattenedAt: flattenedAt)
    }

    /// Leaves get only an ENTER event from the iterator.
    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0
            )
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: literal(node))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal(node))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal(node))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(literal(node))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            // Custom nodes only come from the C API, never from parsing.
            return .htmlBlock("")
        }
    }

    private static func literal(_ node: OpaquePointer) -> String {
        string(cmark_node_get_literal(node))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
