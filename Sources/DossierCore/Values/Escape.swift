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
        let bytes = text.utf8
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            let replacement: String?
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: replacement = ""
            default: replacement = nil
            }
            if let replacement {
                output += text[runStart..<index]
                output += replacement
                runStart = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        output += text[runStart..<bytes.endIndex]
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
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                output += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += unicodeEscape(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

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
