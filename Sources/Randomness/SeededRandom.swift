import Foundation

/// loonsim's seeded random-number generator: xoshiro256** seeded through SplitMix64.
///
/// The algorithm is fixed, so a seed gives the same integers and uniforms on every
/// machine and in every release (tests pin a few values). Normal draws also use
/// the C library's `log` and `cos`; glibc gives the same bits on x86-64 and arm64,
/// another libm may differ in the last bit.
/// Independent streams for different purposes come from one seed through
/// ``init(seed:stream:)``: the stream name is hashed (FNV-1a, 64-bit) and mixed
/// into the seed, so adding a new stream never shifts the numbers of another.
///
/// - xoshiro256**: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2018).
/// - SplitMix64: Steele, Lea & Flood (2014), used only to expand the seed into the state.
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator for `seed`, on the default stream.
    public init(seed: UInt64) {
        var mixer = seed
        state = (Self.splitMix64(&mixer), Self.splitMix64(&mixer), Self.splitMix64(&mixer), Self.splitMix64(&mixer))
    }

    /// A generator for `seed` on the named stream (e.g. `"vae-latents"`, `"start-pressure"`).
    public init(seed: UInt64, stream: String) {
        self.init(seed: seed ^ Self.fnv1a(stream) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The four words of the generator's state, so that a run can be saved and resumed mid-stream.
    public var stateWords: [UInt64] { [state.0, state.1, state.2, state.3] }

    /// The generator whose state is `stateWords` (as ``stateWords`` gave them); nil unless there
    /// are four words, not all zero (xoshiro's one forbidden state).
    public init?(stateWords words: [UInt64]) {
        guard words.count == 4, words.contains(where: { $0 != 0 }) else { return nil }
        state = (words[0], words[1], words[2], words[3])
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in `range`.
    public mutating func nextUniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitInterval()
    }

    /// A standard normal draw (Box–Muller, using both uniforms for one value).
    ///
    /// One value per call keeps streams simple to reason about: the n-th normal
    /// always consumes the (2n−1)-th and 2n-th 64-bit outputs.
    public mutating func nextStandardNormal() -> Double {
        let u1 = 1 - nextUnitInterval()  // (0, 1]: log is finite
        let u2 = nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    public static func == (lhs: SeededRandom, rhs: SeededRandom) -> Bool {
        lhs.state == rhs.state
    }

    /// One step of SplitMix64: advances `state` and returns the next output.
    public static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
    public static func fnv1a(_ text: String) -> UInt64 {
        FNV1a64.hash(Array(text.utf8))
    }
}

@inline(__always) private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
