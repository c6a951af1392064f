#if canImport(Glibc)
    import Glibc
#endif

/// Turns a file's bytes into the text the parsers see: strict UTF-8, no byte order mark, `\n` line ends.
public enum TextDecoding {
    /// Decodes `bytes`; reports the line and column of the first invalid UTF-8 sequence and returns nil.
    public static func decode(_ bytes: [UInt8], path: String, diagnostics: inout Diagnostics) -> String? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let hasCarriageReturn = body.withUnsafeBytes { raw in
            raw.baseAddress.map { memchr($0, 0x0D, raw.count) != nil } ?? false
        }
        // Valid text, by far the usual case, is decoded and checked at once.
        if let text = String.ifValidUTF8(body) {
            return hasCarriageReturn ? text.replacingCRLF() : text
        }
        if let bad = firstInvalidUTF8(body) {
            let (line, column) = position(of: bad, in: body)
            diagnostics.error(
                "the file is not valid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true)))",
                at: SourceLocation(path: path, line: line, column: column))
            return nil
        }
        let text = String(decoding: body, as: UTF8.self)
        return hasCarriageReturn ? text.replacingCRLF() : text
    }

    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    private static func position(of offset: Int, in bytes: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.startIndex
        for index in bytes.startIndex..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}

extension String {
    /// The text with `\r\n` and lone `\r` turned into `\n`.
    fileprivate func replacingCRLF() -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
            } else {
                if !(scalar == "\n" && previousWasCR) { scalars.append(scalar) }
                previousWasCR = false
            }
        }
        return String(scalars)
    }
}
