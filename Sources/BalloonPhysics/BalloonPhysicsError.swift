/// Why a balloon-physics computation refused its input.
///
/// Each case stands for a domain check that BLE makes with an assertion or a `ValueError`
/// (reference §10). loonsim throws instead of crashing, so that an environment can check
/// user input up front and report it in one line (``description``).
public enum BalloonPhysicsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A pressure outside the atmosphere's table, `(P₇, P₀]` (reference §2.1).
    case pressureOutsideAtmosphere(pressurePa: Double, lowestPa: Double, highestPa: Double)
    /// A height outside the atmosphere's table, `[−610 m, 85 000 m)` (reference §2.1).
    case heightOutsideAtmosphere(heightM: Double)
    /// An atmosphere lapse-rate mix α outside [0, 1] or not finite (reference §2.1).
    case alphaOutOfRange(Double)
    /// A latitude the sunrise/sunset search does not support: |lat| must be below 60° (reference §2.10).
    case latitudeNotSupported(latitudeDeg: Double)
    /// A solar elevation outside [−90°, 90°] given to the attenuation model (reference §2.10).
    case solarElevationOutOfRange(elevationDeg: Double)
    /// A pressure outside [0, 101 325] Pa given to the attenuation model (reference §2.10).
    case attenuationPressureOutOfRange(pressurePa: Double)
    /// A total absorptivity outside [0, 1]: the film temperature is far outside the model's range (reference §2.6).
    case absorptivityOutOfRange(Double)
    /// A pressure ratio outside [0.99, 5] given to the feature-14 power table (reference §4.1).
    case pressureRatioOutsidePowerTable(Double)
    /// A quantity that must be finite (and, where it says so, positive) was not.
    case invalidInput(name: String, value: Double)
    /// An agent step whose duration is not a positive multiple of its positive inner stride.
    case invalidStepDuration(durationSeconds: Int64, strideSeconds: Int64)
    /// A step asked of a balloon whose flight already ended (reference §2.3).
    case steppedAfterTerminalStatus(BalloonStatus)
    /// The accessible-pressure search found no pressure with a safe superpressure (reference §4.3).
    case noSafePressure
    /// The atmosphere's P/T does not increase along the accessible-pressure search column (BLE asserts it does, §4.3).
    case pressureColumnNotMonotonic
    /// The accessible-pressure search met a superpressure profile it cannot interpolate (reference §4.3).
    case noSuperpressureCrossing(pressure1Pa: Double, pressure2Pa: Double)

    public var description: String {
        switch self {
        case let .pressureOutsideAtmosphere(p, lowest, highest):
            return "pressure \(p) Pa is outside the atmosphere's range (\(lowest), \(highest)] Pa"
        case let .heightOutsideAtmosphere(h):
            return "height \(h) m is outside the atmosphere's range [-610, 85000) m"
        case let .alphaOutOfRange(alpha):
            return "atmosphere lapse-rate mix alpha \(alpha) is not in [0, 1]"
        case let .latitudeNotSupported(lat):
            return "latitude \(lat)° is not supported: sunrise and sunset need |latitude| < 60°"
        case let .solarElevationOutOfRange(el):
            return "solar elevation \(el)° is outside [-90, 90]°"
        case let .attenuationPressureOutOfRange(p):
            return "pressure \(p) Pa is outside the solar attenuation model's range [0, 101325] Pa"
        case let .absorptivityOutOfRange(a):
            return "total absorptivity \(a) is outside [0, 1]: film temperature out of the thermal model's range"
        case let .pressureRatioOutsidePowerTable(pr):
            return "pressure ratio \(pr) is outside the power table's range [0.99, 5]"
        case let .invalidInput(name, value):
            return "\(name) = \(value) is not a valid value"
        case let .invalidStepDuration(duration, stride):
            return "step of \(duration) s is not a positive multiple of the \(stride) s inner stride"
        case let .steppedAfterTerminalStatus(status):
            return "the balloon cannot be stepped: its flight ended with status \(status)"
        case .noSafePressure:
            return "no pressure in the search column gives a safe superpressure"
        case .pressureColumnNotMonotonic:
            return "P/T does not increase along the accessible-pressure search column"
        case let .noSuperpressureCrossing(p1, p2):
            return "no safe-superpressure crossing between \(p1) Pa and \(p2) Pa"
        }
    }
}
