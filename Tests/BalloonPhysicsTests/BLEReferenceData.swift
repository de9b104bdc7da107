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

    /// The rows of `runs/<name>.csv.gz`, decompressed with `gzip -dc`.
    static func run(_ name: String) throws -> [RunStep] {
        let path = ((try directory() as NSString).appendingPathComponent("runs") as NSString).appendingPathComponent("\(name).csv.gz")
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no \(path)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "gzip -dc \(path)")
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        func column(_ name: String) throws -> Int { try XCTUnwrap(header.firstIndex(of: name), "column \(name)") }
        let c = (step: try column("step"), x: try column("x_m"), y: try column("y_m"), p: try column("pressure_pa"),
                 sp: try column("superpressure_pa"), e: try column("battery_charge_wh"), acs: try column("acs_power_w"),
                 a: try column("action"), ea: try column("effective_action"), u: try column("wind_u_mps"),
                 v: try column("wind_v_mps"), status: try column("status"))
        return try lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func d(_ i: Int) throws -> Double { try XCTUnwrap(Double(f[i]), "\(header[i]) = \(f[i])") }
            func command(_ i: Int) throws -> AltitudeControlCommand { try XCTUnwrap(Int(f[i]).flatMap(AltitudeControlCommand.init)) }
            return RunStep(step: try XCTUnwrap(Int(f[c.step])), xMeters: try d(c.x), yMeters: try d(c.y), pressurePa: try d(c.p),
                           superpressurePa: try d(c.sp), batteryChargeWh: try d(c.e), acsPowerW: try d(c.acs),
                           command: try command(c.a), effectiveCommand: try command(c.ea),
                           wind: WindVector(uMetersPerSecond: try d(c.u), vMetersPerSecond: try d(c.v)),
                           status: try XCTUnwrap(BalloonStatus(bleName: f[c.status])))
        }
    }
}
