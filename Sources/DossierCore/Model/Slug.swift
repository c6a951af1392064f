import Foundation

/// Slugs: the names of content files and the ids of events and notes, `[a-z0-9]+(-[a-z0-9]+)*`.
///
/// The pattern allows no dot, slash or other separator, so a slug used in an output path can
/// never leave the output folder.
public enum Slug {
    /// Whether `text` is a valid slug.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        var previousWasHyphen = true  // a slug cannot start with a hyphen
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !text.isEmpty && !previousWasHyphen
    }

    /// A slug made from a title: ASCII letters and digits lowercased, every other run of
    /// characters a single hyphen; accents are dropped first ("Lukašenka" → "lukasenka").
    /// Empty when the title has no Latin letter or digit at all.
    public static func make(from title: String) -> String {
        // Every heading gets a slug; ASCII ones, most of them, need no folding.
        if title.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            var pendingHyphen = false
            for byte in title.utf8 {
                let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
                if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowered)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lowered)
                {
                    if pendingHyphen && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    bytes.append(lowered)
                } else {
                    pendingHyphen = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
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
}
