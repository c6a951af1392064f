extension FrontMatterNode {
    /// The text of a scalar in any style; nil for lists and maps.
    public var text: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    /// The items of a list; nil for scalars and maps.
    public var list: [FrontMatterNode]? {
        if case .list(let items) = value { return items }
        return nil
    }

    /// The map; nil for scalars and lists.
    public var map: FrontMatterMap? {
        if case .map(let map) = value { return map }
        return nil
    }

    /// Whether this is a key or item with nothing written after it, which YAML reads as null.
    ///
    /// Quoted `""` is an empty text, not null, so it is not empty in this sense.
    public var isEmpty: Bool { value == .scalar("", .plain) }

    /// The kind of value, as messages name it: "a text", "a list", "a map" or "an empty value".
    public var kindDescription: String {
        switch value {
        case .scalar:
            return isEmpty ? "an empty value" : "a text"
        case .list:
            return "a list"
        case .map:
            return "a map"
        }
    }

    /// The value as a message quotes it: a short one-line text in quotes, otherwise its kind.
    public var quotedDescription: String {
        guard let text, !isEmpty, text.count <= 40, !text.contains("\n") else { return kindDescription }
        return "'\(text)'"
    }

    /// Whether this is a non-empty plain scalar, the value a wrapped multi-line text would start with.
    var isPlainScalar: Bool {
        if case .scalar(let text, .plain) = value { return !text.isEmpty }
        return false
    }
}
