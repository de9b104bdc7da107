import Foundation

/// The fraction of sunlight that reaches the balloon through the air above it (reference §2.10).
///
/// Zero below −4.242° elevation; otherwise `½(e^(−0.65 m) + e^(−0.95 m))` with the air mass
/// `m = 0.34764 (P/101 325)(√(1229 + (614 sin el)²) − 614 sin el)`.
public enum AtmosphericAttenuation {
    /// The attenuation factor in [0, 1] for elevation `elevationDeg` at `pressurePa`.
    ///
    /// - Throws: ``BalloonPhysicsError/solarElevationOutOfRange(elevationDeg:)`` unless el ∈ [−90°, 90°];
    ///   ``BalloonPhysicsError/attenuationPressureOutOfRange(pressurePa:)`` unless P ∈ [0, 101 325] Pa
    ///   (BLE's `ValueError`s, in BLE's order).
    public static func factor(elevationDeg: Double, pressurePa: Double) throws(BalloonPhysicsError) -> Double {
        guard !(elevationDeg > 90.0 || elevationDeg < -90.0), !elevationDeg.isNaN else {
            throw .solarElevationOutOfRange(elevationDeg: elevationDeg)
        }
        guard !(pressurePa > SolarConstants.attenuationMaximumPressurePa || pressurePa < 0.0), !pressurePa.isNaN else {
            throw .attenuationPressureOutOfRange(pressurePa: pressurePa)
        }
        return uncheckedFactor(elevationDeg: elevationDeg, pressurePa: pressurePa)
    }

    /// ``factor(elevationDeg:pressurePa:)`` without the domain checks: the inner step's form.
    @inlinable
    public static func uncheckedFactor(elevationDeg: Double, pressurePa: Double) -> Double {
        if elevationDeg < SolarConstants.minimumElevationDeg { return 0.0 }
        let projected = 614.0 * sin(elevationDeg * SolarCalculator.radiansPerDegree)
        let airMass = 0.34764 * (pressurePa / 101325.0) * ((1229.0 + projected * projected).squareRoot() - projected)
        return 0.5 * (exp(-0.65 * airMass) + exp(-0.95 * airMass))
    }
}
