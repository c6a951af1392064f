/// A JSON value whose objects keep their keys in the order given, for deterministic output.
indirect enum JSONValue {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer.
    case number(Int)
    /// A string, escaped when written.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, its keys in the order given.
    case object([(String, JSONValue)])

    /// Text or null.
    static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// Strings as an array.
    static func strings(_ texts: [String]) -> JSONValue { .array(texts.map { .string($0) }) }

    /// Appends the value, compact (no spaces or line breaks), to `output`.
    func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += String(value)
        case .string(let text):
            output += "\""
            Escape.appendJSON(text, to: &output)
            output += "\""
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, (key, value)) in fields.enumerated() {
                output += index == 0 ? "\"" : ",\""
                Escape.appendJSON(key, to: &output)
                output += "\":"
                value.write(to: &output)
            }
            output += "}"
        }
    }
}

/// Writes a large JSON document piece by piece: text collects in a buffer that is handed to
/// `emit` whenever it passes about a megabyte, so the whole document never sits in memory.
struct JSONStream {
    private static let pieceSize = 1 << 20
    private var buffer = ""
    private let emit: (String) -> Void

    private init(emit: @escaping (String) -> Void) {
        self.emit = emit
        buffer.reserveCapacity(Self.pieceSize + Self.pieceSize / 4)
    }

    /// Lets `write` fill a stream, handing its text to `emit` piece by piece and the rest at the end.
    static func write(to emit: (String) -> Void, _ write: (inout JSONStream) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var stream = JSONStream(emit: emit)
            write(&stream)
            if !stream.buffer.isEmpty { emit(stream.buffer) }
        }
    }

    /// Appends literal JSON text.
    mutating func raw(_ text: String) {
        buffer += text
        flushIfFull()
    }

    /// Appends a value.
    mutating func value(_ value: JSONValue) {
        value.write(to: &buffer)
        flushIfFull()
    }

    /// Appends `"key":`.
    mutating func key(_ key: String) {
        buffer += "\""
        Escape.appendJSON(key, to: &buffer)
        buffer += "\":"
    }

    /// Writes an array of values made one at a time, one value a line.
    mutating func array<S: Sequence>(_ items: S, make: (S.Element) -> JSONValue) {
        var first = true
        buffer += "["
        for item in items {
            buffer += first ? "\n" : ",\n"
            first = false
            value(make(item))
        }
        buffer += first ? "]" : "\n]"
    }

    private mutating func flushIfFull() {
        guard buffer.utf8.count >= Self.pieceSize else { return }
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
