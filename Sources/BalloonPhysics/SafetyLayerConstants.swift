/// Thresholds of BLE's three safety layers (reference §2.9, §11).
public enum SafetyLayerConstants {
    /// Power layer: pause when the charge expected at sunrise would fall below this state of charge.
    public static let powerMinimumStateOfCharge = 0.025
    /// Power layer: by day, stay paused until the state of charge exceeds this.
    public static let powerRestartStateOfCharge = 0.05
    /// Power layer: the night is taken to end this long after sunrise, s (30 min).
    public static let powerSunriseHysteresisSeconds: Int64 = 30 * 60

    /// Envelope layer: superpressure margin of the critical states, Pa.
    public static let envelopeCriticalBufferPa = 150.0
    /// Envelope layer: superpressure margin of the low/high states, Pa (also the accessible-range margin, §4.3).
    public static let envelopeBufferPa = 250.0
    /// Envelope layer: extra margin before returning to nominal, Pa.
    public static let envelopeRestartHysteresisPa = 50.0

    /// Altitude layer: the altitude floor, m (50 000 ft, the atmosphere's floor).
    public static let altitudeMinimumM = AtmosphereConstants.floorHeightM
    /// Altitude layer: margin of the low state, m (500 ft).
    public static let altitudeBufferM = 500.0 * PhysicsConstants.metersPerFoot
    /// Altitude layer: extra margin before returning to nominal, m (500 ft).
    public static let altitudeRestartHysteresisM = 500.0 * PhysicsConstants.metersPerFoot
}
