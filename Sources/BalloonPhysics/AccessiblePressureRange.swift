/// The pressures a balloon can float at with a safe superpressure: BLE's
/// `AccessiblePressureRange` (reference §4.3).
public struct AccessiblePressureRange: Sendable, Equatable {
    /// Lowest accessible pressure (highest altitude), Pa.
    public var lowestPa: Double
    /// Highest accessible pressure (lowest altitude), Pa.
    public var highestPa: Double

    public init(lowestPa: Double, highestPa: Double) {
        self.lowestPa = lowestPa
        self.highestPa = highestPa
    }

    /// Whether `pressurePa` lies in `[lowestPa, highestPa]`.
    @inlinable
    public func contains(_ pressurePa: Double) -> Bool { !(pressurePa < lowestPa || pressurePa > highestPa) }
}
