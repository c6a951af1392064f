extension String {
    /// The string without leading and trailing white space (spaces, tabs, newlines and the like).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension String {
    /// A copy whose storage holds just its text. A string built by appending keeps up to twice
    /// the room it needs; bodies kept for the whole build are compacted so that room is returned.
    var compacted: String {
        var copy = self
        return copy.withUTF8 { String(decoding: $0, as: UTF8.self) }
    }
}
