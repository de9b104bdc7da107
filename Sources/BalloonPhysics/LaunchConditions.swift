import WindField

/// What BLE's reset fixes about a balloon before stable initialisation (reference §1.2, §2.8).
///
/// Read from a BLE scenario file, or drawn by loonsim's own scenario sampler.
public struct LaunchConditions: Sendable, Equatable, Codable {
    /// The atmosphere's lapse-rate mix α ∈ [0, 1].
    public var atmosphereAlpha: Double
    /// Launch time, Unix seconds (UTC).
    public var startUnixSeconds: Int64
    /// The station: origin of the (x, y) plane, degrees.
    public var station: GeoPoint
    /// East offset of the balloon from the station, m.
    public var xMeters: Double
    /// North offset of the balloon from the station, m.
    public var yMeters: Double
    /// Launch pressure P₀, Pa (BLE draws it in [6500 Pa, P_atm(50 000 ft)]).
    public var pressurePa: Double
    /// Upwelling infrared flux, W/m² (≈ 315 in BLE).
    public var upwellingInfraredWPerM2: Double

    public init(atmosphereAlpha: Double, startUnixSeconds: Int64, station: GeoPoint, xMeters: Double, yMeters: Double,
                pressurePa: Double, upwellingInfraredWPerM2: Double) {
        self.atmosphereAlpha = atmosphereAlpha
        self.startUnixSeconds = startUnixSeconds
        self.station = station
        self.xMeters = xMeters
        self.yMeters = yMeters
        self.pressurePa = pressurePa
        self.upwellingInfraredWPerM2 = upwellingInfraredWPerM2
    }
}
