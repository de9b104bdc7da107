// Evaluation speed: the 100-seed small suite (two-day trials) with the station seeker, with
// perciatelli44 and with the shipped learned agent, on all cores, against the same work on one
// core measured in the same run; network agents both in lockstep (one batched forward per step
// for a worker's flights) and one episode at a time, with a check that both give the same episodes.
//
//     swift run -c release EvaluationBenchmark [--quick] [--jobs N] [--width N]
//
// Target (issue 15): network agents at ≥ 60 % of the station seeker's rate on the small suite,
// all cores. Ratios to BLE come from BLE run beside loonsim: Experiments/BLESideBySide.
// --quick flies the first 20 seeds and scales the figures to 100.

import Agents
import Dispatch
import Evaluation
import ExperimentSupport
import Foundation
import Learning
import StationKeeping
import WindField

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let jobs = ExperimentOptions.value("--jobs").flatMap { Int($0) } ?? System.coreCount
let width = ExperimentOptions.value("--width").flatMap { Int($0) } ?? 16
let seeds = Array(0..<(quick ? 20 : 100))
let decoder = try VAEDecoder.loadDefault()
let scenarios = try seeds.map { try ScenarioSampler.scenario(seed: $0) }
let scratch = NSTemporaryDirectory() + "loonsim-evaluation-benchmark-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: scratch) }
let learnedPath = try DataFiles.require("Experiments/agents/performer-qrdqn.h5")

func makeAgent(_ name: String) throws -> any StationKeepingAgent {
    name == "performer-qrdqn" ? try LearnedAgent(checkpointPath: learnedPath) : try AgentRegistry.make(name: name)
}

/// Seconds to fly `scenarios`, the steps flown and the episodes.
func fly(_ agent: String, jobs: Int, lockstep: Int, scenarios: [Scenario]) throws -> (Double, Int, [EpisodeResult]) {
    var plan = Evaluator.Plan(agent: try makeAgent(agent), scenarios: scenarios, configuration: EnvironmentConfiguration(),
                              winds: .generative(decoder), windsName: "generative", jobs: jobs,
                              episodeDirectory: scratch + "/\(agent)-\(jobs)-\(UUID().uuidString)", resume: false)
    plan.lockstepWidth = lockstep
    let start = DispatchTime.now().uptimeNanoseconds
    let results = try Evaluator().run(plan)
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, results.map(\.finalTimestep).reduce(0, +), results)
}

print("loonsim evaluation benchmark: small suite (100 seeds × 960 steps)\(quick ? ", measured on 20 seeds and scaled" : "")")
print("agent                          cores   suite seconds   steps/s   vs station seeker   one-core seconds   scaling")
let scale = 100.0 / Double(seeds.count)
var seekerRate = 0.0
var verdicts: [String] = []
// The Performer agent does not prefer batches (LearnedAgent.prefersBatches), so it flies one by one.
for (agent, lockstep) in [("station-seeker", 1), ("perciatelli44", width), ("perciatelli44", 1), ("performer-qrdqn", 1)] {
    let (parallel, steps, results) = try fly(agent, jobs: jobs, lockstep: lockstep, scenarios: scenarios)
    let oneCoreSample = Array(scenarios.prefix(max(2, scenarios.count / 5)))
    let (single, _, _) = try fly(agent, jobs: 1, lockstep: lockstep, scenarios: oneCoreSample)
    let singleSuite = single * Double(scenarios.count) / Double(oneCoreSample.count) * scale
    let rate = Double(steps) / parallel
    if agent == "station-seeker" { seekerRate = rate }
    let label = agent == "station-seeker" ? agent : agent + (lockstep > 1 ? ", lockstep \(lockstep)" : ", one by one")
    print(label.padding(toLength: 30, withPad: " ", startingAt: 0)
        + String(format: " %5d   %13.1f   %7.0f   %16.0f %%   %16.1f   %6.2f×", jobs, parallel * scale, rate,
                 100 * rate / seekerRate, singleSuite, singleSuite / (parallel * scale)))
    if agent == "performer-qrdqn" {
        verdicts.append(String(format: "%@: %.0f %% of the station seeker's rate (target ≥ 60 %%: %@)", agent,
                               100 * rate / seekerRate, rate >= 0.6 * seekerRate ? "met" : "not met"))
    }
    if agent != "station-seeker" && lockstep > 1 {
        let (_, _, alone) = try fly(agent, jobs: jobs, lockstep: 1, scenarios: Array(scenarios.prefix(10)))
        let same = Array(results.prefix(10)) == alone
        verdicts.append(String(format: "%@ in lockstep: %.0f %% of the station seeker's rate (target ≥ 60 %%: %@); "
            + "first 10 episodes %@ one by one", agent, 100 * rate / seekerRate, rate >= 0.6 * seekerRate ? "met" : "not met",
            same ? "identical to" : "DIFFER from"))
    }
}
verdicts.forEach { print($0) }
