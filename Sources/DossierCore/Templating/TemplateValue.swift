import Foundation

/// A value that a template can print, test, loop over or pass to a filter.
///
/// Templates see data only through this enum, never through reflection, so what a template can reach is exactly
/// what its caller put in the context. Plain text and trusted HTML are separate cases so that printing escapes by
/// default and raw markup needs a deliberate `.html`.
public enum TemplateValue: Sendable {
    /// No value: prints nothing, is false, and reading any field of it gives null again.
    case null
    /// Plain text, HTML-escaped when printed.
    case string(String)
    /// Trusted, already-rendered HTML, printed as is: the one explicit way to print raw markup.
    case html(String)
    /// A boolean, printed as `true` or `false`.
    case bool(Bool)
    /// An integer.
    case number(Int)
    /// An ordered list.
    case list([TemplateValue])
    /// Named fields, read with `record.field` and looped over in sorted key order.
    case record([String: TemplateValue])
    /// A record that many pages share, with its stable hash worked out once: templates see it
    /// exactly as the `.record` of its fields (see `unshared`).
    case shared(SharedRecord)

    /// The value with a shared record turned into the plain `.record` it stands for; every other
    /// value as it is. Code that looks inside values switches over this.
    public var unshared: TemplateValue {
        if case .shared(let shared) = self { return .record(shared.fields) }
        return self
    }
}

/// A record that many pages show (an event, an article in a list), kept compactly (its values
/// in the order of a schema that every record of its kind shares) with its stable hashes: of
/// `.record(fields)`, and of the parts each template reads, each worked out once instead of once
/// per page that shows it.
///
/// A record can also be made later, when a template first reads it, from inputs that determine
/// it: its digest then hashes those inputs instead of the values (see `init(schema:identity:make:)`),
/// so a page reused from the previous build never makes its records at all.
public final class SharedRecord: @unchecked Sendable {
    /// The field names, in the order of `values`.
    public let schema: RecordSchema
    /// For a record made later, the hash of what determines its fields; unused for one made at
    /// once, whose stable hash of `.record(fields)` is worked out when first needed (page keys
    /// mostly hash a record's parts) and kept with the others, under `FieldMask.whole`.
    private let identityDigest: StableHash
    // Set once: at creation, or by the first reader of a record made later, under `lock`.
    private var made: [TemplateValue]?
    private let make: (@Sendable () -> [TemplateValue])?
    private let lock: NSLock?

    /// Shares `fields` under `schema`, which must name exactly the same fields.
    public convenience init(_ fields: [String: TemplateValue], schema: RecordSchema) {
        precondition(fields.count == schema.names.count, "the fields do not match the schema")
        self.init(
            schema: schema,
            values: schema.names.map { name in
                guard let value = fields[name] else { preconditionFailure("field '\(name)' is missing") }
                return value
            })
    }

    /// Shares `fields` under a schema of their own.
    public convenience init(_ fields: [String: TemplateValue]) {
        self.init(fields, schema: RecordSchema(fields.keys))
    }

    /// Shares `values`, given in the order of `schema.names`; they are hashed, exactly as
    /// `.record` of the same fields hashes, when a whole hash is first needed.
    public init(schema: RecordSchema, values: [TemplateValue]) {
        precondition(values.count == schema.names.count, "the values do not match the schema")
        self.schema = schema
        self.made = values
        self.make = nil
        self.lock = nil
        self.identityDigest = StableHash()
    }

    /// A record whose values `make` returns, in the order of `schema.names`, when a template
    /// first reads it. `identity` stands for the values in page keys, so it must hash every
    /// input `make` reads: two records with the same identity must have the same values.
    public init(schema: RecordSchema, identity: StableHash, make: @escaping @Sendable () -> [TemplateValue]) {
        self.schema = schema
        self.made = nil
        self.make = make
        self.lock = NSLock()
        var digest = StableHash()
        digest.add(9)
        digest.add(identity)
        self.identityDigest = digest
    }

    /// The stable hash of `.record(fields)`, or of what determines the fields for a record made
    /// later; worked out once.
    var digest: StableHash {
        guard isMade else { return identityDigest }
        return digest(keeping: .whole) {
            var digest = StableHash()
            TemplateValue.stableHash(ofRecordWith: schema, made!, into: &digest)
            return digest
        }
    }

    /// The field values, in the order of `schema.names`.
    var values: [TemplateValue] {
        guard let lock else { return made! }
        return lock.withLock {
            if let made { return made }
            let values = make!()
            precondition(values.count == schema.names.count, "the values do not match the schema")
            made = values
            return values
        }
    }

    /// Whether the record was made at creation (not later, when its digest stands for its values
    /// without making them).
    var isMade: Bool { lock == nil }

    // The hashes of the record's parts under each mask it was hashed with (`stableHash(into:keeping:)`),
    // worked out once per mask: a record is on many pages, which share masks. Each is kept with
    // its mask, which therefore outlives it, so a mask is never mistaken for a later one at the
    // same address. Guarded by one of `SharedRecord.maskLocks`.
    private var maskedDigests: [(mask: FieldMask, digest: StableHash)] = []
    /// A few locks for every record's digests worked out when first needed, picked by the record's address.
    private static let maskLocks = (0..<64).map { _ in NSLock() }

    /// The hash of the record's parts that `mask` keeps, made by `make` the first time.
    func digest(keeping mask: FieldMask, _ make: () -> StableHash) -> StableHash {
        let lock = SharedRecord.maskLocks[ObjectIdentifier(self).hashValue & 63]
        if let known = lock.withLock({ maskedDigests.first { $0.mask === mask }?.digest }) { return known }
        let digest = make()
        lock.withLock {
            // Another thread may have made it meanwhile: the same hash, kept once.
            if !maskedDigests.contains(where: { $0.mask === mask }) { maskedDigests.append((mask, digest)) }
        }
        return digest
    }

    /// The value of the field `name`, or nil when there is no such field.
    public func field(_ name: String) -> TemplateValue? {
        schema.positions[name].map { values[$0] }
    }

    /// The fields as a plain record's dictionary.
    public var fields: [String: TemplateValue] {
        Dictionary(uniqueKeysWithValues: zip(schema.names, values))
    }
}

/// The field names that every shared record of one kind has, with each name's position.
public final class RecordSchema: Sendable {
    /// The names, sorted.
    public let names: [String]
    /// Each name's position in `names`.
    let positions: [String: Int]
    /// Each name fed to an empty stable hash: where a record's hash of that field starts.
    let nameHashes: [StableHash]

    /// A schema of `names`.
    public init(_ names: some Sequence<String>) {
        self.names = Array(Set(names)).sorted()
        self.positions = Dictionary(uniqueKeysWithValues: self.names.enumerated().map { ($1, $0) })
        self.nameHashes = self.names.map { name in
            var hash = StableHash()
            hash.add(name)
            return hash
        }
    }
}

extension TemplateValue: Hashable {
    /// Equality of what templates see: a shared record equals the plain record of its fields.
    public static func == (left: TemplateValue, right: TemplateValue) -> Bool {
        switch (left.unshared, right.unshared) {
        case (.null, .null): true
        case (.string(let a), .string(let b)), (.html(let a), .html(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.list(let a), .list(let b)): a == b
        case (.record(let a), .record(let b)): a == b
        default: false
        }
    }

    /// Hashes what templates see, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        switch unshared {
        case .null: hasher.combine(0)
        case .string(let text): hasher.combine(1); hasher.combine(text)
        case .html(let html): hasher.combine(2); hasher.combine(html)
        case .bool(let flag): hasher.combine(3); hasher.combine(flag)
        case .number(let number): hasher.combine(4); hasher.combine(number)
        case .list(let items): hasher.combine(5); hasher.combine(items)
        case .record(let fields): hasher.combine(6); hasher.combine(fields)
        case .shared: preconditionFailure("unshared never gives .shared")
        }
    }
}

extension TemplateValue {
    /// Whether `if`, `not`, `and` and `or` take this value as true.
    ///
    /// Null, false, 0 and every empty text, list or record are false, so `{% if page.tags %}` reads naturally.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .string(let text), .html(let text): !text.isEmpty
        case .bool(let value): value
        case .number(let value): value != 0
        case .list(let items): !items.isEmpty
        case .record(let fields): !fields.isEmpty
        case .shared(let shared): !shared.schema.names.isEmpty
        }
    }

    /// The fields of a record, shared or not; empty for every other value.
    var recordFields: [String: TemplateValue] {
        switch self {
        case .record(let fields): fields
        case .shared(let shared): shared.fields
        default: [:]
        }
    }

    /// Whether this is null or an empty text, list or record: what the `default` filter replaces.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let text), .html(let text): text.isEmpty
        case .list(let items): items.isEmpty
        case .record(let fields): fields.isEmpty
        case .shared(let shared): shared.schema.names.isEmpty
        case .bool, .number: false
        }
    }

    /// The kind of value with its article, for messages: "a string", "a list", "null".
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .string: "a string"
        case .html: "HTML"
        case .bool: "a boolean"
        case .number: "a number"
        case .list: "a list"
        case .record, .shared: "a record"
        }
    }

    /// The value as plain text, for `~` and `join`; nil for lists and records, which have no single text form.
    ///
    /// HTML gives its markup unchanged; callers that mix it with plain text escape the plain side themselves.
    var plainText: String? {
        switch self {
        case .null: ""
        case .string(let text), .html(let text): text
        case .bool(let value): value ? "true" : "false"
        case .number(let value): String(value)
        case .list, .record, .shared: nil
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    /// Plain text from a literal.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// A boolean from a literal.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    /// A number from a literal.
    public init(integerLiteral value: Int) {
        self = .number(value)
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    /// Null from `nil`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// A list from a literal.
    public init(arrayLiteral elements: TemplateValue...) {
        self = .list(elements)
    }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A record from a literal; a repeated key keeps its last value rather than trapping.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .record(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
