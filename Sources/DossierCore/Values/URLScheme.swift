/// The scheme of a URL as written in content or in a page.
public enum URLScheme {
    /// The lowercased scheme (`https`, `actor`), or nil for a relative URL. A scheme is letters,
    /// digits, `+`, `-` and `.`, starting with a letter, before the first `:`.
    public static func of(_ url: String) -> String? {
        // On the UTF-8 bytes: every link of every body is checked.
        var end = url.utf8.startIndex
        for byte in url.utf8 {
            if byte == UInt8(ascii: ":") { break }
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let isOther =
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isLetter || (isOther && end != url.utf8.startIndex) else { return nil }
            end = url.utf8.index(after: end)
        }
        guard end != url.utf8.startIndex, end != url.utf8.endIndex else { return nil }
        return String(url[..<end]).lowercased()
    }
}
