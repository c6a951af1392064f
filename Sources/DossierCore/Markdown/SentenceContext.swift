/// The sentence around a span of a paragraph's plain text, split into what precedes and follows it.
struct SentenceContext {
    /// The span's own text.
    let text: String
    /// Text from the start of the sentence up to the span (keeping the space before it).
    let before: String
    /// Text from the end of the span to the end of the sentence.
    let after: String

    /// Longest context kept on each side, in characters.
    static let limit = 220

    /// A paragraph's bytes and sentence ends, computed once for all its mentions.
    struct Paragraph {
        let bytes: [UInt8]
        /// Offsets of the spaces that end a sentence, ascending.
        let ends: [Int]

        init(_ text: String) {
            let bytes = Array(text.utf8)
            var ends: [Int] = []
            bytes.withUnsafeBufferPointer { buffer in
                for index in buffer.indices.dropFirst() where buffer[index] == UInt8(ascii: " ") {
                    // Only a space after `.`, `!`, `?` or a closing mark can end a sentence.
                    let before = buffer[index - 1]
                    guard SentenceContext.isTerminator(before) || SentenceContext.closerWidth(before) != nil else {
                        continue
                    }
                    if SentenceContext.endsSentence(bytes, before: index) { ends.append(index) }
                }
            }
            self.bytes = bytes
            self.ends = ends
        }

        /// The context of the UTF-8 byte range `start..<end`.
        func context(start: Int, end: Int) -> SentenceContext {
            // The last sentence end at or before `start`, and the first at or after `end`.
            // Only as many bytes as the clipped context can show are decoded, so a paragraph with
            // no sentence end does not make every mention copy the whole paragraph.
            let window = SentenceContext.limit * 4 + 4
            var from = max(lastEnd(atOrBefore: start) ?? 0, start - window)
            while from < start, bytes[from] & 0xC0 == 0x80 { from += 1 }
            var to = min(firstEnd(atOrAfter: end) ?? bytes.count, end + window)
            while to > end, to < bytes.count, bytes[to] & 0xC0 == 0x80 { to -= 1 }
            return SentenceContext(
                text: String(decoding: bytes[start..<end], as: UTF8.self),
                before: SentenceContext.clip(String(decoding: bytes[from..<start], as: UTF8.self), keepEnd: true),
                after: SentenceContext.clip(String(decoding: bytes[end..<max(to, end)], as: UTF8.self), keepEnd: false))
        }

        private func lastEnd(atOrBefore offset: Int) -> Int? {
            var low = 0
            var high = ends.count
            while low < high {
                let middle = (low + high) / 2
                if ends[middle] <= offset { low = middle + 1 } else { high = middle }
            }
            return low > 0 ? ends[low - 1] : nil
        }

        private func firstEnd(atOrAfter offset: Int) -> Int? {
            var low = 0
            var high = ends.count
            while low < high {
                let middle = (low + high) / 2
                if ends[middle] < offset { low = middle + 1 } else { high = middle }
            }
            return low < ends.count ? ends[low] : nil
        }
    }

    /// Whether a sentence ends just before byte `index`: a space after `.`, `!` or `?`,
    /// possibly followed by a closing quote or bracket.
    static func endsSentence(_ bytes: [UInt8], before index: Int) -> Bool {
        guard index > 0, index < bytes.count, bytes[index] == UInt8(ascii: " ") else { return false }
        var look = index - 1
        while look > 0 {
            guard let width = closerWidth(bytes[look]) else { return isTerminator(bytes[look]) }
            look -= width
        }
        return look == 0 && isTerminator(bytes[0])
    }

    /// Whether `byte` ends a sentence: `.`, `!` or `?`.
    private static func isTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
    }

    /// How many bytes the closing quote or bracket whose last byte is `byte` takes (ASCII, or
    /// ” ’ »), or nil when `byte` ends none.
    private static func closerWidth(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x22, 0x27, 0x29: 1
        case 0x9D, 0x99: 3
        case 0xBB: 2
        default: nil
        }
    }

    /// The context trimmed to `limit` characters, cut at the far end from the annotation.
    static func clip(_ text: String, keepEnd: Bool) -> String {
        // The space next to the annotation is kept, so before + text + after reads as written.
        var trimmed = text
        if keepEnd {
            trimmed = String(text.drop(while: { $0 == " " }))
        } else {
            while trimmed.last == " " { trimmed.removeLast() }
        }
        // Counting characters means finding grapheme breaks: skip it when the bytes are few enough.
        guard trimmed.utf8.count > limit, trimmed.count > limit else { return trimmed }
        return keepEnd ? "…" + trimmed.suffix(limit) : trimmed.prefix(limit) + "…"
    }
}
