/// How a scalar was written, kept so readers can tell `true` from `"true"` and `2023` from `"2023"`.
public enum ScalarStyle: Sendable, Hashable {
    /// Unquoted text on the key's line.
    case plain
    /// `"text"` with backslash escapes.
    case doubleQuoted
    /// `'text'` with `''` for a quote.
    case singleQuoted
    /// `|`: a block whose newlines are kept.
    case literal
    /// `>`: a block whose lines are folded into spaces.
    case folded
}

/// One value of the front matter, with where it starts in the file.
public struct FrontMatterNode: Sendable, Hashable {
    /// What a node holds. Scalars stay text: typing (booleans, dates) is the fields reader's job.
    public enum Value: Sendable, Hashable {
        /// A text, as written (escapes decoded, block scalars assembled).
        case scalar(String, ScalarStyle)
        /// A flow (`[a, b]`) or block (`- a`) list.
        case list([FrontMatterNode])
        /// An indented map of keys.
        case map(FrontMatterMap)
    }

    /// The value.
    public var value: Value
    /// Where the value starts: the first character of an inline scalar, the first content line of a
    /// block scalar, the `[` of a flow list, the first `-` of a block list or the first key of a map.
    /// A key with nothing after it is an empty plain scalar located at its key.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A key of a map with its value.
public struct FrontMatterEntry: Sendable, Hashable {
    /// The key, made of `[A-Za-z0-9_-]`.
    public var key: String
    /// Where the key starts.
    public var keyLocation: SourceLocation
    /// The value.
    public var node: FrontMatterNode

    /// Creates an entry.
    public init(key: String, keyLocation: SourceLocation, node: FrontMatterNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.node = node
    }
}

/// A map of unique keys in source order.
public struct FrontMatterMap: Sendable, Hashable {
    /// The entries in source order; the parser never lets a key appear twice.
    public private(set) var entries: [FrontMatterEntry]
    /// Where the map starts: its first key, or the start of the front matter when it is empty.
    public var location: SourceLocation
    /// Each key's position in `entries`, so lookups stay constant-time in a map of many keys.
    private var positions: [String: Int]

    /// Creates a map; for a repeated key, the first entry wins.
    public init(entries: [FrontMatterEntry] = [], location: SourceLocation) {
        self.entries = []
        self.positions = [:]
        self.location = location
        for entry in entries { append(entry) }
    }

    /// Adds an entry unless its key is already present; returns whether it was added.
    @discardableResult
    public mutating func append(_ entry: FrontMatterEntry) -> Bool {
        guard positions[entry.key] == nil else { return false }
        positions[entry.key] = entries.count
        entries.append(entry)
        return true
    }

    /// The value of `key`, if present.
    public subscript(key: String) -> FrontMatterNode? {
        entry(key)?.node
    }

    /// The entry of `key`, if present.
    public func entry(_ key: String) -> FrontMatterEntry? {
        positions[key].map { entries[$0] }
    }

    /// The keys in source order.
    public var keys: [String] { entries.map(\.key) }
}
