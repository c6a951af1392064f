/// Reads typed values out of a front matter map, so every missing, mistyped or unknown key is reported
/// the same way whichever kind of file it is in.
///
/// Each accessor marks its key as known; `finish()` then warns about the keys nobody asked for. A key
/// written with nothing after it (`summary:`) is null, as in YAML, and reads as absent. The reader keeps
/// its own collector, which the caller merges when it is done:
///
/// ```swift
/// var fields = FrontMatterFields(document.frontMatter)
/// let title = fields.string("title", required: true)
/// diagnostics.merge(fields.finish())
/// ```
public struct FrontMatterFields {
    /// The map being read.
    public let map: FrontMatterMap
    /// The errors reported so far by the accessors.
    public private(set) var diagnostics = Diagnostics()
    /// The keys asked for, in the order asked: the candidates for "did you mean".
    private var known: [String] = []

    /// Creates a reader of `map`.
    public init(_ map: FrontMatterMap) {
        self.map = map
    }

    /// Any scalar as text; an error for a list or a map.
    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = lookup(key, required: required) else { return nil }
        guard let text = node.text else { return wrongKind(key, expected: "a text", node) }
        return text
    }

    /// A plain `true` or `false`.
    public mutating func bool(_ key: String) -> Bool? {
        guard let node = lookup(key, required: false) else { return nil }
        switch node.value {
        case .scalar("true", .plain): return true
        case .scalar("false", .plain): return false
        case .scalar("true", _), .scalar("false", _):
            return wrongKind(key, expected: "true or false", node, notes: ["write it without quotes"])
        default:
            return wrongKind(key, expected: "true or false", node)
        }
    }

    /// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date, quoted or not, at the precision written.
    public mutating func date(_ key: String, required: Bool = false) -> PartialDate? {
        guard let node = lookup(key, required: required) else { return nil }
        guard let text = node.text, let date = PartialDate(text) else {
            return wrongKind(key, expected: "a date (YYYY, YYYY-MM or YYYY-MM-DD)", node)
        }
        return date
    }

    /// A flow or block list of texts, each with its location; empty when the key is absent.
    public mutating func stringList(_ key: String) -> [(String, SourceLocation)] {
        guard let node = lookup(key, required: false) else { return [] }
        guard let items = node.list else {
            let notes = node.text.map { ["write '[\($0)]' for a list of one"] } ?? []
            return wrongKind(key, expected: "a list of texts", node, notes: notes) ?? []
        }
        return items.compactMap { item in
            guard let text = item.text, !item.isEmpty else { return itemOfWrongKind(key, expected: "a text", item) }
            return (text, item.location)
        }
    }

    /// An indented map.
    public mutating func map(_ key: String) -> FrontMatterMap? {
        guard let node = lookup(key, required: false) else { return nil }
        guard let map = node.map else { return wrongKind(key, expected: "a map", node) }
        return map
    }

    /// A block list of maps (`- key: value` items); empty when the key is absent.
    public mutating func mapList(_ key: String) -> [FrontMatterMap] {
        guard let node = lookup(key, required: false) else { return [] }
        guard let items = node.list else { return wrongKind(key, expected: "a list of maps", node) ?? [] }
        return items.compactMap { item in
            guard let map = item.map else { return itemOfWrongKind(key, expected: "a map", item) }
            return map
        }
    }

    /// The raw node, for values no other accessor reads; marks the key as known like the others.
    public mutating func node(_ key: String) -> FrontMatterNode? {
        markKnown(key)
        return map[key]
    }

    /// Reports a problem the caller found in a value it read (e.g. an actor `kind` outside its list).
    public mutating func report(_ message: String, at location: SourceLocation, notes: [String] = []) {
        diagnostics.error(message, at: location, notes: notes)
    }

    /// Takes over the diagnostics of a nested reader (an event's map inside an article's `events`).
    public mutating func absorb(_ other: Diagnostics) {
        diagnostics.merge(other)
    }

    /// The accessors' errors, plus a warning for every key no accessor asked for; call it last.
    public func finish() -> Diagnostics {
        var result = diagnostics
        for entry in map.entries where !known.contains(entry.key) {
            result.warning(
                "unknown key '\(entry.key)'", at: entry.keyLocation,
                notes: NearMatch.note(for: entry.key, among: known))
        }
        return result
    }

    /// The value of `key` unless it is absent or null; reports a required key that is either.
    private mutating func lookup(_ key: String, required: Bool) -> FrontMatterNode? {
        markKnown(key)
        guard let node = map[key] else {
            if required { diagnostics.error("missing required key '\(key)'", at: map.location) }
            return nil
        }
        guard !node.isEmpty else {
            if required { diagnostics.error("missing value for required key '\(key)'", at: node.location) }
            return nil
        }
        return node
    }

    private mutating func markKnown(_ key: String) {
        if !known.contains(key) { known.append(key) }
    }

    /// Reports a value of the wrong kind; returns nil so accessors can `return` it.
    private mutating func wrongKind<T>(
        _ key: String, expected: String, _ node: FrontMatterNode, notes: [String] = []
    ) -> T? {
        diagnostics.error(
            "'\(key)' must be \(expected), not \(node.quotedDescription)", at: node.location, notes: notes)
        return nil
    }

    /// Reports a list item of the wrong kind; returns nil so `compactMap` drops it.
    private mutating func itemOfWrongKind<T>(_ key: String, expected: String, _ item: FrontMatterNode) -> T? {
        diagnostics.error("each item of '\(key)' must be \(expected), not \(item.kindDescription)", at: item.location)
        return nil
    }
}
