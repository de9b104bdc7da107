import BalloonPhysics
import Evaluation

/// One per-step column of a flight log: its dataset name, units and how it maps to ``FlightPoint``.
///
/// The writer, the reader, replay's comparison and the CSV export all walk ``all``, so a column
/// is defined once.
public struct FlightLogColumn {
    /// The dataset name under `steps/` (and the CSV header).
    public let name: String
    /// Units or meaning, stored as the dataset's `units` attribute.
    public let units: String
    let storage: Storage

    enum Storage {
        /// A double stored as float64.
        case real(WritableKeyPath<FlightPoint, Double>)
        /// An integer stored as int64.
        case integer(WritableKeyPath<FlightPoint, Int64>)
        /// A small code stored as int8; `decode` returns nil for a value the column cannot hold.
        case code(encode: (FlightPoint) -> Int8, decode: (inout FlightPoint, Int8) -> Bool)
    }

    /// The value's exact bits, for bit-for-bit comparison.
    func bits(_ point: FlightPoint) -> UInt64 {
        switch storage {
        case .real(let key): return point[keyPath: key].bitPattern
        case .integer(let key): return UInt64(bitPattern: point[keyPath: key])
        case .code(let encode, _): return UInt64(bitPattern: Int64(encode(point)))
        }
    }

    /// The value as text: doubles in full (shortest round-trip), codes as numbers.
    public func text(_ point: FlightPoint) -> String {
        switch storage {
        case .real(let key): return "\(point[keyPath: key])"
        case .integer(let key): return "\(point[keyPath: key])"
        case .code(let encode, _): return "\(encode(point))"
        }
    }

    static func real(_ name: String, _ units: String, _ key: WritableKeyPath<FlightPoint, Double>) -> FlightLogColumn {
        FlightLogColumn(name: name, units: units, storage: .real(key))
    }

    static func code<T: CaseIterable & Equatable>(_ name: String, _ key: WritableKeyPath<FlightPoint, T>,
                                                   names: (T) -> String) -> FlightLogColumn {
        let cases = Array(T.allCases)
        let units = cases.enumerated().map { "\($0.offset) \(names($0.element))" }.joined(separator: ", ")
        return FlightLogColumn(name: name, units: units, storage: .code(
            encode: { Int8(cases.firstIndex(of: $0[keyPath: key])!) },
            decode: { point, value in
                guard value >= 0, Int(value) < cases.count else { return false }
                point[keyPath: key] = cases[Int(value)]
                return true
            }))
    }

    static func action(_ name: String, _ key: WritableKeyPath<FlightPoint, Int>) -> FlightLogColumn {
        FlightLogColumn(name: name, units: "0 DOWN, 1 STAY, 2 UP", storage: .code(
            encode: { Int8(truncatingIfNeeded: $0[keyPath: key]) },
            decode: { point, value in point[keyPath: key] = Int(value); return true }))
    }

    /// Every column, in the order of the documentation and the CSV.
    public static var all: [FlightLogColumn] {
        [
            FlightLogColumn(name: "elapsed_s", units: "s since the start (int64)", storage: .integer(\.elapsedSeconds)),
            real("x_m", "m east of the station", \.xMeters),
            real("y_m", "m north of the station", \.yMeters),
            real("latitude_deg", "degrees north", \.latitudeDeg),
            real("longitude_deg", "degrees east", \.longitudeDeg),
            real("pressure_pa", "Pa", \.pressurePa),
            real("altitude_m", "m (the scenario's atmosphere at pressure_pa)", \.altitudeM),
            real("superpressure_pa", "Pa", \.superpressurePa),
            real("battery_soc", "state of charge, 0 to 1", \.batteryStateOfCharge),
            real("battery_charge_wh", "Wh", \.batteryChargeWh),
            action("action", \.command),
            action("effective_action", \.effectiveCommand),
            real("acs_power_w", "W, ACS pump power in the step's last 10-s inner step", \.acsPowerW),
            real("solar_power_w", "W, solar charging power", \.solarPowerW),
            real("forecast_wind_u_mps", "m/s east, forecast at the start-of-step state", \.forecastWindU),
            real("forecast_wind_v_mps", "m/s north, forecast at the start-of-step state", \.forecastWindV),
            real("wind_u_mps", "m/s east, ground truth applied during the step", \.windU),
            real("wind_v_mps", "m/s north, ground truth applied during the step", \.windV),
            real("reward", "BLE's reward for the post-step state", \.reward),
            real("distance_km", "km to the station", \.distanceKm),
            FlightLogColumn(name: "power_safety_paused", units: "0 not paused, 1 paused", storage: .code(
                encode: { $0.powerSafetyPaused ? 1 : 0 },
                decode: { point, value in
                    guard value == 0 || value == 1 else { return false }
                    point.powerSafetyPaused = value == 1
                    return true
                })),
            code("envelope_safety_state", \.envelopeSafetyState, names: { $0.bleName }),
            code("altitude_safety_state", \.altitudeSafetyState, names: { $0.bleName }),
            code("status", \.status, names: { $0.description }),
        ]
    }
}
