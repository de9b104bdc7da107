// Fidelity against BLE's own episodes (../shared/data/ble): initial observations of every
// exported scenario, and trajectories fed BLE's recorded actions.
//
//     swift run -c release FidelityCheck [--data ../shared/data/ble] [--steps 960]
//
// For each recorded run (agents ss = StationSeeker, p44 = Perciatelli44; seeds 0–9) the table
// gives the first step where loonsim's position differs from BLE's by more than 1 km or its
// pressure by more than 50 Pa ("diverges"), the first step where the pressure differs by more
// than 1e-6 Pa ("first drift"), the largest position and pressure differences over the run, and
// TWR50 of both trajectories. Forecast "vae" is loonsim's own
// decode of the scenario's latents; "ble" is BLE's exported grid (seeds 0–4).

import BalloonPhysics
import ExperimentSupport
import Foundation
import HDF5
import StationKeeping
import WindField

let data = ExperimentOptions.value("--data") ?? BLEExport.defaultDirectory ?? "../shared/data/ble"
let stepLimit = Int(ExperimentOptions.value("--steps") ?? "960") ?? 960

let scenarios = try ScenarioFile.load(data + "/scenarios.json")
let decoder = try VAEDecoder.loadDefault()
let environment = StationKeepingEnvironment(winds: .generative(decoder))

// 1. Initial observations.
let initial = try BLEExport.initialObservations(in: data)
var worstInitial = (difference: 0.0, seed: 0, index: 0)
var identical = 0
for scenario in scenarios {
    let observation = try environment.reset(scenario: scenario).observation.values
    let ble = initial[scenario.seed!]!
    var same = true
    for (index, value) in observation.enumerated() {
        let difference = abs(Double(value) - ble[index])
        if difference > 0 { same = false }
        if difference > worstInitial.difference { worstInitial = (difference, scenario.seed!, index) }
    }
    if same { identical += 1 }
}
print("Initial observations: \(scenarios.count) scenarios, \(identical) bit-identical, largest |Δ| "
    + String(format: "%.3g", worstInitial.difference) + " (seed \(worstInitial.seed), value \(worstInitial.index)); "
    + (worstInitial.difference <= 1e-4 ? "all within 1e-4" : "NOT all within 1e-4"))
print("")

// 2. Trajectories fed BLE's recorded actions.
func twr(_ distancesKm: [Double]) -> Double {
    distancesKm.isEmpty ? 0 : Double(distancesKm.filter { $0 <= 50 }.count) / Double(distancesKm.count)
}

print("agent  seed  forecast  diverges  first drift  max |Δposition| m  max |Δpressure| Pa  TWR50 loonsim  TWR50 BLE")
var divergences: [Int] = []
for agent in ["ss", "p44"] {
    for seed in 0..<10 {
        let path = data + "/runs/\(agent)_seed\(seed).csv.gz"
        guard FileManager.default.fileExists(atPath: path), let scenario = scenarios.first(where: { $0.seed == seed }) else {
            continue
        }
        let table = try BLERunTable(path: path)
        let (actions, xs, ys, pressures) = (try table.integers("action"), try table.doubles("x_m"), try table.doubles("y_m"),
                                            try table.doubles("pressure_pa"))
        let bleDistancesKm = try table.doubles("distance_km")
        var forecasts: [(String, GriddedWindField?)] = [("vae", nil)]
        let gridPath = data + "/forecast_seed\(seed).h5"
        if FileManager.default.fileExists(atPath: gridPath) {
            let uv = try HDF5File.open(gridPath).dataset("uv").read(as: Float.self)
            forecasts.append(("ble", try GriddedWindField(WindGrid(bleField: uv, source: "BLE"))))
        }
        for (name, forecast) in forecasts {
            _ = try environment.reset(scenario: scenario, forecast: forecast)
            var diverged: Int? = nil
            var drift: Int? = nil
            var distances: [Double] = []
            var worstPosition = 0.0, worstPressure = 0.0
            for index in actions.indices.prefix(stepLimit) {
                let result = try environment.step(action: actions[index])
                let state = environment.state!
                distances.append(result.info.distanceKm)
                let position = ((state.xMeters - xs[index]) * (state.xMeters - xs[index])
                    + (state.yMeters - ys[index]) * (state.yMeters - ys[index])).squareRoot()
                let pressure = abs(state.pressurePa - pressures[index])
                worstPosition = max(worstPosition, position)
                worstPressure = max(worstPressure, pressure)
                if drift == nil && pressure > 1e-6 { drift = index + 1 }
                if diverged == nil && (position > 1_000 || pressure > 50) { diverged = index + 1 }
                if result.terminated || result.truncated { break }
            }
            if name == "vae" { divergences.append(diverged ?? actions.count + 1) }
            let flown = min(actions.count, stepLimit)
            print(String(format: "%-5@  %4d  %-8@  %8@  %11@  %17.2g  %18.2g  %13.3f  %9.3f", agent as NSString, seed,
                         name as NSString, (diverged.map(String.init) ?? "never") as NSString,
                         (drift.map(String.init) ?? "never") as NSString, worstPosition, worstPressure,
                         twr(distances), twr(Array(bleDistancesKm.prefix(flown)))))
        }
    }
}
let sorted = divergences.sorted()
if !sorted.isEmpty {
    let median = sorted.count % 2 == 1 ? Double(sorted[sorted.count / 2])
        : Double(sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    print("")
    print(String(format: "median first divergence (vae forecast, %d runs): step %.1f (a run that never diverges counts as %d)",
                 sorted.count, median, stepLimit + 1))
}
