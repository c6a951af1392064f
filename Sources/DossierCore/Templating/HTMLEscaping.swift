/// HTML escaping of plain text, done on UTF-8 bytes.
///
/// Replaces `&`, `<`, `>`, `"` and `'`, which makes text safe both as element content and inside quoted attribute
/// values, whichever quote the attribute uses.
public enum HTMLEscaping {
    /// `text` with `& < > " '` replaced by `&amp; &lt; &gt; &quot; &#39;`.
    public static func escape(_ text: String) -> String {
        var result = ""
        append(text, escapedTo: &result)
        return result
    }

    /// Appends `text` escaped to `output`, copying each run that needs no escaping in one piece.
    public static func append(_ text: String, escapedTo output: inout String) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let entity: String
            switch utf8[index] {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            case UInt8(ascii: "'"): entity = "&#39;"
            default:
                utf8.formIndex(after: &index)
                continue
            }
            // The special characters are ASCII, so every run boundary falls between Unicode scalars and the
            // slice can be copied as UTF-8 without re-encoding.
            if runStart != index { output += Substring(text.unicodeScalars[runStart..<index]) }
            output += entity
            utf8.formIndex(after: &index)
            runStart = index
        }
        if runStart == utf8.startIndex {
            output += text
        } else if runStart != utf8.endIndex {
            output += Substring(text.unicodeScalars[runStart..<utf8.endIndex])
        }
    }
}
