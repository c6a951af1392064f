/// Writes a large JSON document piece by piece, straight from the values it describes (no tree
/// of values in between): text collects in a buffer that is handed to `emit` whenever it passes
/// about a megabyte, so the whole document never sits in memory.
///
/// Objects keep their keys in the order written, for deterministic output; a value is written
/// compact (no spaces or line breaks) except that `lines` puts each item on a line of its own.
struct JSONStream {
    private static let pieceSize = 1 << 20
    private var buffer = ""
    private let emit: (String) -> Void
    /// Whether the object being written already has a field, so the next one needs a separator.
    private var hasField = false
    /// What goes between that object's fields: a comma, or a comma and a line break.
    private var separator = ","

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
    }

    /// Appends a string value, escaped.
    mutating func string(_ text: some StringProtocol) {
        buffer += "\""
        Escape.appendJSON(text, to: &buffer)
        buffer += "\""
    }

    /// Appends an object whose fields `fields` writes with the `field` methods; with `lineByLine`,
    /// each field after the first starts a line.
    mutating func object(lineByLine: Bool = false, _ fields: (inout JSONStream) -> Void) {
        let outer = (hasField, separator)
        (hasField, separator) = (false, lineByLine ? ",\n" : ",")
        buffer += "{"
        fields(&self)
        buffer += "}"
        (hasField, separator) = outer
    }

    /// Appends `"key":` inside an object, after the separator when the object has a field already.
    mutating func key(_ key: String) {
        if hasField { buffer += separator }
        buffer += "\""
        hasField = true
        Escape.appendJSON(key, to: &buffer)
        buffer += "\":"
    }

    /// A text field, `null` when there is no text.
    mutating func field(_ name: String, _ text: (some StringProtocol)?) {
        key(name)
        if let text { string(text) } else { buffer += "null" }
    }

    /// A number field.
    mutating func field(_ name: String, _ number: Int) {
        key(name)
        buffer += String(number)
    }

    /// A true-or-false field.
    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        buffer += value ? "true" : "false"
    }

    /// A field holding an array of strings.
    mutating func field<Texts: Sequence>(_ name: String, strings: Texts) where Texts.Element: StringProtocol {
        key(name)
        buffer += "["
        var first = true
        for text in strings {
            if !first { buffer += "," }
            first = false
            string(text)
        }
        buffer += "]"
    }

    /// A field holding an array of objects, each written by `make`.
    mutating func field<Items: Sequence>(
        _ name: String, objects items: Items, _ make: (inout JSONStream, Items.Element) -> Void
    ) {
        key(name)
        buffer += "["
        var first = true
        for item in items {
            if !first { buffer += "," }
            first = false
            object { make(&$0, item) }
        }
        buffer += "]"
    }

    /// A field holding an array of objects, each written by `make` on a line of its own.
    mutating func field<Items: Sequence>(
        _ name: String, lines items: Items, _ make: (inout JSONStream, Items.Element) -> Void
    ) {
        key(name)
        lines(items, make)
    }

    /// Appends an array of objects, each written by `make` on a line of its own.
    mutating func lines<Items: Sequence>(_ items: Items, _ make: (inout JSONStream, Items.Element) -> Void) {
        var first = true
        buffer += "["
        for item in items {
            buffer += first ? "\n" : ",\n"
            first = false
            object { make(&$0, item) }
            flushIfFull()
        }
        buffer += first ? "]" : "\n]"
    }

    private mutating func flushIfFull() {
        guard buffer.utf8.count >= Self.pieceSize else { return }
        emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
