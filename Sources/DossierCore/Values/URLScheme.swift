/// The scheme of a URL as written in content or in a page.
public enum URLScheme {
    /// The lowercased scheme (`https`, `actor`), or nil for a relative URL. A scheme is letters,
    /// digits, `+`, `-` and `.`, starting with a letter, before the first `:`.
    public static func of(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return candidate.lowercased()
    }
}
