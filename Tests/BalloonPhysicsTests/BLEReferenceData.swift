import ExperimentSupport
import Foundation
import XCTest
import TestSupport
import WindField
@testable import BalloonPhysics

/// BLE's exported scenarios and reference runs (`shared/data/ble`, format in its README).
enum BLEReferenceData {
    /// The export folder, or an `XCTSkip` when this checkout has none.
    static func directory() throws -> String {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("no shared/data/ble beside this checkout") }
        return directory
    }

    /// A JSON value of `balloon_state`: a number, text, a truth value, or something else.
    enum Value: Decodable {
        case number(Double), text(String), truth(Bool), other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) { self = .truth(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .text(value) }
            else { self = .other }
        }
    }

    /// One scenario: what BLE's reset fixed, and the balloon state it computed.
    struct Scenario {
        var seed: Int
        var launch: LaunchConditions
        var balloonState: [String: Value]

        func double(_ key: String) throws -> Double {
            guard case .number(let value)? = balloonState[key] else { throw XCTSkip("balloon_state.\(key) is not a number") }
            return value
        }
        func string(_ key: String) throws -> String {
            guard case .text(let value)? = balloonState[key] else { throw XCTSkip("balloon_state.\(key) is not text") }
            return value
        }
        func bool(_ key: String) -> Bool? {
            guard case .truth(let value)? = balloonState[key] else { return nil }
            return value
        }
    }

    /// The scenarios, read with JSONDecoder: Foundation's JSONSerialization on Linux misreads some
    /// doubles by an ulp, which BLE's DOWN-heavy runs amplify into visible drift.
    static func scenarios() throws -> [Scenario] {
        struct File: Decodable { var scenarios: [Entry] }
        struct Entry: Decodable {
            var seed: Int
            var start_unix_s: Double
            var alpha, center_lat_deg, center_lng_deg, x_m, y_m, initial_pressure_pa, upwelling_infrared_w_per_m2: Double
            var balloon_state: [String: Value]
        }
        let path = (try directory() as NSString).appendingPathComponent("scenarios.json")
        let file = try JSONDecoder().decode(File.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        return file.scenarios.map { entry in
            XCTAssertEqual(entry.start_unix_s, entry.start_unix_s.rounded(), "whole seconds")
            let launch = LaunchConditions(
                atmosphereAlpha: entry.alpha, startUnixSeconds: Int64(entry.start_unix_s),
                station: GeoPoint(latitudeDeg: entry.center_lat_deg, longitudeDeg: entry.center_lng_deg),
                xMeters: entry.x_m, yMeters: entry.y_m, pressurePa: entry.initial_pressure_pa,
                upwellingInfraredWPerM2: entry.upwelling_infrared_w_per_m2)
            return Scenario(seed: entry.seed, launch: launch, balloonState: entry.balloon_state)
        }
    }

    /// One row of a reference run (after the step).
    struct RunStep {
        var step: Int
        var xMeters, yMeters, pressurePa, superpressurePa, batteryChargeWh, acsPowerW: Double
        var command, effectiveCommand: AltitudeControlCommand
        var wind: WindVector
        var status: BalloonStatus
    }

    /// The rows of `runs/<name>.csv.gz`.
    static func run(_ name: String) throws -> [RunStep] {
        let table = try BLERunTable.load(name)
        let (step, x, y, p) = (try table.integers("step"), try table.doubles("x_m"), try table.doubles("y_m"),
                               try table.doubles("pressure_pa"))
        let (sp, e, acs) = (try table.doubles("superpressure_pa"), try table.doubles("battery_charge_wh"),
                            try table.doubles("acs_power_w"))
        let (a, ea) = (try table.integers("action"), try table.integers("effective_action"))
        let (u, v, status) = (try table.doubles("wind_u_mps"), try table.doubles("wind_v_mps"), try table.strings("status"))
        return try step.indices.map { i in
            RunStep(step: step[i], xMeters: x[i], yMeters: y[i], pressurePa: p[i], superpressurePa: sp[i],
                    batteryChargeWh: e[i], acsPowerW: acs[i],
                    command: try XCTUnwrap(AltitudeControlCommand(rawValue: a[i])),
                    effectiveCommand: try XCTUnwrap(AltitudeControlCommand(rawValue: ea[i])),
                    wind: WindVector(uMetersPerSecond: u[i], vMetersPerSecond: v[i]),
                    status: try XCTUnwrap(BalloonStatus(bleName: status[i])))
        }
    }
}
