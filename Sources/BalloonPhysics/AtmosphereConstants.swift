/// The tables of BLE's standard atmosphere (reference §2.1).
///
/// Seven layers of linear temperature in geopotential height, bounded by eight heights.
/// Each episode mixes the two lapse-rate sets with `α`: `L = (1 − α)·low + α·high`.
public enum AtmosphereConstants {
    /// Layer boundary heights h₀…h₇, m.
    public static let boundaryHeightsM: [Double] = [-610.0, 17000.0, 21000.0, 32000.0, 47000.0, 51000.0, 71000.0, 85000.0]

    /// Lapse rates of layers 0…6 at α = 0, K/m.
    public static let lowLapseRatesKPerM: [Double] = [-0.007, 0.006, 0.001, 0.0028, 0.0, -0.0028, -0.002]

    /// Lapse rates of layers 0…6 at α = 1, K/m.
    public static let highLapseRatesKPerM: [Double] = [-0.0058, 0.005, 0.001, 0.0028, 0.0, -0.0028, -0.002]

    /// Temperature at h₀ = −610 m, K.
    public static let baseTemperatureK = 300.0

    /// Pressure at h₀ = −610 m, Pa.
    public static let basePressurePa = 108870.8213

    /// The altitude floor of the safety layer and of the initial-pressure range: 50 000 ft, m (reference §2.8, §2.9).
    public static let floorHeightM = 50_000.0 * PhysicsConstants.metersPerFoot
}
