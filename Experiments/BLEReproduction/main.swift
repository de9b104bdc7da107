// Reproducing BLE's benchmark numbers: StationSeeker and perciatelli44 flown on BLE's own exported
// scenarios (../shared/data/ble), per seed next to BLE's TWR50 (runs/summary.csv).
//
//     swift run -c release BLEReproduction [--data ../shared/data/ble] [--agents station-seeker,perciatelli44]
//                                          [--suites small,medium] [--jobs N]
//
// Target: suite means within 0.02 of BLE's; the mean per-seed |ΔTWR50| is printed too. With
// --suites it then flies the same agents on loonsim's own suites (loonsim's seed → scenario
// mapping, so these are comparable with each other, not seed by seed with BLE).

import Agents
import ExperimentSupport
import BalloonPhysics
import Dispatch
import Evaluation
import Foundation
import StationKeeping
import WindField

let data = ExperimentOptions.value("--data") ?? BLEExport.defaultDirectory ?? "../shared/data/ble"
let agentNames = (ExperimentOptions.value("--agents") ?? "station-seeker,perciatelli44").split(separator: ",").map(String.init)
let suites = (ExperimentOptions.value("--suites") ?? "").split(separator: ",").compactMap { EvaluationSuite(rawValue: String($0)) }
let jobs = Int(ExperimentOptions.value("--jobs") ?? "") ?? System.coreCount
let scratch = NSTemporaryDirectory() + "loonsim-ble-reproduction-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: scratch) }

let bleCode = ["station-seeker": "ss", "perciatelli44": "p44"]
let decoder = try VAEDecoder.loadDefault()
let scenarios = try ScenarioFile.load(data + "/scenarios.json")
let reference = try BLEExport.summary(in: data)

func fly(_ agentName: String, _ list: [Scenario], label: String) throws -> [EpisodeResult] {
    let start = DispatchTime.now().uptimeNanoseconds
    let plan = Evaluator.Plan(agent: try AgentRegistry.make(name: agentName), scenarios: list,
                              configuration: EnvironmentConfiguration(), winds: .generative(decoder), windsName: "generative",
                              jobs: jobs, episodeDirectory: scratch + "/\(label)-\(agentName)", resume: false)
    let results = try Evaluator().run(plan)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    FileHandle.standardError.write(Data(String(format: "%@ %@: %d episodes in %.1f s\n", label, agentName, list.count, seconds).utf8))
    return results
}

var readme: [String] = []
for agentName in agentNames {
    guard let code = bleCode[agentName], let ble = reference[code] else { continue }
    let flown = scenarios.filter { ble[$0.seed!] != nil }
    let results = try fly(agentName, flown, label: "ble-scenarios")
    print("\(agentName) on BLE's exported scenarios (\(flown.count) seeds)")
    print("  seed  TWR50 loonsim  TWR50 BLE      Δ")
    var differences: [Double] = []
    for result in results {
        let expected = ble[result.seed]!
        differences.append(abs(result.timeWithinRadius - expected))
        print(String(format: "  %4d  %13.4f  %9.4f  %+7.4f", result.seed, result.timeWithinRadius, expected,
                     result.timeWithinRadius - expected))
    }
    let ours = results.map(\.timeWithinRadius).reduce(0, +) / Double(results.count)
    let theirs = flown.map { ble[$0.seed!]! }.reduce(0, +) / Double(flown.count)
    let identical = differences.filter { $0 == 0 }.count
    let line = String(format: "%@: mean TWR50 loonsim %.4f, BLE %.4f (Δ %+.4f, target |Δ| ≤ 0.02 %@); mean per-seed |ΔTWR50| %.4f; identical on %d of %d seeds",
                      agentName, ours, theirs, ours - theirs, abs(ours - theirs) <= 0.02 ? "met" : "missed",
                      differences.reduce(0, +) / Double(differences.count), identical, differences.count)
    print("  " + line)
    print("")
    readme.append(line)
}

for suite in suites {
    for agentName in agentNames {
        let list = try suite.seeds.map { try ScenarioSampler.scenario(seed: $0) }
        let summary = EvaluationSummary(try fly(agentName, list, label: suite.bleName))
        let line = String(format: "%@ %@: TWR50 %.4f ± %.4f (95%% CI), full-trial %.4f, reward %.1f, failures %d/%d/%d",
                          suite.bleName, agentName, summary.meanTimeWithinRadius, summary.timeWithinRadiusConfidence95,
                          summary.meanTimeWithinRadiusFullTrial, summary.meanCumulativeReward, summary.outOfPower,
                          summary.envelopeBurst, summary.zeroPressure)
        print(line)
        readme.append(line)
    }
}
print("")
print("summary")
for line in readme { print("  " + line) }
