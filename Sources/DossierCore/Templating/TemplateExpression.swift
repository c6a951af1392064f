/// An expression inside `{{ }}` or a tag, parsed once and evaluated on each render.
indirect enum TemplateExpression: Sendable {
    /// A string, integer, `true`, `false` or `null` written in the template.
    case literal(TemplateValue, at: SourceLocation)
    /// A variable and the fields read from it: `page.author.name`.
    case path(TemplatePath)
    /// `not operand`.
    case not(TemplateExpression, at: SourceLocation)
    /// `left op right`; the location is the operator's.
    case binary(TemplateOperator, TemplateExpression, TemplateExpression, at: SourceLocation)
    /// `input | filter(arguments)`, the filter resolved at parse time; the location is the filter name's.
    case filter(TemplateFilter, input: TemplateExpression, arguments: [TemplateExpression], at: SourceLocation)

    /// Where the expression starts, for errors about its value as a whole.
    var location: SourceLocation {
        switch self {
        case .literal(_, let location), .not(_, let location): location
        case .path(let path): path.locations[0]
        case .binary(_, let left, _, _): left.location
        case .filter(_, let input, _, _): input.location
        }
    }
}

/// A variable and the record fields read from it, each name with its own location.
struct TemplatePath: Sendable {
    /// The variable, then each field: `["page", "author", "name"]`; never empty.
    var names: [String]
    /// Where each name starts, so an unknown field is reported at the field.
    var locations: [SourceLocation]

    /// The first `count` names joined with dots, to name a record in messages.
    func prefix(_ count: Int) -> String {
        names.prefix(count).joined(separator: ".")
    }
}

/// A binary operator, spelt as in templates.
enum TemplateOperator: String, Sendable {
    /// The left value if it is false, else the right one.
    case and
    /// The left value if it is true, else the right one.
    case or
    /// Equality; plain text equals HTML with the same characters.
    case equal = "=="
    /// Inequality.
    case notEqual = "!="
    /// Order of numbers, or of text.
    case less = "<"
    /// Order of numbers, or of text.
    case lessOrEqual = "<="
    /// Order of numbers, or of text.
    case greater = ">"
    /// Order of numbers, or of text.
    case greaterOrEqual = ">="
    /// Both sides as text, joined.
    case concatenate = "~"

    /// The result of an operator that needs both operands; `and` and `or` short-circuit in the renderer instead.
    func apply(_ left: TemplateValue, _ right: TemplateValue, at location: SourceLocation) throws(Diagnostic)
        -> TemplateValue
    {
        switch self {
        case .and: return left.isTruthy ? right : left
        case .or: return left.isTruthy ? left : right
        case .equal: return .bool(Self.equal(left, right))
        case .notEqual: return .bool(!Self.equal(left, right))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let order = try Self.compare(left, right, at: location)
            switch self {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .concatenate:
            return try Self.concatenate(left, right, at: location)
        }
    }

    /// Equality where plain text and HTML with the same characters are equal, as a reader would expect.
    private static func equal(_ left: TemplateValue, _ right: TemplateValue) -> Bool {
        switch (left, right) {
        case (.string(let a), .html(let b)), (.html(let a), .string(let b)): a == b
        default: left == right  // a shared record equals the plain record of its fields
        }
    }

    /// -1, 0 or 1; only numbers with numbers and text with text have an order.
    private static func compare(_ left: TemplateValue, _ right: TemplateValue, at location: SourceLocation)
        throws(Diagnostic) -> Int
    {
        switch (left, right) {
        case (.number(let a), .number(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)), (.string(let a), .html(let b)), (.html(let a), .string(let b)),
            (.html(let a), .html(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        default:
            throw Diagnostic(
                .error, "cannot compare \(left.kindDescription) with \(right.kindDescription)", at: location)
        }
    }

    /// Joins two values as text; if either side is trusted HTML, the other is escaped so the result stays safe.
    private static func concatenate(_ left: TemplateValue, _ right: TemplateValue, at location: SourceLocation)
        throws(Diagnostic) -> TemplateValue
    {
        for side in [left, right] where side.plainText == nil {
            var hint: [String] = []
            if case .list = side { hint = ["use the 'join' filter to turn a list into text"] }
            throw Diagnostic(.error, "'~' cannot join \(side.kindDescription)", at: location, notes: hint)
        }
        let a = left.plainText ?? ""
        let b = right.plainText ?? ""
        switch (left, right) {
        case (.html, .html): return .html(a + b)
        case (.html, _): return .html(a + Escape.html(b))
        case (_, .html): return .html(Escape.html(a) + b)
        default: return .string(a + b)
        }
    }
}

extension TemplateParser {
    /// Deeper nesting of parentheses and filter arguments than this is an error rather than a risk to the stack.
    private static let maximumExpressionDepth = 64

    /// Parses an expression: `or` binds loosest, then `and`, `not`, comparisons, `~`, and filters tightest.
    mutating func parseExpression() throws(Diagnostic) -> TemplateExpression {
        expressionDepth += 1
        defer { expressionDepth -= 1 }
        guard expressionDepth <= Self.maximumExpressionDepth else {
            throw Diagnostic(.error, "expression is nested too deeply", at: tokens[index].location)
        }
        var left = try parseAnd()
        while tokens[index].kind == .name("or") {
            let location = tokens[index].location
            index += 1
            left = .binary(.or, left, try parseAnd(), at: location)
        }
        return left
    }

    private mutating func parseAnd() throws(Diagnostic) -> TemplateExpression {
        var left = try parseNot()
        while tokens[index].kind == .name("and") {
            let location = tokens[index].location
            index += 1
            left = .binary(.and, left, try parseNot(), at: location)
        }
        return left
    }

    private mutating func parseNot() throws(Diagnostic) -> TemplateExpression {
        // Counted rather than recursive, so a long run of `not`s cannot exhaust the stack.
        var negations: [SourceLocation] = []
        while tokens[index].kind == .name("not") {
            negations.append(tokens[index].location)
            index += 1
        }
        var operand = try parseComparison()
        for location in negations.reversed() { operand = .not(operand, at: location) }
        return operand
    }

    private mutating func parseComparison() throws(Diagnostic) -> TemplateExpression {
        let left = try parseConcatenation()
        guard case .symbol(let symbol) = tokens[index].kind, let comparison = TemplateOperator(rawValue: symbol),
            comparison != .concatenate
        else { return left }
        let location = tokens[index].location
        index += 1
        return .binary(comparison, left, try parseConcatenation(), at: location)
    }

    private mutating func parseConcatenation() throws(Diagnostic) -> TemplateExpression {
        var left = try parseFiltered()
        while tokens[index].kind == .symbol("~") {
            let location = tokens[index].location
            index += 1
            left = .binary(.concatenate, left, try parseFiltered(), at: location)
        }
        return left
    }

    private mutating func parseFiltered() throws(Diagnostic) -> TemplateExpression {
        var value = try parsePrimary()
        while tokens[index].kind == .symbol("|") {
            index += 1
            let token = tokens[index]
            guard case .name(let name) = token.kind else { throw unexpected("a filter name after '|'") }
            index += 1
            var arguments: [TemplateExpression] = []
            if tokens[index].kind == .symbol("(") {
                index += 1
                if tokens[index].kind != .symbol(")") {
                    arguments.append(try parseExpression())
                    while tokens[index].kind == .symbol(",") {
                        index += 1
                        arguments.append(try parseExpression())
                    }
                }
                try expect(.symbol(")"))
            }
            guard let filter = filters[name] else {
                let notes = NearMatch.note(for: name, among: filters.keys)
                report("unknown filter '\(name)'", at: token.location, notes: notes)
                continue
            }
            if let accepted = filter.arguments, !accepted.contains(arguments.count) {
                let takes = Self.describe(accepted)
                report("filter '\(name)' takes \(takes), not \(arguments.count)", at: token.location)
            }
            value = .filter(filter, input: value, arguments: arguments, at: token.location)
        }
        return value
    }

    private mutating func parsePrimary() throws(Diagnostic) -> TemplateExpression {
        let token = tokens[index]
        let value: TemplateValue
        switch token.kind {
        case .string(let text): value = .string(text)
        case .integer(let number): value = .number(number)
        case .name("true"): value = .bool(true)
        case .name("false"): value = .bool(false)
        case .name("null"): value = .null
        case .name(let name) where !Self.keywords.contains(name):
            index += 1
            var path = TemplatePath(names: [name], locations: [token.location])
            while tokens[index].kind == .symbol(".") {
                index += 1
                guard case .name(let field) = tokens[index].kind else { throw unexpected("a field name after '.'") }
                path.names.append(field)
                path.locations.append(tokens[index].location)
                index += 1
            }
            return .path(path)
        case .symbol("("):
            index += 1
            let inner = try parseExpression()
            try expect(.symbol(")"))
            return inner
        default:
            throw unexpected("an expression")
        }
        index += 1
        return .literal(value, at: token.location)
    }

    /// How many arguments a filter takes, in words: "no arguments", "1 argument", "1 or 2 arguments".
    private static func describe(_ accepted: ClosedRange<Int>) -> String {
        let (low, high) = (accepted.lowerBound, accepted.upperBound)
        let noun = high == 1 ? "argument" : "arguments"
        if high == 0 { return "no arguments" }
        if low == high { return "\(low) \(noun)" }
        if low == 0 { return "at most \(high) \(noun)" }
        return high == low + 1 ? "\(low) or \(high) \(noun)" : "\(low) to \(high) \(noun)"
    }
}
