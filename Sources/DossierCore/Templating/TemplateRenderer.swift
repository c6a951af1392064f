/// Walks parsed templates into UTF-8 bytes, evaluating expressions against a scope of variables.
///
/// Variables live in one flat array searched from the end, with frame marks for loop bodies, blocks and includes:
/// entering and leaving a scope allocates nothing, which matters when a site renders thousands of pages.
struct TemplateRenderer {
    /// Where `{% for %}` is within its items, read through `loop.index` and friends.
    private struct LoopState {
        var index0: Int
        let length: Int

        static let fieldNames = ["first", "index", "index0", "last", "length"]

        func field(_ name: String) -> TemplateValue? {
            switch name {
            case "index": .number(index0 + 1)
            case "index0": .number(index0)
            case "first": .bool(index0 == 0)
            case "last": .bool(index0 == length - 1)
            case "length": .number(length)
            default: nil
            }
        }

        var record: TemplateValue {
            .record(Dictionary(uniqueKeysWithValues: Self.fieldNames.map { ($0, field($0) ?? .null) }))
        }
    }

    /// Includes nested deeper than this are an error: templates that include each other would never finish.
    static let maximumIncludeDepth = 64

    private let templates: [String: CompiledTemplate]
    private let context: [String: TemplateValue]
    /// What has been rendered so far, as UTF-8.
    private(set) var output: [UInt8] = []
    private var bindings: [(name: String, value: TemplateValue)] = []
    /// Where the innermost scope starts in `bindings`: `set` replaces or adds a variable from here on.
    private var frameStart = 0
    private var loops: [LoopState] = []
    /// The most derived body of each block of the template being rendered, replacing its layout's bodies.
    private var blocks: [String: [TemplateNode]] = [:]
    private var includeDepth = 0

    /// Where output goes once it passes `flushSize` bytes, so a very long page is never held
    /// whole; each piece ends between two characters.
    private let sink: ((UnsafeRawBufferPointer) -> Void)?
    /// How much output is held before it goes to `sink`.
    static let flushSize = 1 << 20

    /// Creates a renderer over `templates` with `context` as the outermost scope; `capacity` sizes the output.
    /// With a `sink`, output is handed to it in pieces of about `flushSize` bytes, and `output` holds
    /// only what is left to hand over when rendering ends.
    init(
        templates: [String: CompiledTemplate], context: [String: TemplateValue], capacity: Int,
        sink: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) {
        self.templates = templates
        self.context = context
        self.sink = sink
        output.reserveCapacity(sink == nil ? capacity : min(capacity, Self.flushSize + capacity / 2))
    }

    /// Renders a template through its layout chain, with its own block overrides.
    mutating func render(_ template: CompiledTemplate) throws(Diagnostic) {
        let outerBlocks = blocks
        blocks = template.blocks
        defer { blocks = outerBlocks }
        try render(template.root)
    }

    private mutating func render(_ nodes: [TemplateNode]) throws(Diagnostic) {
        for node in nodes {
            if let sink, output.count >= Self.flushSize {
                // Up to the start of the last character, so no piece splits one.
                var end = output.count
                while end > 0, output[end - 1] & 0xC0 == 0x80 { end -= 1 }
                if end > 0, output[end - 1] >= 0xC0 { end -= 1 }
                output.withUnsafeBytes { sink(UnsafeRawBufferPointer(rebasing: $0[..<end])) }
                output.removeSubrange(..<end)
            }
            switch node {
            case .text(let text):
                output.append(contentsOf: text.utf8)
            case .output(let expression):
                try emit(evaluate(expression), of: expression)
            case .conditional(let branches, let otherwise):
                var chosen = otherwise
                for branch in branches {
                    if try evaluate(branch.condition).isTruthy {
                        chosen = branch.body
                        break
                    }
                }
                try render(chosen)
            case .loop(let loop):
                try run(loop)
            case .assignment(let name, let expression):
                assign(try evaluate(expression), to: name)
            case .include(let reference):
                try include(reference)
            case .block(let name, let body):
                let mark = enterFrame()
                defer { leaveFrame(mark) }
                try render(blocks[name] ?? body)
            }
        }
    }

    /// Prints a value: text escaped, HTML as is, null as nothing.
    private mutating func emit(_ value: TemplateValue, of expression: TemplateExpression) throws(Diagnostic) {
        switch value.unshared {
        case .null: break
        case .string(let text): Escape.appendHTML(text, to: &output)
        case .html(let html): output.append(contentsOf: html.utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: String(number).utf8)
        case .list:
            throw Diagnostic(
                .error, "cannot print a list", at: expression.location,
                notes: ["loop over it with '{% for %}', or make it text with the 'join' filter"])
        case .record, .shared:
            let note = "print one of its fields instead"
            throw Diagnostic(.error, "cannot print a record", at: expression.location, notes: [note])
        }
    }

    private mutating func run(_ loop: TemplateLoop) throws(Diagnostic) {
        let sequence = try evaluate(loop.sequence)
        var keys: [String] = []
        var values: [TemplateValue] = []
        switch sequence.unshared {
        case .null:
            break
        case .list(let items):
            if let keyName = loop.keyName {
                let note = "use one variable; two are for the keys and values of a record"
                throw Diagnostic(
                    .error, "cannot loop over a list with two variables '\(keyName), \(loop.valueName)'",
                    at: loop.sequence.location, notes: [note])
            }
            values = items
        case .record(let fields):
            keys = fields.keys.sorted()
            values = loop.keyName == nil ? keys.map { .string($0) } : keys.map { fields[$0] ?? .null }
        default:
            throw Diagnostic(.error, "cannot loop over \(sequence.kindDescription)", at: loop.sequence.location)
        }
        guard !values.isEmpty else {
            try render(loop.emptyBody)
            return
        }
        loops.append(LoopState(index0: 0, length: values.count))
        defer { loops.removeLast() }
        for (position, value) in values.enumerated() {
            loops[loops.count - 1].index0 = position
            let mark = enterFrame()
            if let keyName = loop.keyName { bindings.append((keyName, .string(keys[position]))) }
            bindings.append((loop.valueName, value))
            try render(loop.body)
            leaveFrame(mark)
        }
    }

    private mutating func include(_ reference: TemplateReference) throws(Diagnostic) {
        guard includeDepth < Self.maximumIncludeDepth else {
            throw Diagnostic(
                .error, "includes are nested more than \(Self.maximumIncludeDepth) levels deep", at: reference.location,
                notes: ["'\(reference.name)' probably includes itself, directly or through other templates"])
        }
        guard let template = templates[reference.name] else {
            // The set reported why at load time; rendering anyway is the caller's choice, so say so again here.
            throw Diagnostic(.error, "template '\(reference.name)' could not be loaded", at: reference.location)
        }
        includeDepth += 1
        let mark = enterFrame()
        defer {
            leaveFrame(mark)
            includeDepth -= 1
        }
        try render(template)
    }

    private mutating func enterFrame() -> (count: Int, start: Int) {
        let mark = (bindings.count, frameStart)
        frameStart = bindings.count
        return mark
    }

    private mutating func leaveFrame(_ mark: (count: Int, start: Int)) {
        bindings.removeSubrange(mark.count...)
        frameStart = mark.start
    }

    private mutating func assign(_ value: TemplateValue, to name: String) {
        var index = bindings.count - 1
        while index >= frameStart {
            if bindings[index].name == name {
                bindings[index].value = value
                return
            }
            index -= 1
        }
        bindings.append((name, value))
    }

    /// The value of an expression in the current scope.
    func evaluate(_ expression: TemplateExpression) throws(Diagnostic) -> TemplateValue {
        switch expression {
        case .literal(let value, _):
            return value
        case .path(let path):
            return try resolve(path)
        case .not(let operand, _):
            return .bool(!(try evaluate(operand).isTruthy))
        case .binary(.and, let left, let right, _):
            let value = try evaluate(left)
            return value.isTruthy ? try evaluate(right) : value
        case .binary(.or, let left, let right, _):
            let value = try evaluate(left)
            return value.isTruthy ? value : try evaluate(right)
        case .binary(let operation, let left, let right, let location):
            return try operation.apply(evaluate(left), evaluate(right), at: location)
        case .filter(let filter, let input, let argumentExpressions, let location):
            let value = try evaluate(input)
            var arguments: [TemplateValue] = []
            for argument in argumentExpressions { arguments.append(try evaluate(argument)) }
            do throws(TemplateFilterError) {
                return try filter.apply(value, arguments)
            } catch {
                throw Diagnostic(.error, "filter '\(filter.name)': \(error.message)", at: location, notes: error.notes)
            }
        }
    }

    /// Looks a variable up, then reads each field; a missing name or field is an error, a field of null is null.
    private func resolve(_ path: TemplatePath) throws(Diagnostic) -> TemplateValue {
        let head = path.names[0]
        var value: TemplateValue
        var next = 1
        if head == "loop", let loop = loops.last {
            guard path.names.count > 1 else { return loop.record }
            guard let field = loop.field(path.names[1]) else {
                throw Diagnostic(
                    .error, "unknown field '\(path.names[1])' in 'loop'", at: path.locations[1],
                    notes: NearMatch.note(for: path.names[1], among: LoopState.fieldNames))
            }
            value = field
            next = 2
        } else if let found = lookup(head) {
            value = found
        } else {
            var names = Set(context.keys)
            for binding in bindings { names.insert(binding.name) }
            if !loops.isEmpty { names.insert("loop") }
            throw Diagnostic(
                .error, "unknown variable '\(head)'", at: path.locations[0],
                notes: NearMatch.note(for: head, among: names))
        }
        while next < path.names.count {
            let name = path.names[next]
            switch value {
            case .null:
                return .null
            case .shared(let shared):
                guard let field = shared.field(name) else {
                    throw Diagnostic(
                        .error, "unknown field '\(name)' in '\(path.prefix(next))'", at: path.locations[next],
                        notes: NearMatch.note(for: name, among: shared.schema.names))
                }
                value = field
            case .record(let fields):
                guard let field = fields[name] else {
                    throw Diagnostic(
                        .error, "unknown field '\(name)' in '\(path.prefix(next))'", at: path.locations[next],
                        notes: NearMatch.note(for: name, among: fields.keys))
                }
                value = field
            default:
                throw Diagnostic(
                    .error, "cannot read field '\(name)' of '\(path.prefix(next))', which is \(value.kindDescription)",
                    at: path.locations[next])
            }
            next += 1
        }
        return value
    }

    private func lookup(_ name: String) -> TemplateValue? {
        var index = bindings.count - 1
        while index >= 0 {
            if bindings[index].name == name { return bindings[index].value }
            index -= 1
        }
        return context[name]
    }
}
