/// The 64-bit FNV-1a hash (Fowler–Noll–Vo): the checkpoint checksum, and the hash of a named
/// stream's label (``SeededRandom/fnv1a(_:)``).
///
/// Fast, simple and stable across platforms; it detects accidental damage (flipped
/// bytes, truncation), not tampering. Offset basis 0xcbf29ce484222325, prime 0x100000001b3.
public struct FNV1a64: Sendable {
    /// The hash of everything fed in so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Feeds `bytes` into the hash.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        value = hash
    }

    /// Feeds `bytes` into the hash.
    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    /// Feeds the UTF-8 bytes of `text` and a terminating zero (so "ab"+"c" ≠ "a"+"bc").
    public mutating func combine(_ text: String) {
        combine(Array(text.utf8) + [0])
    }

    /// Feeds an integer as 8 little-endian bytes.
    public mutating func combine(_ integer: Int64) {
        withUnsafeBytes(of: integer.littleEndian) { combine($0) }
    }

    /// The hash of `bytes` alone.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hasher = FNV1a64()
        hasher.combine(bytes)
        return hasher.value
    }
}
