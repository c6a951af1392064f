/// Escaping for every place text from content lands: HTML text and attributes, URLs, XML and JSON.
///
/// Each function works on UTF-8 bytes and copies runs that need no escaping in one go, because it
/// runs over every byte of every page.
public enum Escape {
    /// Escapes text for HTML content and for double- or single-quoted attribute values.
    /// Control characters other than tab and newline are dropped: HTML forbids them.
    public static func html(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        appendHTML(text, to: &output)
        return output
    }

    /// Appends `text` escaped for HTML to `output`.
    public static func appendHTML(_ text: some StringProtocol, to output: inout String) {
        appendEscaped(text, to: &output, needsEscape: needsHTMLEscape) { htmlReplacement($0, $1) }
    }

    /// Appends `text` escaped for HTML to a byte buffer, exactly as `appendHTML(_:to:)` does to a
    /// string: for writers that build bytes.
    static func appendHTML(_ text: some StringProtocol, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendBytes($0, to: &output, html: true) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { appendBytes($0, to: &output, html: true) } }
    }

    /// What HTML writes for the byte at `index` and how many bytes that replaces; nil when the
    /// byte stays as it is.
    private static func htmlReplacement<Bytes: Collection>(_ bytes: Bytes, _ index: Bytes.Index) -> (String, Int)?
    where Bytes.Element == UInt8 {
        switch bytes[index] {
        case UInt8(ascii: "&"): ("&amp;", 1)
        case UInt8(ascii: "<"): ("&lt;", 1)
        case UInt8(ascii: ">"): ("&gt;", 1)
        case UInt8(ascii: "\""): ("&quot;", 1)
        case UInt8(ascii: "'"): ("&#39;", 1)
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: ("", 1)
        default: nil
        }
    }

    /// Escapes text for XML content and attributes (the five predefined entities); drops the
    /// control characters XML 1.0 cannot carry at all.
    public static func xml(_ text: some StringProtocol) -> String {
        // HTML escaping already uses only entities XML predefines or numeric references; XML 1.0
        // also forbids the noncharacters U+FFFE and U+FFFF.
        let escaped = html(text)
        guard escaped.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) else {
            return escaped
        }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: escaped.unicodeScalars.filter { $0.value != 0xFFFE && $0.value != 0xFFFF })
        return String(scalars)
    }

    /// Percent-encodes a URL for an `href` the way cmark does: bytes outside a safe set are
    /// encoded, existing `%XX` escapes are kept, and the result is still HTML-escaped by the caller.
    public static func href(_ url: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            if isSafeInHref(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%"
                output.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return output
    }

    /// Escapes text as the inside of a JSON string (without the surrounding quotes). `<`, `>`
    /// and `&` are escaped too, so JSON can never close a surrounding `<script>` element.
    public static func json(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        appendJSON(text, to: &output)
        return output
    }

    /// Appends `text` escaped as the inside of a JSON string to `output`.
    public static func appendJSON(_ text: some StringProtocol, to output: inout String) {
        appendEscaped(text, to: &output, needsEscape: needsJSONEscape) { jsonReplacement($0, $1) }
    }

    /// Appends `text` escaped as the inside of a JSON string to a byte buffer, exactly as
    /// `appendJSON(_:to:)` does to a string: for writers that build bytes.
    static func appendJSON(_ text: some StringProtocol, to output: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendBytes($0, to: &output, html: false) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { appendBytes($0, to: &output, html: false) } }
    }

    /// Appends `bytes` escaped for HTML, or else as the inside of a JSON string, to `output`.
    private static func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], html: Bool) {
        let needsEscape = html ? needsHTMLEscape : needsJSONEscape
        guard bytes.contains(where: { needsEscape[Int($0)] }) else {
            output.append(contentsOf: bytes)
            return
        }
        escape(
            bytes, needsEscape: needsEscape,
            replacement: { html ? htmlReplacement($0, $1) : jsonReplacement($0, $1) },
            copy: { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[$0])) },
            insert: { output.append(contentsOf: $0.utf8) })
    }

    /// What JSON writes for the byte at `index` and how many bytes that replaces; nil when the
    /// byte stays as it is.
    private static func jsonReplacement<Bytes: Collection>(_ bytes: Bytes, _ index: Bytes.Index) -> (String, Int)?
    where Bytes.Element == UInt8 {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\""): return ("\\\"", 1)
        case UInt8(ascii: "\\"): return ("\\\\", 1)
        case UInt8(ascii: "\n"): return ("\\n", 1)
        case UInt8(ascii: "\r"): return ("\\r", 1)
        case UInt8(ascii: "\t"): return ("\\t", 1)
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00...0x1F, 0x7F:
            return (unicodeEscape(UInt32(byte)), 1)
        case 0xE2:
            // U+2028 and U+2029 (E2 80 A8, E2 80 A9) end lines in JavaScript.
            let second = bytes.index(after: index)
            guard second != bytes.endIndex, bytes[second] == 0x80 else { return nil }
            let third = bytes.index(after: second)
            guard third != bytes.endIndex, bytes[third] == 0xA8 || bytes[third] == 0xA9 else { return nil }
            return (unicodeEscape(bytes[third] == 0xA8 ? 0x2028 : 0x2029), 3)
        default:
            return nil
        }
    }

    /// Escapes text into a string: text no byte of which is flagged in `needsEscape` is copied
    /// whole (checked on contiguous bytes); otherwise `escape` copies the runs between
    /// replacements in one go. `replacement` gives the text for the byte at an index and how many
    /// bytes it replaces.
    private static func appendEscaped<Text: StringProtocol>(
        _ text: Text, to output: inout String, needsEscape: [Bool],
        replacement: (Text.UTF8View, Text.UTF8View.Index) -> (String, Int)?
    ) {
        let clean = text.utf8.withContiguousStorageIfAvailable { buffer in
            !buffer.contains { needsEscape[Int($0)] }
        }
        if clean == true {
            output += text
            return
        }
        escape(
            text.utf8, needsEscape: needsEscape, replacement: replacement, copy: { output += text[$0] },
            insert: { output += $0 })
    }

    /// The one escaping loop, for strings and byte buffers alike: each run of bytes that stays as
    /// it is goes to `copy` whole, each replacement to `insert`.
    @inline(__always)
    private static func escape<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, needsEscape: [Bool], replacement: (Bytes, Bytes.Index) -> (String, Int)?,
        copy: (Range<Bytes.Index>) -> Void, insert: (String) -> Void
    ) {
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if needsEscape[Int(bytes[index])], let (piece, width) = replacement(bytes, index) {
                copy(runStart..<index)
                insert(piece)
                index = bytes.index(index, offsetBy: width)
                runStart = index
            } else {
                index = bytes.index(after: index)
            }
        }
        copy(runStart..<bytes.endIndex)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Bytes `appendHTML` replaces or drops.
    private static let needsHTMLEscape: [Bool] = (0...255).map { byte in
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return true
        default: return false
        }
    }

    /// Bytes `appendJSON` escapes, or may (0xE2 starts U+2028 and U+2029).
    private static let needsJSONEscape: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x7F || byte == 0xE2 || [0x22, 0x5C, 0x3C, 0x3E, 0x26].contains(byte)
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }

    private static func isSafeInHref(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*'(),%#@?=;:/$~&".utf8.contains(byte)
        }
    }
}
