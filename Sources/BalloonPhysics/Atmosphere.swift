import Foundation

/// BLE's standard atmosphere for one episode: piecewise-linear temperature in geopotential
/// height, with lapse rates mixed by `α` (reference §2.1).
///
/// The layer tables (boundary temperatures and pressures, and each layer's exponents) are
/// computed once at construction, in BLE's order of operations, so that lookups cost one
/// `pow` (or `log`/`exp` in the isothermal layer) and agree with BLE to the last bits.
/// Storage is inline (`SIMD8`): an `Atmosphere` is a plain value that allocates nothing.
///
/// ``atPressure(_:)`` and ``atHeight(_:)`` check their domain like BLE's assertions and throw;
/// ``heightAndTemperature(atPressurePa:)`` is the unchecked form for the inner step, which
/// extrapolates the end layers instead.
public struct Atmosphere: Sendable, Equatable {
    /// The lapse-rate mix α ∈ [0, 1]: 0 is the cold-tropopause set, 1 the warm one.
    public let alpha: Double

    // Per boundary (0…7).
    @usableFromInline let heights: SIMD8<Double>
    @usableFromInline let temperatures: SIMD8<Double>
    @usableFromInline let pressures: SIMD8<Double>
    // Per layer (0…6; lane 7 unused).
    @usableFromInline let lapseRates: SIMD8<Double>
    /// `−R_air·L/g`, the exponent of `P/Pᵢ` when solving for height.
    @usableFromInline let heightExponents: SIMD8<Double>
    /// `−g/(R_air·L)`, the exponent of `T/Tᵢ` when solving for pressure.
    @usableFromInline let pressureExponents: SIMD8<Double>
    /// `−R_air·Tᵢ/g`, the scale height of an isothermal layer (sign included).
    @usableFromInline let isothermalScales: SIMD8<Double>

    /// Pressure at the 50 000 ft altitude floor, Pa: the upper end of BLE's initial pressures and of the
    /// accessible range (reference §2.1: 11 433 / 12 028 / 12 615 Pa for α = 0 / 0.5 / 1).
    public let floorPressurePa: Double

    /// The atmosphere of lapse-rate mix `alpha`.
    ///
    /// - Throws: ``BalloonPhysicsError/alphaOutOfRange(_:)`` unless 0 ≤ α ≤ 1.
    public init(alpha: Double) throws(BalloonPhysicsError) {
        guard alpha >= 0, alpha <= 1 else { throw .alphaOutOfRange(alpha) }
        let g = PhysicsConstants.gravity
        let rAir = PhysicsConstants.dryAirSpecificGasConstant
        var h = SIMD8<Double>(repeating: 0), t = h, p = h, l = h, he = h, pe = h, iso = h
        for i in 0...7 { h[i] = AtmosphereConstants.boundaryHeightsM[i] }
        for i in 0..<7 {
            l[i] = (1 - alpha) * AtmosphereConstants.lowLapseRatesKPerM[i] + alpha * AtmosphereConstants.highLapseRatesKPerM[i]
        }
        t[0] = AtmosphereConstants.baseTemperatureK
        p[0] = AtmosphereConstants.basePressurePa
        for i in 0..<7 {
            t[i + 1] = t[i] + l[i] * (h[i + 1] - h[i])
            if l[i] == 0 {
                p[i + 1] = p[i] * exp(-(g * (h[i + 1] - h[i])) / (rAir * t[i + 1]))
            } else {
                p[i + 1] = p[i] * pow(t[i + 1] / t[i], -g / (rAir * l[i]))
            }
            he[i] = -rAir * l[i] / g
            pe[i] = -g / (rAir * l[i])
            iso[i] = -rAir * t[i] / g
        }
        self.alpha = alpha
        heights = h
        temperatures = t
        pressures = p
        lapseRates = l
        heightExponents = he
        pressureExponents = pe
        isothermalScales = iso
        floorPressurePa = Self.values(atHeightM: AtmosphereConstants.floorHeightM, heights: h, temperatures: t,
                                      pressures: p, lapseRates: l, pressureExponents: pe).pressurePa
    }

    /// Boundary heights h₀…h₇, m.
    public var boundaryHeightsM: [Double] { (0...7).map { heights[$0] } }
    /// Boundary temperatures T₀…T₇, K.
    public var boundaryTemperaturesK: [Double] { (0...7).map { temperatures[$0] } }
    /// Boundary pressures P₀…P₇, Pa (decreasing).
    public var boundaryPressuresPa: [Double] { (0...7).map { pressures[$0] } }
    /// Lapse rates of layers 0…6, K/m.
    public var lapseRatesKPerM: [Double] { (0..<7).map { lapseRates[$0] } }

    /// Whether `pressurePa` lies in the table's domain `(P₇, P₀]`.
    @inlinable
    public func contains(pressurePa: Double) -> Bool {
        pressurePa > pressures[7] && pressurePa <= pressures[0]
    }

    /// Height, temperature and density at `pressurePa`: BLE's `at_pressure`.
    ///
    /// - Throws: ``BalloonPhysicsError/pressureOutsideAtmosphere(pressurePa:lowestPa:highestPa:)``
    ///   unless `P₇ < P ≤ P₀` (≈ 0.15–0.38 Pa … 108 870.8213 Pa).
    public func atPressure(_ pressurePa: Double) throws(BalloonPhysicsError) -> AtmosphericValues {
        guard contains(pressurePa: pressurePa) else {
            throw .pressureOutsideAtmosphere(pressurePa: pressurePa, lowestPa: pressures[7], highestPa: pressures[0])
        }
        let (height, temperature) = heightAndTemperature(atPressurePa: pressurePa)
        return AtmosphericValues(heightM: height, temperatureK: temperature, pressurePa: pressurePa,
                                 densityKgPerM3: pressurePa / (PhysicsConstants.dryAirSpecificGasConstant * temperature))
    }

    /// Height (m) and temperature (K) at `pressurePa`, unchecked: the inner step's lookup.
    ///
    /// Inside `(P₇, P₀]` this is exactly ``atPressure(_:)``. Outside, it extrapolates the bottom
    /// layer (P > P₀) or the top layer (P ≤ P₇) instead of failing.
    @inlinable
    public func heightAndTemperature(atPressurePa pressurePa: Double) -> (heightM: Double, temperatureK: Double) {
        var i = 0
        while i < 6 && !(pressurePa > pressures[i + 1]) { i += 1 }
        let height: Double
        if lapseRates[i] == 0 {
            height = isothermalScales[i] * log(pressurePa / pressures[i]) + heights[i]
        } else {
            height = (pow(pressurePa / pressures[i], heightExponents[i]) - 1) * temperatures[i] / lapseRates[i] + heights[i]
        }
        return (height, temperatures[i] + lapseRates[i] * (height - heights[i]))
    }

    /// Temperature, pressure and density at geopotential height `heightM`: BLE's `at_height`.
    ///
    /// - Throws: ``BalloonPhysicsError/heightOutsideAtmosphere(heightM:)`` unless −610 m ≤ h < 85 000 m.
    public func atHeight(_ heightM: Double) throws(BalloonPhysicsError) -> AtmosphericValues {
        guard heightM >= heights[0], heightM < heights[7] else { throw .heightOutsideAtmosphere(heightM: heightM) }
        return Self.values(atHeightM: heightM, heights: heights, temperatures: temperatures, pressures: pressures,
                           lapseRates: lapseRates, pressureExponents: pressureExponents)
    }

    private static func values(atHeightM height: Double, heights: SIMD8<Double>, temperatures: SIMD8<Double>,
                               pressures: SIMD8<Double>, lapseRates: SIMD8<Double>,
                               pressureExponents: SIMD8<Double>) -> AtmosphericValues {
        var i = 0
        while i < 6 && !(height < heights[i + 1]) { i += 1 }
        let temperature = temperatures[i] + lapseRates[i] * (height - heights[i])
        let pressure: Double
        if lapseRates[i] == 0 {
            pressure = pressures[i] * exp(-(PhysicsConstants.gravity * (height - heights[i]))
                                          / (PhysicsConstants.dryAirSpecificGasConstant * temperature))
        } else {
            pressure = pressures[i] * pow(temperature / temperatures[i], pressureExponents[i])
        }
        return AtmosphericValues(heightM: height, temperatureK: temperature, pressurePa: pressure,
                                 densityKgPerM3: pressure / (PhysicsConstants.dryAirSpecificGasConstant * temperature))
    }
}

extension Atmosphere: Codable {
    private enum CodingKeys: String, CodingKey { case alpha }

    /// Decodes `{"alpha": α}` and rebuilds the tables.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(alpha: container.decode(Double.self, forKey: .alpha))
    }

    /// Encodes only α: the tables follow from it.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(alpha, forKey: .alpha)
    }
}
