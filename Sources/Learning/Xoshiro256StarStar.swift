import Foundation

/// The xoshiro256** pseudo-random generator (Blackman & Vigna, 2018), seeded through SplitMix64.
///
/// The learning module's documented, platform-independent generator: the integer
/// stream depends only on the seed, never on the platform, the Swift version or the
/// clock. ``nextUniform()`` and ``nextGaussian()`` are built from it with fixed formulas
/// (53-bit uniforms; Box–Muller, one normal per two uniforms). Nothing here is cryptographic.
///
/// Algorithm, seeding, labelled streams, uniforms and normals are the same, bit for bit,
/// as `Randomness.SeededRandom` (`init(seed:stream:)`, `nextUnitInterval()`,
/// `nextStandardNormal()`), so Learning can switch to that type without changing a
/// single weight once the package lets it depend on `Randomness`.
///
/// Reference: https://prng.di.unimi.it/xoshiro256starstar.c and
/// https://prng.di.unimi.it/splitmix64.c (seeding, as the authors recommend).
public struct Xoshiro256StarStar: RandomNumberGenerator, Equatable, Hashable, Sendable {
    /// The four words of state (never all zero).
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose state is the first four outputs of SplitMix64 started at `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        state = (Self.splitMix64(&splitMix), Self.splitMix64(&splitMix),
                 Self.splitMix64(&splitMix), Self.splitMix64(&splitMix))
    }

    /// A generator for one named purpose under a master seed (e.g. `"features.block3.draw7"`).
    ///
    /// The stream is a function of the seed and the label only, so adding a new user
    /// of randomness does not shift the streams of the others.
    public init(seed: UInt64, label: String) {
        self.init(seed: seed ^ FNV1a64.hash(Array(label.utf8)) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotateLeft(state.3, 45)
        return result
    }

    /// A uniform double in [0, 1): the top 53 bits of ``next()`` times 2⁻⁵³.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal double, by the Box–Muller transform of the next two uniforms.
    ///
    /// One value per call (the n-th normal always uses outputs 2n−1 and 2n). Uses libm's
    /// `log` and `cos`: glibc gives the same bits on x86-64 and arm64; another libm
    /// might differ in the last place.
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUniform()  // (0, 1]: log stays finite
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
        }
        return Int(product.high)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.state == rhs.state
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
    }

    /// One step of SplitMix64 (Steele, Lea & Flood 2014): advances `x` and returns the mixed value.
    static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
