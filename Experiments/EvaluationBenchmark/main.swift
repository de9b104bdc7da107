// Evaluation speed: the 100-seed small suite (two-day trials) with the station seeker and with
// perciatelli44, on all cores, against the same work on one core measured in the same run.
//
//     swift run -c release EvaluationBenchmark [--quick] [--jobs N]
//
// BLE needs about 30 s per two-day episode on this machine, about an hour for the small suite
// (reference §8.1). Targets: station seeker < 10 s and perciatelli44 < 30 s for the small suite on
// 2 cores. --quick flies the first 20 seeds and scales the figures to 100.

import Agents
import Dispatch
import Evaluation
import ExperimentSupport
import Foundation
import StationKeeping
import WindField

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let jobs = ExperimentOptions.value("--jobs").flatMap { Int($0) } ?? System.coreCount
let seeds = Array(0..<(quick ? 20 : 100))
let bleSecondsPerEpisode = 30.0
let decoder = try VAEDecoder.loadDefault()
let scenarios = try seeds.map { try ScenarioSampler.scenario(seed: $0) }
let scratch = NSTemporaryDirectory() + "loonsim-evaluation-benchmark-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: scratch) }

func seconds(agent: String, jobs: Int, scenarios: [Scenario]) throws -> (Double, Int) {
    let plan = Evaluator.Plan(agent: try AgentRegistry.make(name: agent), scenarios: scenarios,
                              configuration: EnvironmentConfiguration(), winds: .generative(decoder), windsName: "generative",
                              jobs: jobs, episodeDirectory: scratch + "/\(agent)-\(jobs)-\(UUID().uuidString)", resume: false)
    let start = DispatchTime.now().uptimeNanoseconds
    let results = try Evaluator().run(plan)
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, results.map(\.finalTimestep).reduce(0, +))
}

print("loonsim evaluation benchmark: small suite (100 seeds × 960 steps)\(quick ? ", measured on 20 seeds and scaled" : "")")
print("agent            cores   suite seconds   steps/s   vs BLE (≈3000 s)   one-core seconds   scaling   target")
let scale = 100.0 / Double(seeds.count)
for (agent, target) in [("station-seeker", 10.0), ("perciatelli44", 30.0)] {
    let (parallel, steps) = try seconds(agent: agent, jobs: jobs, scenarios: scenarios)
    let oneCoreSample = Array(scenarios.prefix(max(2, scenarios.count / 5)))
    let (single, _) = try seconds(agent: agent, jobs: 1, scenarios: oneCoreSample)
    let singleSuite = single * Double(scenarios.count) / Double(oneCoreSample.count) * scale
    let suite = parallel * scale
    print(agent.padding(toLength: 16, withPad: " ", startingAt: 0)
        + String(format: " %5d   %13.1f   %7.0f   %14.0f×   %16.1f   %6.2f×   %@ %g s", jobs, suite, Double(steps) / parallel,
                 bleSecondsPerEpisode * 100 / suite, singleSuite, singleSuite / suite, suite < target ? "meets" : "misses",
                 target))
}
