/// A named function that templates apply with `value | name` or `value | name(arguments)`.
///
/// Callers add their own (the dossier layer adds `date` and `url`) next to the built-ins; a caller's filter
/// replaces a built-in of the same name.
public struct TemplateFilter: Sendable {
    /// The name templates use after `|`.
    public let name: String
    /// How many arguments the filter accepts, checked when templates load; nil accepts any number.
    public let arguments: ClosedRange<Int>?
    /// Turns the input and the evaluated arguments into the result.
    let apply: @Sendable (TemplateValue, [TemplateValue]) throws(TemplateFilterError) -> TemplateValue
    /// What of its input the result is, for working out what a template reads (`TemplateUsage`).
    /// Only built-ins say; any other filter may look at all of its input and arguments.
    let flow: Flow

    /// Where a filter's result comes from.
    enum Flow: Sendable {
        /// Anything: the input and the arguments are read whole, the result is new.
        case opaque
        /// A new number or text made from the input and arguments as a template reads them.
        case fresh
        /// New text made from the input's items, each read whole.
        case items
        /// One of the input's items (`first`, `last`).
        case item
        /// The input's items, some or all, in some order (`slice`, `reverse`).
        case sameItems
        /// The input or the first argument (`default`).
        case inputOrArgument
    }

    /// Creates a filter; `apply` receives the input and the arguments, and throws to report a misuse.
    ///
    /// A closure that throws must say so with its type, as in `{ value, arguments throws(TemplateFilterError) in`,
    /// since Swift otherwise infers `throws(any Error)` for it.
    public init(
        _ name: String, arguments: ClosedRange<Int>? = nil,
        _ apply: @escaping @Sendable (TemplateValue, [TemplateValue]) throws(TemplateFilterError) -> TemplateValue
    ) {
        self.init(name, arguments: arguments, flow: .opaque, apply)
    }

    /// A filter whose result comes from its input as `flow` says.
    init(
        _ name: String, arguments: ClosedRange<Int>?, flow: Flow,
        _ apply: @escaping @Sendable (TemplateValue, [TemplateValue]) throws(TemplateFilterError) -> TemplateValue
    ) {
        self.name = name
        self.arguments = arguments
        self.flow = flow
        self.apply = apply
    }
}

/// Why a filter could not handle its input; the renderer reports it at the filter's place in the template.
public struct TemplateFilterError: Error, Sendable, Hashable {
    /// What went wrong, such as "expected a string, not a list".
    public var message: String
    /// Hints shown as notes.
    public var notes: [String]

    /// Creates an error with a message and optional notes.
    public init(_ message: String, notes: [String] = []) {
        self.message = message
        self.notes = notes
    }

    /// "expected `expected`, not" the kind of `value`.
    static func expected(_ expected: String, got value: TemplateValue) -> TemplateFilterError {
        TemplateFilterError("expected \(expected), not \(value.kindDescription)")
    }
}

extension TemplateFilter {
    /// The filters every template set has: `length`, `default`, `upper`, `lower`, `join`, `first`, `last`,
    /// `escape`, `truncate`, `pluralize`, `reverse`, `slice` and `minus`.
    ///
    /// Text filters pass null through, so `{{ page.author | upper }}` prints nothing when there is no author.
    static let builtIns: [TemplateFilter] = [
        TemplateFilter("length", arguments: 0...0, flow: .fresh) { value, _ throws(TemplateFilterError) in
            switch value.unshared {
            case .null: return .number(0)
            case .string(let text), .html(let text): return .number(text.count)
            case .list(let items): return .number(items.count)
            case .record(let fields): return .number(fields.count)
            default: throw .expected("a string, list or record", got: value)
            }
        },
        TemplateFilter("default", arguments: 1...1, flow: .inputOrArgument) { value, arguments in
            value.isEmpty ? arguments[0] : value
        },
        TemplateFilter("upper", arguments: 0...0, flow: .fresh) { value, _ throws(TemplateFilterError) in
            try mapText(value) { $0.uppercased() }
        },
        TemplateFilter("lower", arguments: 0...0, flow: .fresh) { value, _ throws(TemplateFilterError) in
            try mapText(value) { $0.lowercased() }
        },
        TemplateFilter("join", arguments: 0...1, flow: .items, join),
        TemplateFilter("first", arguments: 0...0, flow: .item) { value, _ throws(TemplateFilterError) in
            switch value {
            case .null: return .null
            case .list(let items): return items.first ?? .null
            case .string(let text): return text.first.map { .string(String($0)) } ?? .null
            default: throw .expected("a list or a string", got: value)
            }
        },
        TemplateFilter("last", arguments: 0...0, flow: .item) { value, _ throws(TemplateFilterError) in
            switch value {
            case .null: return .null
            case .list(let items): return items.last ?? .null
            case .string(let text): return text.last.map { .string(String($0)) } ?? .null
            default: throw .expected("a list or a string", got: value)
            }
        },
        TemplateFilter("escape", arguments: 0...0, flow: .fresh) { value, _ throws(TemplateFilterError) in
            switch value {
            case .html: return value
            case .list, .record, .shared: throw .expected("text", got: value)
            default: return .html(Escape.html(value.plainText ?? ""))
            }
        },
        TemplateFilter("truncate", arguments: 1...2, flow: .fresh, truncate),
        TemplateFilter("pluralize", arguments: 0...2, flow: .fresh, pluralize),
        TemplateFilter("reverse", arguments: 0...0, flow: .sameItems) { value, _ throws(TemplateFilterError) in
            switch value {
            case .null: return .null
            case .list(let items): return .list(items.reversed())
            case .string(let text): return .string(String(text.reversed()))
            default: throw .expected("a list or a string", got: value)
            }
        },
        TemplateFilter("slice", arguments: 1...2, flow: .sameItems, slice),
        TemplateFilter("minus", arguments: 1...1, flow: .fresh) { value, arguments throws(TemplateFilterError) in
            guard case .number(let number) = value else { throw .expected("a number", got: value) }
            let (difference, overflow) = number.subtractingReportingOverflow(try integer(arguments[0], position: 1))
            if overflow { throw TemplateFilterError("the difference is too large") }
            return .number(difference)
        },
    ]

    /// Applies `transform` to plain text; HTML is refused because changing it could break its markup.
    private static func mapText(_ value: TemplateValue, _ transform: (String) -> String) throws(TemplateFilterError)
        -> TemplateValue
    {
        switch value {
        case .null: return .null
        case .string(let text): return .string(transform(text))
        default: throw .expected("a string", got: value)
        }
    }

    /// `join(separator)`: the items as text; if any item is HTML the result is HTML with the plain items escaped.
    private static func join(_ value: TemplateValue, _ arguments: [TemplateValue]) throws(TemplateFilterError)
        -> TemplateValue
    {
        guard case .list(let items) = value else {
            if case .null = value { return .null }
            throw .expected("a list", got: value)
        }
        let separator = arguments.isEmpty ? "" : try text(arguments[0], position: 1)
        var pieces: [(text: String, isHTML: Bool)] = []
        for item in items {
            guard let piece = item.plainText else {
                throw TemplateFilterError("expected a list of text, but an item is \(item.kindDescription)")
            }
            if case .html = item { pieces.append((piece, true)) } else { pieces.append((piece, false)) }
        }
        guard pieces.contains(where: \.isHTML) else { return .string(pieces.map(\.text).joined(separator: separator)) }
        let escaped = pieces.map { $0.isHTML ? $0.text : Escape.html($0.text) }
        return .html(escaped.joined(separator: Escape.html(separator)))
    }

    /// `truncate(length, end = "…")`: at most `length` characters, then `end` if anything was cut.
    private static func truncate(_ value: TemplateValue, _ arguments: [TemplateValue]) throws(TemplateFilterError)
        -> TemplateValue
    {
        let length = try integer(arguments[0], position: 1)
        guard length >= 0 else { throw TemplateFilterError("the length must not be negative") }
        let end = arguments.count > 1 ? try text(arguments[1], position: 2) : "…"
        switch value {
        case .null: return .null
        case .string(let text):
            guard text.count > length else { return value }
            // Cutting after a word would otherwise leave "word …" with a space before the ellipsis.
            var kept = text.prefix(length)
            while let last = kept.last, last.isWhitespace { kept.removeLast() }
            return .string(kept + end)
        default: throw .expected("a string", got: value)
        }
    }

    /// `pluralize`, `pluralize(plural)` or `pluralize(singular, plural)`: "s" unless the count is exactly 1.
    private static func pluralize(_ value: TemplateValue, _ arguments: [TemplateValue]) throws(TemplateFilterError)
        -> TemplateValue
    {
        let count: Int
        switch value {
        case .number(let number): count = number
        case .list(let items): count = items.count
        default: throw .expected("a number or a list", got: value)
        }
        var singular = ""
        var plural = "s"
        if arguments.count == 1 { plural = try text(arguments[0], position: 1) }
        if arguments.count == 2 {
            singular = try text(arguments[0], position: 1)
            plural = try text(arguments[1], position: 2)
        }
        return .string(count == 1 ? singular : plural)
    }

    /// `slice(start, end)`: the items from `start` up to but not including `end`; negative positions count from
    /// the end, and positions past either end are clamped.
    private static func slice(_ value: TemplateValue, _ arguments: [TemplateValue]) throws(TemplateFilterError)
        -> TemplateValue
    {
        guard case .list(let items) = value else {
            if case .null = value { return .null }
            throw .expected("a list", got: value)
        }
        func position(_ argument: TemplateValue, _ number: Int) throws(TemplateFilterError) -> Int {
            let raw = try integer(argument, position: number)
            return min(max(raw < 0 ? items.count + raw : raw, 0), items.count)
        }
        let start = try position(arguments[0], 1)
        let end = arguments.count > 1 ? try position(arguments[1], 2) : items.count
        return start < end ? .list(Array(items[start..<end])) : .list([])
    }

    private static func integer(_ argument: TemplateValue, position: Int) throws(TemplateFilterError) -> Int {
        guard case .number(let number) = argument else {
            throw TemplateFilterError("argument \(position) must be a number, not \(argument.kindDescription)")
        }
        return number
    }

    private static func text(_ argument: TemplateValue, position: Int) throws(TemplateFilterError) -> String {
        guard case .string(let text) = argument else {
            throw TemplateFilterError("argument \(position) must be a string, not \(argument.kindDescription)")
        }
        return text
    }
}
