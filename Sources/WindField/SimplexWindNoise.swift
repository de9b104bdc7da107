/// BLE's wind noise: for each of u and v, a weighted sum of five OpenSimplex 4-D harmonics of
/// (x, y, pressure, elapsed time) (reference §3.2).
///
/// A component is
/// `K · [Σᵢ wᵢ Nᵢ(x_km/sxᵢ + oxᵢ, y_km/syᵢ + oyᵢ, P/spᵢ + opᵢ, t_h/stᵢ + otᵢ)] / W · √(W / Σᵢ wᵢ²)`
/// with `K` = ``WindNoiseConstants/noiseMagnitude``, `W = Σᵢ wᵢ`, and `Nᵢ` the ``OpenSimplex4D``
/// generator of harmonic i's seed. The inputs are what BLE passes:
/// * x and y in km, `metres / 1000` (BLE's `Distance.km`), not clipped to the forecast box;
/// * P in Pa, not clipped;
/// * t in hours of elapsed episode time, `seconds / 3600`, not "boomeranged" like the forecast
///   grid's time: the noise keeps evolving after 48 h.
///
/// The value follows BLE's order of operations and, by default, its floating-point types (see
/// ``Arithmetic``), so that it matches BLE to the last bit. Evaluating allocates nothing.
public struct SimplexWindNoise: Sendable {

    /// One harmonic: an OpenSimplex seed, the offsets that move it off the lattice origin, and
    /// its constants.
    public struct Harmonic: Sendable, Codable, Equatable {
        /// The `opensimplex.OpenSimplex` seed; BLE draws it in [0, 1 634 753 849).
        public var seed: Int64
        /// Offset added to the x noise coordinate, dimensionless. BLE's offsets are float32 values in [−1, 1).
        public var xOffset: Double
        /// Offset added to the y noise coordinate, dimensionless.
        public var yOffset: Double
        /// Offset added to the pressure noise coordinate, dimensionless.
        public var pressureOffset: Double
        /// Offset added to the time noise coordinate, dimensionless.
        public var timeOffset: Double
        /// Weight in the component's sum, dimensionless.
        public var weight: Double
        /// Kilometres of east offset per unit of noise coordinate.
        public var xSpacingKm: Double
        /// Kilometres of north offset per unit of noise coordinate.
        public var ySpacingKm: Double
        /// Pascals per unit of noise coordinate.
        public var pressureSpacingPa: Double
        /// Hours of elapsed time per unit of noise coordinate.
        public var timeSpacingHours: Double

        public init(seed: Int64, xOffset: Double, yOffset: Double, pressureOffset: Double, timeOffset: Double,
                    weight: Double, xSpacingKm: Double, ySpacingKm: Double, pressureSpacingPa: Double,
                    timeSpacingHours: Double) {
            self.seed = seed
            self.xOffset = xOffset
            self.yOffset = yOffset
            self.pressureOffset = pressureOffset
            self.timeOffset = timeOffset
            self.weight = weight
            self.xSpacingKm = xSpacingKm
            self.ySpacingKm = ySpacingKm
            self.pressureSpacingPa = pressureSpacingPa
            self.timeSpacingHours = timeSpacingHours
        }
    }

    /// A wind component: u (eastward) or v (northward).
    public enum Component: String, Sendable, CaseIterable {
        case u, v

        /// BLE's five harmonic constants for this component (reference §3.2).
        public var parameters: [WindNoiseConstants.HarmonicParameters] {
            switch self {
            case .u: return WindNoiseConstants.uHarmonics
            case .v: return WindNoiseConstants.vHarmonics
            }
        }
    }

    /// The floating-point types the noise is computed in.
    ///
    /// BLE's harmonic offsets are `np.float32` scalars. Under NumPy 2 (the reference export uses
    /// 2.2.6), a Python float plus an `np.float32` is an `np.float32`, while an `np.float64` plus an
    /// `np.float32` is an `np.float64`. So the types inside OpenSimplex's `noise4d` depend on the
    /// types of x, y and P that BLE passes, and the results differ by up to about 2e-5 m/s:
    /// * at reset, x, y and P are Python floats, so all of `noise4d` runs in float32;
    /// * once the balloon has moved (x, y, P are then `np.float64`), x, y and P stay float64 but
    ///   the time coordinate, from a Python float, is float32.
    /// Under NumPy 1.x (BLE's 2022 pins) every such sum was float64.
    public enum Arithmetic: Sendable, Equatable {
        /// What BLE computes: ``float32`` when `elapsedSeconds == 0` (the reset state, the only
        /// state BLE queries at t = 0), ``float64WithFloat32Time`` otherwise.
        case ble
        /// Everything in float32: each coordinate is `Float(position / spacing) + Float(offset)`,
        /// then `noise4d` and the weighted sum are float32 (BLE at reset).
        case float32
        /// x, y and P coordinates in float64; the time coordinate `Float(t_h / spacing) + Float(offset)`
        /// and the quantities of it alone in float32; the rest float64 (BLE after the first step).
        case float64WithFloat32Time
        /// Everything in float64 (BLE under NumPy 1.x; plain OpenSimplex 0.3 on Python floats).
        case float64
    }

    /// The u harmonics, in BLE's order.
    public let u: [Harmonic]
    /// The v harmonics, in BLE's order.
    public let v: [Harmonic]

    private let uSum: WeightedSum
    private let vSum: WeightedSum

    /// A noise model from its harmonics.
    ///
    /// BLE uses five per component (``harmonics(_:seeds:offsets:)`` builds them); any non-empty
    /// list with positive spacings and a positive weight sum is accepted.
    public init(u: [Harmonic], v: [Harmonic]) {
        self.u = u
        self.v = v
        self.uSum = WeightedSum(u)
        self.vSum = WeightedSum(v)
    }

    /// BLE's harmonics for `component`: the §3.2 table's weights and spacings, with the given
    /// seeds and (x, y, pressure, time) offsets, one per harmonic in table order.
    ///
    /// - Precondition: `seeds` and `offsets` have one entry per table row (5).
    public static func harmonics(
        _ component: Component, seeds: [Int64],
        offsets: [(x: Double, y: Double, pressure: Double, time: Double)]
    ) -> [Harmonic] {
        let table = component.parameters
        precondition(seeds.count == table.count && offsets.count == table.count,
                     "\(component) noise needs \(table.count) seeds and offsets, got \(seeds.count) and \(offsets.count)")
        return table.indices.map { i in
            Harmonic(seed: seeds[i], xOffset: offsets[i].x, yOffset: offsets[i].y, pressureOffset: offsets[i].pressure,
                     timeOffset: offsets[i].time, weight: table[i].weight, xSpacingKm: table[i].xSpacingKm,
                     ySpacingKm: table[i].ySpacingKm, pressureSpacingPa: table[i].pressureSpacingPa,
                     timeSpacingHours: table[i].timeSpacingHours)
        }
    }

    /// The noise wind (u east, v north), m/s, at offset (`xMeters` east, `yMeters` north) from the
    /// station, pressure `pressurePa` and `elapsedSeconds` since the start of the episode.
    ///
    /// With the default ``Arithmetic/ble`` this is bit-identical to BLE's `get_wind_noise` in the
    /// reference setup, at reset and in flight.
    public func noise(xMeters: Double, yMeters: Double, pressurePa: Double, elapsedSeconds: Double,
                      arithmetic: Arithmetic = .ble) -> (u: Double, v: Double) {
        let xKm = xMeters / 1000.0
        let yKm = yMeters / 1000.0
        let hours = elapsedSeconds / 3600.0
        var resolved = arithmetic
        if resolved == .ble { resolved = elapsedSeconds == 0 ? .float32 : .float64WithFloat32Time }
        return (uSum.evaluate(xKm: xKm, yKm: yKm, pressurePa: pressurePa, hours: hours, resolved),
                vSum.evaluate(xKm: xKm, yKm: yKm, pressurePa: pressurePa, hours: hours, resolved))
    }
}

/// One component's harmonics with their generators and weight totals.
private struct WeightedSum: Sendable {
    struct Term: Sendable {
        var generator: OpenSimplex4D
        var harmonic: SimplexWindNoise.Harmonic
    }

    let terms: [Term]
    /// `W = Σ wᵢ`, summed in order like BLE.
    let totalWeight: Double
    /// `√(W / Σ wᵢ²)`, BLE's variance adjustment.
    let varianceAdjustment: Double
    /// K, m/s per unit of noise (cached here: a static `let` is checked for initialisation on every read).
    let magnitude = WindNoiseConstants.noiseMagnitude

    init(_ harmonics: [SimplexWindNoise.Harmonic]) {
        precondition(!harmonics.isEmpty, "a wind-noise component needs at least one harmonic")
        var total = 0.0
        var totalSquared = 0.0
        for h in harmonics {
            precondition(h.xSpacingKm > 0 && h.ySpacingKm > 0 && h.pressureSpacingPa > 0 && h.timeSpacingHours > 0,
                         "wind-noise spacings must be positive: \(h)")
            total += h.weight
            totalSquared += h.weight * h.weight   // BLE: weight**2, the same correctly rounded square
        }
        precondition(total > 0 && totalSquared > 0, "wind-noise weights must have a positive sum")
        self.terms = harmonics.map { Term(generator: OpenSimplex4D(seed: $0.seed), harmonic: $0) }
        self.totalWeight = total
        self.varianceAdjustment = (total / totalSquared).squareRoot()
    }

    @inline(__always)
    func evaluate(xKm: Double, yKm: Double, pressurePa: Double, hours: Double,
                  _ arithmetic: SimplexWindNoise.Arithmetic) -> Double {
        switch arithmetic {
        case .float32:
            return Double(sum(Float.self) { g, h in
                g.noise(Float(xKm / h.xSpacingKm) + Float(h.xOffset), Float(yKm / h.ySpacingKm) + Float(h.yOffset),
                        Float(pressurePa / h.pressureSpacingPa) + Float(h.pressureOffset),
                        Float(hours / h.timeSpacingHours) + Float(h.timeOffset))
            })
        case .float64WithFloat32Time, .ble:
            return sum(Double.self) { g, h in
                g.noise(xKm / h.xSpacingKm + h.xOffset, yKm / h.ySpacingKm + h.yOffset,
                        pressurePa / h.pressureSpacingPa + h.pressureOffset,
                        float32W: Float(hours / h.timeSpacingHours) + Float(h.timeOffset))
            }
        case .float64:
            return sum(Double.self) { g, h in
                g.noise(xKm / h.xSpacingKm + h.xOffset, yKm / h.ySpacingKm + h.yOffset,
                        pressurePa / h.pressureSpacingPa + h.pressureOffset, hours / h.timeSpacingHours + h.timeOffset)
            }
        }
    }

    /// BLE's `NoisyWindComponent.get_noise` in type `C`: Σ (K·Nᵢ)·wᵢ, then / W, then × √(W/Σwᵢ²).
    @inline(__always)
    private func sum<C: BinaryFloatingPoint>(
        _: C.Type, _ harmonicNoise: (OpenSimplex4D, SimplexWindNoise.Harmonic) -> C
    ) -> C {
        let magnitude = C(self.magnitude)
        var weighted: C = 0
        for term in terms {
            weighted += magnitude * harmonicNoise(term.generator, term.harmonic) * C(term.harmonic.weight)
        }
        weighted /= C(totalWeight)
        weighted *= C(varianceAdjustment)
        return weighted
    }
}
