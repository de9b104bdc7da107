import Randomness

/// The learning module's random numbers: loonsim's one generator, `Randomness.SeededRandom`
/// (xoshiro256** seeded through SplitMix64, named streams).
///
/// The names below are the learning code's vocabulary for the same draws: `label` is the
/// stream name, ``SeededRandom/nextUniform()`` the 53-bit uniform in [0, 1),
/// ``SeededRandom/nextGaussian()`` the Box–Muller normal.
public typealias Xoshiro256StarStar = SeededRandom

extension SeededRandom {
    /// A generator for one named purpose under a master seed (e.g. `"features.block3.draw7"`).
    public init(seed: UInt64, label: String) {
        self.init(seed: seed, stream: label)
    }

    /// A uniform double in [0, 1).
    @inlinable
    public mutating func nextUniform() -> Double { nextUnitInterval() }

    /// A standard normal double (Box–Muller; one value per call).
    @inlinable
    public mutating func nextGaussian() -> Double { nextStandardNormal() }

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
}
