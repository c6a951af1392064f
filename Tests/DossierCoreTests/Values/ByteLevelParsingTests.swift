import Foundation
import Testing

@testable import DossierCore

/// The byte-level readers that run on every link, name and date agree with the plain definitions
/// they replace, on chosen cases and on many generated ones.
@Suite("Byte-level parsing")
struct ByteLevelParsingTests {
    /// The definitions, written the simple way.
    enum Reference {
        static func scheme(_ url: String) -> String? {
            guard let colon = url.firstIndex(of: ":") else { return nil }
            let candidate = url[..<colon]
            guard let first = candidate.first, first.isASCII, first.isLetter,
                candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
            else { return nil }
            return candidate.lowercased()
        }

        static func name(_ name: String) -> String {
            name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }

        static func slug(_ title: String) -> String {
            var slug = ""
            var pendingHyphen = false
            for character in title.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil) {
                if character.isASCII, character.isLetter || character.isNumber {
                    if pendingHyphen && !slug.isEmpty { slug += "-" }
                    pendingHyphen = false
                    slug += character.lowercased()
                } else {
                    pendingHyphen = true
                }
            }
            return slug
        }

        static func date(_ text: String) -> PartialDate? {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...3).contains(parts.count) else { return nil }
            var numbers: [Int] = []
            for (index, part) in parts.enumerated() {
                guard part.count == [4, 2, 2][index], part.allSatisfy({ $0.isASCII && $0.isNumber }),
                    let value = Int(part)
                else { return nil }
                numbers.append(value)
            }
            if numbers.count > 1, !(1...12).contains(numbers[1]) { return nil }
            if numbers.count > 2,
                !(1...PartialDate.daysIn(month: numbers[1], year: numbers[0])).contains(numbers[2])
            {
                return nil
            }
            return PartialDate(
                year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil
            )
        }
    }

    /// Deterministic strings over `alphabet`.
    static func generated(_ alphabet: [String], count: Int, length: ClosedRange<Int>) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in
            let size = length.lowerBound + next() % (length.count)
            return (0..<size).map { _ in alphabet[next() % alphabet.count] }.joined()
        }
    }

    @Test(
        "URL schemes",
        arguments: [
            "https://x", "HTTP:x", "actor:putin", "a1+-.:b", "1a:b", ":x", "x", "a b:c", "é:x", "mailto:", "./x:y",
            "a:b:c", "",
        ])
    func schemes(url: String) {
        #expect(URLScheme.of(url) == Reference.scheme(url))
    }

    @Test("URL schemes, generated")
    func generatedSchemes() {
        for url in Self.generated(["a", "Z", "1", "+", "-", ".", ":", "/", " ", "é", "_"], count: 3000, length: 0...8) {
            #expect(URLScheme.of(url) == Reference.scheme(url), "\(url)")
        }
    }

    @Test(
        "names",
        arguments: [
            "Vladimir Putin", "  vladimir\n\tPUTIN  ", "Łukašenka", "A  B", "", "   ", "x\r\ny", "ÉTAT  Belarus",
        ])
    func names(name: String) {
        #expect(LinkTargets.normalise(name) == Reference.name(name))
    }

    @Test("names, generated")
    func generatedNames() {
        for name in Self.generated(
            ["a", "Q", " ", "\t", "\n", "-", "9", "ß", "Ł", "\u{A0}", "\r"], count: 3000, length: 0...10)
        {
            #expect(LinkTargets.normalise(name) == Reference.name(name), "\(name.debugDescription)")
        }
    }

    @Test("slugs, generated")
    func generatedSlugs() {
        for title in Self.generated(
            ["a", "Q", " ", "-", "9", "?", "\r\n", "é", "Ł", "_", "ｆ"], count: 3000, length: 0...10)
        {
            #expect(Slug.make(from: title) == Reference.slug(title), "\(title.debugDescription)")
        }
    }

    @Test(
        "dates",
        arguments: [
            "1995", "2023-05", "2017-01-09", "2024-02-29", "2023-02-29", "2023-13", "2023-00", "23-05", "2023-5",
            "2023-05-", "-2023", "2023--05", "２０２３", "2023-05-09-01", "", "abcd",
        ])
    func dates(text: String) {
        #expect(PartialDate(text) == Reference.date(text))
    }

    @Test("dates, generated")
    func generatedDates() {
        for text in Self.generated(["0", "1", "2", "9", "-", "x", "٣"], count: 5000, length: 0...11) {
            #expect(PartialDate(text) == Reference.date(text), "\(text)")
        }
    }

    @Test("JSON escaping into bytes, generated")
    func generatedJSONBytes() {
        let alphabet = [
            "a", "\"", "\\", "\n", "\r", "\t", "<", ">", "&", "\u{7F}", "\u{01}", "é", "€", "…", "\u{2028}", "\u{2029}",
        ]
        for text in Self.generated(alphabet, count: 3000, length: 0...12) {
            var bytes: [UInt8] = []
            Escape.appendJSON(text, to: &bytes)
            #expect(bytes == Array(Escape.json(text).utf8), "\(text.debugDescription)")
            // A slice of a longer text, as mentions hand over theirs.
            let slice = ("x" + text + "y").dropFirst().dropLast()
            var sliceBytes: [UInt8] = []
            Escape.appendJSON(slice, to: &sliceBytes)
            #expect(sliceBytes == bytes)
        }
    }

    @Test("'[[' and ']]' found with memchr, generated")
    func generatedPairs() {
        for text in Self.generated(["[", "]", "a", " ", "é", "[["], count: 3000, length: 0...10) {
            for pair: StaticString in ["[[", "]]"] {
                let found = AnnotationRenderer.find(pair, in: text[...])
                let expected = text.range(of: pair.description)
                #expect(found == expected, "\(text)")
                // Inside a slice that does not start at the text's start.
                let inner = ("][" + text)[...].dropFirst(2)
                #expect(
                    AnnotationRenderer.find(pair, in: inner).map {
                        inner.distance(from: inner.startIndex, to: $0.lowerBound)
                    } == expected.map { text.distance(from: text.startIndex, to: $0.lowerBound) })
            }
        }
    }

    @Test("sentence ends, generated")
    func generatedSentenceEnds() {
        let alphabet = ["a", " ", ".", "!", "?", "\"", "'", ")", "”", "’", "»", "é"]
        for text in Self.generated(alphabet, count: 3000, length: 0...12) {
            let bytes = Array(text.utf8)
            let expected = bytes.indices.filter { SentenceContext.endsSentence(bytes, before: $0) }
            #expect(SentenceContext.Paragraph(text).ends == expected, "\(text)")
        }
    }
}
