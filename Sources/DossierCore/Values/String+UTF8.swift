import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension String {
    /// `bytes` as text when they are valid UTF-8, else nil, as `String(validating:as:)` does, but
    /// without its generic path, which looks up type metadata on every call: that lookup was a
    /// third of what reading the body cache cost.
    static func ifValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var text = String(decoding: bytes, as: UTF8.self)
        // Decoding replaces invalid sequences with U+FFFD: the text has exactly the bytes given only
        // when they were valid.
        let valid = text.withUTF8 { decoded in
            decoded.count == bytes.count
                && (bytes.isEmpty || memcmp(decoded.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        return valid ? text : nil
    }

    /// `bytes` as text when they are valid UTF-8, else nil (see `ifValidUTF8(_:)`).
    static func ifValidUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { ifValidUTF8($0) }
    }
}
