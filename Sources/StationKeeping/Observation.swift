/// BLE's 1099-value observation (`PerciatelliFeatureConstructor`, reference §4): the one type
/// that owns its layout.
///
/// Values 0–15 are ambient features; then 361 wind-column slots of three values each,
/// `(uncertainty, bearing, magnitude)` at `16 + 3·slot`. Slot 180 is the balloon's own
/// pressure level; slot `j` holds level `j − 180 + b` of the 181 levels `5000 + 50·k` Pa,
/// where `b` is the balloon's level. Lower slots are lower pressures (higher altitudes).
/// Padding and unreachable levels hold exactly (0, 1, 1).
public struct Observation: Sendable, Equatable {
    /// The float32 values, in BLE's order.
    public var values: [Float]

    /// The number of values: 16 + 3·361.
    public static let count = 1099
    /// The number of ambient features at the start.
    public static let ambientCount = 16
    /// Absolute pressure levels of the column, `5000 + 50·k` Pa for k = 0…180.
    public static let levelCount = 181
    /// Slots of the relative column: 2·181 − 1.
    public static let slotCount = 361
    /// The slot at the balloon's own level.
    public static let balloonSlot = 180
    /// Lowest and highest level pressures, Pa, and their spacing.
    public static let lowestLevelPa = 5_000.0
    public static let highestLevelPa = 14_000.0
    public static let levelSpacingPa = 50.0

    /// The values of an unreachable or padding slot: certain, wrong direction, infinite speed.
    public static let invalidSlot: (uncertainty: Float, bearing: Float, magnitude: Float) = (0, 1, 1)

    /// Named ambient features (reference §4.1).
    public enum Ambient: Int, CaseIterable, Sendable {
        case pressure = 0, batterySoc, solarElevation, sinSolarCycle, cosSolarCycle, sinHeadingToStation,
             cosHeadingToStation, distanceToStation, lastCommandUp, lastCommandStay, lastCommandDown,
             navigationPaused, navigationNotPaused, excessEnergy, acsPowerToUse, internalPressureRatio
    }

    /// Wraps 1099 values.
    public init(values: [Float]) {
        precondition(values.count == Self.count, "an observation has \(Self.count) values, got \(values.count)")
        self.values = values
    }

    /// The pressure of absolute level `k`, Pa.
    @inlinable
    public static func levelPressurePa(_ level: Int) -> Double { lowestLevelPa + levelSpacingPa * Double(level) }

    /// The index of the first value of `slot`.
    @inlinable
    public static func slotIndex(_ slot: Int) -> Int { ambientCount + 3 * slot }

    public subscript(_ feature: Ambient) -> Float { values[feature.rawValue] }

    /// `(uncertainty, bearing, magnitude)` of `slot`.
    public func slot(_ slot: Int) -> (uncertainty: Float, bearing: Float, magnitude: Float) {
        let index = Self.slotIndex(slot)
        return (values[index], values[index + 1], values[index + 2])
    }

    /// Whether `slot` holds a reachable level (its triple is not exactly (0, 1, 1)).
    public func isValid(slot: Int) -> Bool {
        let s = self.slot(slot)
        return !Self.isInvalidSlot(uncertainty: s.uncertainty, bearing: s.bearing, magnitude: s.magnitude)
    }

    /// Whether a slot's triple is exactly ``invalidSlot`` (0, 1, 1): padding or an unreachable level.
    @inlinable
    public static func isInvalidSlot(uncertainty: Float, bearing: Float, magnitude: Float) -> Bool {
        uncertainty == 0 && bearing == 1 && magnitude == 1
    }

    // MARK: Decoded values (BLE's `NamedPerciatelliFeatures`)
    //
    // These decode in Double for reading and plotting. BLE's agents decode in float32 (NumPy 2
    // keeps np.float32 arithmetic), and loonsim's StationSeeker does the same on its own, bit for bit.

    /// The balloon's pressure, `5000 + 9000·f₀` Pa.
    public var pressurePa: Double { 5_000 + 9_000 * Double(values[0]) }
    /// The distance to the station, `250·f₇/(1 − f₇)` km.
    public var distanceKm: Double {
        let f = Double(values[Ambient.distanceToStation.rawValue])
        return 250 * f / (1 - f)
    }
    /// The wind speed of `slot`, `30·m/(1 − m)` m/s (infinite for an invalid slot).
    public func windSpeed(slot: Int) -> Double {
        let m = Double(self.slot(slot).magnitude)
        return 30 * m / (1 - m)
    }
    /// The angle between the wind at `slot` and the direction to the station, `π·bearing` rad.
    public func windAngle(slot: Int) -> Double { .pi * Double(self.slot(slot).bearing) }
}
