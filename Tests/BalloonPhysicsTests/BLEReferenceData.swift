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

    /// One scenario: what BLE's reset fixed, and the balloon state it computed.
    struct Scenario {
        var seed: Int
        var launch: LaunchConditions
        var balloonState: [String: Any]

        func double(_ key: String) throws -> Double {
            try XCTUnwrap(balloonState[key] as? Double ?? (balloonState[key] as? NSNumber)?.doubleValue, "balloon_state.\(key)")
        }
        func string(_ key: String) throws -> String { try XCTUnwrap(balloonState[key] as? String, "balloon_state.\(key)") }
    }

    static func scenarios() throws -> [Scenario] {
        let path = (try directory() as NSString).appendingPathComponent("scenarios.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let list = try XCTUnwrap(root["scenarios"] as? [[String: Any]])
        return try list.map { entry in
            func number(_ key: String) throws -> Double { try XCTUnwrap((entry[key] as? NSNumber)?.doubleValue, key) }
            let start = try number("start_unix_s")
            XCTAssertEqual(start, start.rounded(), "whole seconds")
            let launch = LaunchConditions(
                atmosphereAlpha: try number("alpha"), startUnixSeconds: Int64(start),
                station: GeoPoint(latitudeDeg: try number("center_lat_deg"), longitudeDeg: try number("center_lng_deg")),
                xMeters: try number("x_m"), yMeters: try number("y_m"), pressurePa: try number("initial_pressure_pa"),
                upwellingInfraredWPerM2: try number("upwelling_infrared_w_per_m2"))
            return Scenario(seed: Int(try number("seed")), launch: launch,
                            balloonState: try XCTUnwrap(entry["balloon_state"] as? [String: Any]))
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
