/// Writes a large JSON document piece by piece, straight from the values it describes (no tree
/// of values in between) and as bytes: they collect in a buffer that is handed to `emit`
/// whenever it passes about a megabyte, so the whole document never sits in memory.
///
/// Objects keep their keys in the order written, for deterministic output; a value is written
/// compact (no spaces or line breaks) except that `lines` puts each item on a line of its own.
struct JSONStream {
    private static let pieceSize = 1 << 20
    private var buffer: [UInt8] = []
    private let emit: (UnsafeRawBufferPointer) -> Void
    /// Whether the object being written already has a field, so the next one needs a separator.
    private var hasField = false
    /// What goes between that object's fields: a comma, or a comma and a line break.
    private var separator: StaticString = ","

    private init(emit: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.emit = emit
        buffer.reserveCapacity(Self.pieceSize + Self.pieceSize / 4)
    }

    /// Lets `write` fill a stream, handing its bytes to `emit` piece by piece and the rest at the end.
    static func write(to emit: (UnsafeRawBufferPointer) -> Void, _ write: (inout JSONStream) -> Void) {
        withoutActuallyEscaping(emit) { emit in
            var stream = JSONStream(emit: emit)
            write(&stream)
            if !stream.buffer.isEmpty { stream.buffer.withUnsafeBytes(emit) }
        }
    }

    /// Appends literal JSON text.
    mutating func raw(_ text: StaticString) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a string value, escaped.
    mutating func string(_ text: some StringProtocol) {
        buffer.append(UInt8(ascii: "\""))
        Escape.appendJSON(text, to: &buffer)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Appends an object whose fields `fields` writes with the `field` methods; with `lineByLine`,
    /// each field after the first starts a line.
    mutating func object(lineByLine: Bool = false, _ fields: (inout JSONStream) -> Void) {
        let outer = (hasField, separator)
        (hasField, separator) = (false, lineByLine ? ",\n" : ",")
        buffer.append(UInt8(ascii: "{"))
        fields(&self)
        buffer.append(UInt8(ascii: "}"))
        (hasField, separator) = outer
    }

    /// Appends `"key":` inside an object, after the separator when the object has a field
    /// already. Keys are written as given: they are plain ASCII names.
    mutating func key(_ key: StaticString) {
        if hasField { raw(separator) }
        hasField = true
        buffer.append(UInt8(ascii: "\""))
        raw(key)
        raw("\":")
    }

    /// A text field, `null` when there is no text.
    mutating func field(_ name: StaticString, _ text: (some StringProtocol)?) {
        key(name)
        if let text { string(text) } else { raw("null") }
    }

    /// A number field.
    mutating func field(_ name: StaticString, _ number: Int) {
        key(name)
        buffer.append(contentsOf: String(number).utf8)
    }

    /// A true-or-false field.
    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        raw(value ? "true" : "false")
    }

    /// A field holding an array of strings.
    mutating func field<Texts: Sequence>(_ name: StaticString, strings: Texts) where Texts.Element: StringProtocol {
        key(name)
        array(strings) { json, text in json.string(text) }
    }

    /// A field holding an array of objects, each written by `make`.
    mutating func field<Items: Sequence>(
        _ name: StaticString, objects items: Items, _ make: (inout JSONStream, Items.Element) -> Void
    ) {
        key(name)
        array(items) { json, item in json.object { make(&$0, item) } }
    }

    /// Appends a compact array, each item written by `write`.
    private mutating func array<Items: Sequence>(_ items: Items, _ write: (inout JSONStream, Items.Element) -> Void) {
        buffer.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            write(&self, item)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// A field holding an array of objects, each written by `make` on a line of its own.
    mutating func field<Items: Sequence>(
        _ name: StaticString, lines items: Items, _ make: (inout JSONStream, Items.Element) -> Void
    ) {
        key(name)
        lines(items, make)
    }

    /// Appends an array of objects, each written by `make` on a line of its own.
    mutating func lines<Items: Sequence>(_ items: Items, _ make: (inout JSONStream, Items.Element) -> Void) {
        var first = true
        buffer.append(UInt8(ascii: "["))
        for item in items {
            raw(first ? "\n" : ",\n")
            first = false
            object { make(&$0, item) }
            flushIfFull()
        }
        raw(first ? "]" : "\n]")
    }

    private mutating func flushIfFull() {
        guard buffer.count >= Self.pieceSize else { return }
        buffer.withUnsafeBytes(emit)
        buffer.removeAll(keepingCapacity: true)
    }
}
