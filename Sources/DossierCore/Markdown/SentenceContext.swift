/// The sentence around a span of a paragraph's plain text, split into what precedes and follows it.
struct SentenceContext {
    /// Text from the start of the sentence up to the span.
    let before: String
    /// Text from the end of the span to the end of the sentence.
    let after: String

    /// Longest context kept on each side, in characters.
    static let limit = 220

    /// Finds the sentence in `text` that holds the UTF-8 byte range `start..<end`.
    init(text: String, start: Int, end: Int) {
        let bytes = Array(text.utf8)
        var from = start
        while from > 0, !SentenceContext.endsSentence(bytes, before: from) { from -= 1 }
        var to = end
        while to < bytes.count, !SentenceContext.endsSentence(bytes, before: to) { to += 1 }
        before = SentenceContext.clip(String(decoding: bytes[from..<start], as: UTF8.self), keepEnd: true)
        after = SentenceContext.clip(String(decoding: bytes[end..<to], as: UTF8.self), keepEnd: false)
    }

    /// Whether a sentence ends just before byte `index`: a space after `.`, `!` or `?`,
    /// possibly followed by a closing quote or bracket.
    private static func endsSentence(_ bytes: [UInt8], before index: Int) -> Bool {
        guard index > 0, index < bytes.count, bytes[index] == UInt8(ascii: " ") else { return false }
        var look = index - 1
        // Closing quotes and brackets (ASCII, or the last byte of ” ’ »).
        while look > 0, [0x22, 0x27, 0x29, 0x9D, 0x99, 0xBB].contains(bytes[look]) {
            look -= bytes[look] >= 0x80 ? (bytes[look] == 0xBB ? 2 : 3) : 1
        }
        guard look >= 0 else { return false }
        return [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[look])
    }

    private static func clip(_ text: String, keepEnd: Bool) -> String {
        // The space next to the annotation is kept, so before + text + after reads as written.
        let trimmed = keepEnd ? String(text.drop(while: { $0 == " " })) : text.trimmingTrailingSpaces
        guard trimmed.count > limit else { return trimmed }
        return keepEnd ? "…" + trimmed.suffix(limit) : trimmed.prefix(limit) + "…"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
