import ExperimentSupport
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

    /// BLE's reset observation per seed.
    static func initialObservations() throws -> [Int: [Double]] {
        try BLEExport.initialObservations(in: try directory())
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
        let table = try BLERunTable.load("\(agent)_seed\(seed)")
        let (step, x, y, p) = (try table.integers("step"), try table.doubles("x_m"), try table.doubles("y_m"),
                               try table.doubles("pressure_pa"))
        let (sp, e, r, d) = (try table.doubles("superpressure_pa"), try table.doubles("battery_charge_wh"),
                             try table.doubles("reward"), try table.doubles("distance_km"))
        let (a, ea, u, v) = (try table.integers("action"), try table.integers("effective_action"),
                             try table.doubles("wind_u_mps"), try table.doubles("wind_v_mps"))
        let status = try table.strings("status")
        return step.indices.map { i in
            RunStep(step: step[i], xMeters: x[i], yMeters: y[i], pressurePa: p[i], superpressurePa: sp[i],
                    batteryChargeWh: e[i], action: a[i], effectiveAction: ea[i], reward: r[i], distanceKm: d[i],
                    windU: u[i], windV: v[i], status: status[i])
        }
    }
}
