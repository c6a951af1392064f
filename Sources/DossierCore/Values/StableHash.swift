/// A 128-bit hash that is the same in every process (unlike `Hasher`, which is seeded per run),
/// for keys stored between builds: two FNV-1a lanes with different offsets.
public struct StableHash: Sendable {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x8422_2325_cbf2_9ce4
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// An empty hash.
    public init() {}

    /// Feeds bytes.
    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* Self.prime
            second = (second ^ UInt64(byte ^ 0x5A)) &* Self.prime
        }
    }

    /// Feeds a string, then a separator that no UTF-8 text contains, so ("ab", "c") ≠ ("a", "bc").
    public mutating func add(_ text: String) {
        add(text.utf8)
        add(CollectionOfOne(0xFF))
    }

    /// Feeds an integer.
    public mutating func add(_ number: Int) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    /// The hash as 32 hexadecimal digits.
    public var hex: String {
        [first, second].map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
