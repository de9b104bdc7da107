/// The constants of BLE's simplex wind noise (reference §3.2; BLE `env/simplex_wind_noise.py`).
public enum WindNoiseConstants {

    /// The variance BLE assumes for one OpenSimplex 0.3 harmonic (`OPENSIMPLEX_VARIANCE`), dimensionless.
    public static let openSimplexVariance = 0.0569

    /// K = √(1.02 / 0.0569) ≈ 4.2339 (`NOISE_MAGNITUDE`), m/s per unit of OpenSimplex noise.
    ///
    /// Each harmonic is K times an OpenSimplex value. With independent harmonics of variance 0.0569,
    /// a component's variance would be 1.02 (m/s)², so its standard deviation about 1 m/s
    /// (BLE measured 0.96 m/s, reference §3.2).
    public static let noiseMagnitude = (1.02 / openSimplexVariance).squareRoot()

    /// The fixed part of one harmonic: its weight and the lattice spacing along each axis.
    public struct HarmonicParameters: Sendable, Equatable {
        /// Weight in the component's weighted sum, dimensionless.
        public var weight: Double
        /// Kilometres of east offset per unit of noise coordinate.
        public var xSpacingKm: Double
        /// Kilometres of north offset per unit of noise coordinate.
        public var ySpacingKm: Double
        /// Pascals of pressure per unit of noise coordinate.
        public var pressureSpacingPa: Double
        /// Hours of elapsed time per unit of noise coordinate.
        public var timeSpacingHours: Double

        public init(weight: Double, xSpacingKm: Double, ySpacingKm: Double, pressureSpacingPa: Double,
                    timeSpacingHours: Double) {
            self.weight = weight
            self.xSpacingKm = xSpacingKm
            self.ySpacingKm = ySpacingKm
            self.pressureSpacingPa = pressureSpacingPa
            self.timeSpacingHours = timeSpacingHours
        }
    }

    /// The five harmonics of the u (eastward) component, in BLE's order (reference §3.2 table).
    /// Weights sum to 1.0.
    public static let uHarmonics: [HarmonicParameters] = [
        .init(weight: 0.1445, xSpacingKm: 702.269, ySpacingKm: 2116.987, pressureSpacingPa: 2587.802, timeSpacingHours: 245.0),
        .init(weight: 0.2766, xSpacingKm: 1483.570, ySpacingKm: 752.124, pressureSpacingPa: 646.208, timeSpacingHours: 16.39),
        .init(weight: 0.2627, xSpacingKm: 276.810, ySpacingKm: 147.040, pressureSpacingPa: 587.702, timeSpacingHours: 3.836),
        .init(weight: 0.2137, xSpacingKm: 10214.525, ySpacingKm: 1512.216, pressureSpacingPa: 965.629, timeSpacingHours: 41.780),
        .init(weight: 0.1025, xSpacingKm: 181.286, ySpacingKm: 420.942, pressureSpacingPa: 8500.0, timeSpacingHours: 245.0),
    ]

    /// The five harmonics of the v (northward) component, in BLE's order (reference §3.2 table).
    /// Weights sum to 1.0.
    public static let vHarmonics: [HarmonicParameters] = [
        .init(weight: 0.2716, xSpacingKm: 1974.228, ySpacingKm: 2028.814, pressureSpacingPa: 713.697, timeSpacingHours: 26.435),
        .init(weight: 0.2684, xSpacingKm: 699.738, ySpacingKm: 541.845, pressureSpacingPa: 632.116, timeSpacingHours: 9.530),
        .init(weight: 0.2348, xSpacingKm: 217.750, ySpacingKm: 196.522, pressureSpacingPa: 686.825, timeSpacingHours: 3.546),
        .init(weight: 0.1186, xSpacingKm: 47.500, ySpacingKm: 43.048, pressureSpacingPa: 66.553, timeSpacingHours: 8.424),
        .init(weight: 0.1066, xSpacingKm: 3663.291, ySpacingKm: 232.023, pressureSpacingPa: 7499.741, timeSpacingHours: 225.0),
    ]

    /// The upper bound of BLE's harmonic seeds: each is `jax.random.choice(key, 1634753849)`,
    /// so in [0, 1 634 753 849) (reference §3.2).
    public static let seedUpperBound: Int64 = 1_634_753_849
}
