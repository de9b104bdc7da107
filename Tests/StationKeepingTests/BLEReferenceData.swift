import Foundation
import TestSupport
import XCTest
@testable import StationKeeping

/// BLE's exported episodes (`../shared/data/ble`), read for the fidelity tests.
enum BLEReferenceData {
    static func directory() throws -> String {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("../shared/data/ble is not beside this checkout") }
        return directory
    }

    static func scenarios() throws -> [Scenario] {
        try ScenarioFile.load(try directory() + "/scenarios.json")
    }

    /// BLE's reset observation per seed (JSONDecoder reads doubles exactly).
    static func initialObservations() throws -> [Int: [Double]] {
        struct File: Decodable { var obs: [String: [Double]] }
        let data = try Data(contentsOf: URL(fileURLWithPath: try directory() + "/scenarios-initial-obs.json"))
        let file = try JSONDecoder().decode(File.self, from: data)
        return Dictionary(uniqueKeysWithValues: file.obs.map { (Int($0.key)!, $0.value) })
    }

    /// One row of `runs/{agent}_seed{N}.csv.gz`.
    struct RunStep {
        var step: Int
        var xMeters: Double, yMeters: Double, pressurePa: Double, superpressurePa: Double, batteryChargeWh: Double
        var action: Int, effectiveAction: Int, reward: Double, distanceKm: Double
        var windU: Double, windV: Double
        var status: String
    }

    static func run(agent: String, seed: Int) throws -> [RunStep] {
        let path = try directory() + "/runs/\(agent)_seed\(seed).csv.gz"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc '\(path)'"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        let (c0, c1, c2, c3, c4, c5) = (column("step"), column("x_m"), column("y_m"), column("pressure_pa"),
                                        column("superpressure_pa"), column("battery_charge_wh"))
        let (c6, c7, c8, c9, c10, c11, c12) = (column("action"), column("effective_action"), column("reward"),
                                               column("distance_km"), column("wind_u_mps"), column("wind_v_mps"),
                                               column("status"))
        return lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return RunStep(step: Int(f[c0])!, xMeters: Double(f[c1])!, yMeters: Double(f[c2])!, pressurePa: Double(f[c3])!,
                           superpressurePa: Double(f[c4])!, batteryChargeWh: Double(f[c5])!, action: Int(f[c6])!,
                           effectiveAction: Int(f[c7])!, reward: Double(f[c8])!, distanceKm: Double(f[c9])!,
                           windU: Double(f[c10])!, windV: Double(f[c11])!, status: f[c12])
        }
    }
}
