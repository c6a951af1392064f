/// Builds the node tree of one template from its tokens, checking tag structure and filter names as it goes.
///
/// A syntax error stops the template's parse; problems that leave the structure intact (an unknown filter, a
/// duplicate block) are collected and parsing continues, so one pass reports as much as it safely can.
struct TemplateParser {
    /// A tag whose body is being parsed, for "never closed" and "unexpected end tag" errors.
    private struct OpenTag {
        let name: String
        let closer: String
        let location: SourceLocation
    }

    /// Deeper nesting than this is an error rather than a risk to the stack.
    private static let maximumDepth = 100
    /// Words that are operators or literals, so never variable names.
    static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false", "null"]
    private static let tagNames = [
        "if", "elif", "else", "endif", "for", "endfor", "set", "include", "block", "endblock", "extends",
    ]

    /// The template's tokens, ending with `.end`.
    let tokens: [TemplateToken]
    /// The current token.
    var index = 0
    /// The filters expressions may name, resolved while parsing.
    let filters: [String: TemplateFilter]
    /// Problems found so far that did not stop the parse.
    var problems: [Diagnostic] = []
    private var extends: TemplateReference?
    private var includes: [TemplateReference] = []
    private var blocks: [String: (body: [TemplateNode], location: SourceLocation)] = [:]
    /// Whether a tag or `{{ }}` came before: `extends` must come first.
    private var sawTag = false
    /// The first top-level content outside a block, which a template that extends another would never show.
    private var contentOutsideBlocks: SourceLocation?
    private var tagDepth = 0
    /// How many expressions enclose the one being parsed, to bound recursion.
    var expressionDepth = 0

    /// Parses `source`, reporting every problem found; nil when the template has any error.
    static func parse(
        _ source: String, path: String, filters: [String: TemplateFilter], diagnostics: inout Diagnostics
    ) -> ParsedTemplate? {
        var parser: TemplateParser
        do throws(Diagnostic) {
            parser = TemplateParser(tokens: try TemplateLexer.tokenize(source, path: path), filters: filters)
        } catch {
            diagnostics.report(error)
            return nil
        }
        var nodes: [TemplateNode] = []
        do throws(Diagnostic) {
            nodes = try parser.parseTemplate()
        } catch {
            parser.problems.append(error)
        }
        parser.problems.forEach { diagnostics.report($0) }
        guard parser.problems.isEmpty else { return nil }
        return ParsedTemplate(
            nodes: nodes, extends: parser.extends, includes: parser.includes,
            blocks: parser.blocks.mapValues(\.body))
    }

    private init(tokens: [TemplateToken], filters: [String: TemplateFilter]) {
        self.tokens = tokens
        self.filters = filters
    }

    private mutating func parseTemplate() throws(Diagnostic) -> [TemplateNode] {
        let nodes = try parseBody(until: [], open: nil).nodes
        if let extends, let content = contentOutsideBlocks {
            report(
                "content outside '{% block %}' tags is never shown in a template that uses 'extends'", at: content,
                notes: ["this template extends '\(extends.name)'; put the content in a block"])
        }
        return nodes
    }

    /// Parses nodes up to one of `terminators` (whose name is consumed and returned) or the end of the template.
    private mutating func parseBody(until terminators: Set<String>, open: OpenTag?) throws(Diagnostic)
        -> (nodes: [TemplateNode], terminator: String)
    {
        tagDepth += 1
        defer { tagDepth -= 1 }
        if let open, tagDepth > Self.maximumDepth {
            throw Diagnostic(.error, "tags are nested more than \(Self.maximumDepth) levels deep", at: open.location)
        }
        var nodes: [TemplateNode] = []
        while true {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text(let text):
                // Bytes up to the space are whitespace or control characters, which no reader would call content.
                if open == nil, contentOutsideBlocks == nil, text.utf8.contains(where: { $0 > 32 }) {
                    contentOutsideBlocks = token.location
                }
                if case .text(let previous)? = nodes.last {
                    nodes[nodes.count - 1] = .text(previous + text)
                } else {
                    nodes.append(.text(text))
                }
            case .outputStart:
                if open == nil, contentOutsideBlocks == nil { contentOutsideBlocks = token.location }
                sawTag = true
                let expression = try parseExpression()
                try expect(.outputEnd)
                nodes.append(.output(expression))
            case .tagStart:
                guard case .name(let name) = tokens[index].kind else { throw unexpected("a tag name after '{%'") }
                if terminators.contains(name) {
                    index += 1
                    return (nodes, name)
                }
                if open == nil, contentOutsideBlocks == nil, name != "block", name != "extends" {
                    contentOutsideBlocks = token.location
                }
                if let node = try parseTag(name, at: token.location, open: open) { nodes.append(node) }
                sawTag = true
            case .end:
                if let open {
                    throw Diagnostic(
                        .error, "'\(open.name)' is never closed; expected '{% \(open.closer) %}'", at: open.location)
                }
                index -= 1
                return (nodes, "")
            default:
                preconditionFailure("the lexer emits only text, tag starts and the end between tags")
            }
        }
    }

    /// Parses the tag whose name is the current token; nil for tags that leave no node (`extends`).
    private mutating func parseTag(_ name: String, at location: SourceLocation, open: OpenTag?) throws(Diagnostic)
        -> TemplateNode?
    {
        let nameLocation = tokens[index].location
        index += 1
        switch name {
        case "if":
            return try parseIf(at: location)
        case "for":
            return try parseFor(at: location)
        case "set":
            let variable = try variableName("a variable name after 'set'")
            guard tokens[index].kind == .symbol("=") else { throw unexpected("'=' after '\(variable)'") }
            index += 1
            let value = try parseExpression()
            try expect(.tagEnd)
            return .assignment(name: variable, value: value)
        case "include":
            let reference = try templateName(after: "include")
            try expect(.tagEnd)
            includes.append(reference)
            return .include(reference)
        case "extends":
            let reference = try templateName(after: "extends")
            try expect(.tagEnd)
            if sawTag {
                report("'extends' must be the first tag in the template", at: location)
            } else {
                extends = reference
            }
            return nil
        case "block":
            return try parseBlock(at: location)
        case "elif", "else", "endif", "endfor", "endblock":
            throw unexpectedTag(name, at: location, open: open)
        default:
            let notes = NearMatch.note(for: name, among: Self.tagNames)
            throw Diagnostic(.error, "unknown tag '\(name)'", at: nameLocation, notes: notes)
        }
    }

    private mutating func parseIf(at location: SourceLocation) throws(Diagnostic) -> TemplateNode {
        let open = OpenTag(name: "if", closer: "endif", location: location)
        var branches: [TemplateBranch] = []
        var condition = try parseExpression()
        try expect(.tagEnd)
        while true {
            let (body, terminator) = try parseBody(until: ["elif", "else", "endif"], open: open)
            branches.append(TemplateBranch(condition: condition, body: body))
            switch terminator {
            case "elif":
                condition = try parseExpression()
                try expect(.tagEnd)
            case "else":
                try expect(.tagEnd)
                let otherwise = try parseBody(until: ["endif"], open: open).nodes
                try expect(.tagEnd)
                return .conditional(branches, otherwise: otherwise)
            default:
                try expect(.tagEnd)
                return .conditional(branches, otherwise: [])
            }
        }
    }

    private mutating func parseFor(at location: SourceLocation) throws(Diagnostic) -> TemplateNode {
        let open = OpenTag(name: "for", closer: "endfor", location: location)
        var keyName: String?
        var valueName = try variableName("a loop variable after 'for'")
        if tokens[index].kind == .symbol(",") {
            index += 1
            keyName = valueName
            valueName = try variableName("a second loop variable after ','")
        }
        guard tokens[index].kind == .name("in") else { throw unexpected("'in' after the loop variable") }
        index += 1
        let sequence = try parseExpression()
        try expect(.tagEnd)
        let (body, terminator) = try parseBody(until: ["else", "endfor"], open: open)
        var emptyBody: [TemplateNode] = []
        try expect(.tagEnd)
        if terminator == "else" {
            emptyBody = try parseBody(until: ["endfor"], open: open).nodes
            try expect(.tagEnd)
        }
        return .loop(
            TemplateLoop(keyName: keyName, valueName: valueName, sequence: sequence, body: body, emptyBody: emptyBody))
    }

    private mutating func parseBlock(at location: SourceLocation) throws(Diagnostic) -> TemplateNode {
        guard case .name(let name) = tokens[index].kind else { throw unexpected("a block name after 'block'") }
        index += 1
        try expect(.tagEnd)
        let open = OpenTag(name: "block", closer: "endblock", location: location)
        let body = try parseBody(until: ["endblock"], open: open).nodes
        if case .name(let closing) = tokens[index].kind {
            if closing != name {
                report("'{% endblock \(closing) %}' closes block '\(name)'", at: tokens[index].location)
            }
            index += 1
        }
        try expect(.tagEnd)
        if let first = blocks[name] {
            let note = "it is first defined on line \(first.location.line)"
            report("block '\(name)' is defined twice", at: location, notes: [note])
        } else {
            blocks[name] = (body, location)
        }
        return .block(name: name, body: body)
    }

    /// A name bound by `set` or `for`; keywords and `loop` are reported, as they could never be read back.
    private mutating func variableName(_ expected: String) throws(Diagnostic) -> String {
        let token = tokens[index]
        guard case .name(let name) = token.kind else { throw unexpected(expected) }
        index += 1
        if Self.keywords.contains(name) || name == "loop" {
            report("'\(name)' is reserved and cannot name a variable", at: token.location)
        }
        return name
    }

    private mutating func templateName(after tag: String) throws(Diagnostic) -> TemplateReference {
        let token = tokens[index]
        guard case .string(let name) = token.kind, !name.isEmpty else {
            throw unexpected("a quoted template name after '\(tag)'")
        }
        index += 1
        return TemplateReference(name: name, location: token.location)
    }

    /// Consumes a token of `kind` or throws "expected ..., found ...".
    mutating func expect(_ kind: TemplateToken.Kind) throws(Diagnostic) {
        guard tokens[index].kind == kind else { throw unexpected(kind.description) }
        index += 1
    }

    /// "expected `what`, found" the current token, at the current token.
    func unexpected(_ what: String) -> Diagnostic {
        Diagnostic(.error, "expected \(what), found \(tokens[index].kind)", at: tokens[index].location)
    }

    /// Records a problem that does not stop the parse.
    mutating func report(_ message: String, at location: SourceLocation, notes: [String] = []) {
        problems.append(Diagnostic(.error, message, at: location, notes: notes))
    }

    private func unexpectedTag(_ name: String, at location: SourceLocation, open: OpenTag?) -> Diagnostic {
        guard let open else {
            let owner = ["else": "'if' or 'for'", "endfor": "'for'", "endblock": "'block'"][name] ?? "'if'"
            return Diagnostic(.error, "unexpected '{% \(name) %}'; no \(owner) is open", at: location)
        }
        let closer = "'{% \(open.closer) %}' to close the '\(open.name)' on line \(open.location.line)"
        return Diagnostic(.error, "unexpected '{% \(name) %}'; expected \(closer)", at: location)
    }
}
