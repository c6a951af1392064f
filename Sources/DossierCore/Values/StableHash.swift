/// A 128-bit hash that is the same in every process (unlike `Hasher`, which is seeded per run),
/// for keys stored between builds: two FNV-style multiply-xor lanes with different offsets, fed a
/// word at a time. Not cryptographic: it only has to tell a build's own pages apart.
public struct StableHash: Sendable, Equatable {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x8422_2325_cbf2_9ce4
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// An empty hash.
    public init() {}

    /// Feeds bytes: eight at a time as one word where they are contiguous, since page contexts
    /// hold whole rendered bodies and every build hashes thousands of them.
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        let done = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            addWords(UnsafeRawBufferPointer(buffer))
            return true
        }
        guard done == nil else { return }
        for byte in bytes { addByte(byte) }
    }

    /// Feeds a string, then a separator that no UTF-8 text contains, so ("ab", "c") ≠ ("a", "bc").
    public mutating func add(_ text: String) {
        add(text[...])
    }

    /// Feeds a piece of a string the same way as `add(_ text: String)`.
    public mutating func add(_ text: Substring) {
        var text = text
        text.withUTF8 { addWords(UnsafeRawBufferPointer($0)) }
        addByte(0xFF)
    }

    private mutating func addWords(_ buffer: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= buffer.count {
            let word = buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            first = (first ^ word) &* Self.prime
            first ^= first >> 29
            second = (second ^ (word &+ 0x9E37_79B9_7F4A_7C15)) &* Self.prime
            second ^= second >> 31
            offset += 8
        }
        while offset < buffer.count {
            addByte(buffer[offset])
            offset += 1
        }
    }

    private mutating func addByte(_ byte: UInt8) {
        first = (first ^ UInt64(byte)) &* Self.prime
        second = (second ^ UInt64(byte ^ 0x5A)) &* Self.prime
    }

    /// Feeds an integer.
    public mutating func add(_ number: Int) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    /// An order-independent combination of hashes (their sum, lane by lane).
    public struct Sum: Sendable {
        fileprivate var first: UInt64 = 0
        fileprivate var second: UInt64 = 0

        /// An empty sum.
        public init() {}

        /// Adds a hash to the sum.
        public mutating func add(_ hash: StableHash) {
            first = first &+ hash.first
            second = second &+ hash.second
        }
    }

    /// Feeds a sum of hashes.
    public mutating func add(_ sum: Sum) {
        add(Int(truncatingIfNeeded: sum.first))
        add(Int(truncatingIfNeeded: sum.second))
    }

    /// Feeds another hash, worked out before: what a shared record adds to its pages' keys.
    public mutating func add(_ other: StableHash) {
        add(Int(truncatingIfNeeded: other.first))
        add(Int(truncatingIfNeeded: other.second))
    }

    /// The hash as two words.
    public var words: (UInt64, UInt64) { (first, second) }

    /// The hash as 32 hexadecimal digits.
    public var hex: String {
        [first, second].map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
