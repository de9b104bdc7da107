/// The state of the air at one point of an ``Atmosphere``: BLE's `AtmosphericValues`.
public struct AtmosphericValues: Sendable, Equatable {
    /// Geopotential height, m.
    public var heightM: Double
    /// Temperature, K.
    public var temperatureK: Double
    /// Pressure, Pa.
    public var pressurePa: Double
    /// Density `P / (R_air T)`, kg/m³.
    public var densityKgPerM3: Double

    public init(heightM: Double, temperatureK: Double, pressurePa: Double, densityKgPerM3: Double) {
        self.heightM = heightM
        self.temperatureK = temperatureK
        self.pressurePa = pressurePa
        self.densityKgPerM3 = densityKgPerM3
    }
}
