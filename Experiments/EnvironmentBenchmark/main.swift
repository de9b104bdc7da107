// Environment speed: physics alone, observation alone and the full agent step, on one core and
// batched over all cores, plus peak memory.
//
//     swift run -c release EnvironmentBenchmark [--quick]
//
// BLE runs about 30 agent steps per second on one core of this machine (reference §8.1:
// 29.6 for StationSeeker, observation included); loonsim's target is 30 000 full steps per
// second on one core and near-linear scaling over cores. The scaling ratio compares the batch
// with the single-core figure measured in the same run.

import BalloonPhysics
import Dispatch
import Foundation
import StationKeeping
import WindField

let quick = CommandLine.arguments.contains("--quick")
let bleStepsPerSecond = 29.6  // reference §8.1, BLE HEAD on this machine kind

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let decoder = try VAEDecoder.loadDefault()
let environment = StationKeepingEnvironment(winds: .generative(decoder))
let steps = quick ? 2_000 : 10_000
let commands: [AltitudeControlCommand] = (0..<steps).map { index in
    // A StationSeeker-like mix: mostly STAY, bursts of UP and DOWN.
    switch (index / 7) % 6 { case 0: return .up; case 3: return .down; default: return .stay }
}

// Full steps, one core: episodes of up to 960 steps, reset in between (reset time excluded).
var fullSeconds = 0.0
var flown = 0
var seed = 0
var states: [BalloonState] = []       // every post-step state, in flight order
var episodeStarts: Set<Int> = [0]      // indices in `states` where an episode begins
while flown < steps {
    _ = try environment.reset(seed: seed)
    seed += 1
    episodeStarts.insert(states.count)
    var done = false
    fullSeconds += try seconds {
        while !done && flown < steps {
            let result = try environment.step(commands[flown])
            flown += 1
            done = result.terminated || result.truncated
            states.append(environment.state!)
        }
    }
}
let fullRate = Double(flown) / fullSeconds

// Physics alone: one agent step from each recorded state, with a fixed wind.
var physicsCount = 0
let physicsSeconds = try seconds {
    for (index, start) in states.enumerated() where start.status == .ok {
        var state = start
        try state.simulateStep(wind: WindVector(uMetersPerSecond: 5, vMetersPerSecond: -3), command: commands[index])
        physicsCount += 1
    }
}
let physicsRate = Double(physicsCount) / physicsSeconds

// Observation alone: the recorded flights' observations again, in order (GP windows as in flight).
let features = PerciatelliFeatures(forecast: try GriddedWindField(WindGrid(
    bleField: decoder.decode(latents: GenerativeWinds.latents(seed: 0)), source: "benchmark")))
var observationCount = 0
let observationSeconds = try seconds {
    for (index, state) in states.enumerated() {
        if episodeStarts.contains(index) { features.reset(forecast: features.forecast) }
        features.observe(state: state, measuredWind: WindVector(uMetersPerSecond: 4, vMetersPerSecond: -2))
        _ = try features.observation(for: state)
        observationCount += 1
    }
}
let observationRate = Double(observationCount) / observationSeconds

// Batched over all cores.
let cores = System.coreCount
let batch = EnvironmentBatch(count: 4 * cores, winds: .generative(decoder), threads: cores)
_ = try batch.reset(scenarios: (0..<batch.environments.count).map { try ScenarioSampler.scenario(seed: 1_000 + $0) })
let batchRounds = quick ? 100 : 400
let batchSeconds = try seconds {
    for round in 0..<batchRounds {
        _ = try batch.step(Array(repeating: commands[round % steps], count: batch.environments.count))
    }
}
let batchRate = Double(batchRounds * batch.environments.count) / batchSeconds

print("loonsim environment benchmark\(quick ? " (quick)" : "")")
print("measure                                steps/s     vs BLE (29.6/s)")
for (name, rate) in [("physics alone (18 inner steps)", physicsRate), ("observation alone (1099 values)", observationRate),
                     ("full step, one core", fullRate)] {
    print(name.padding(toLength: 36, withPad: " ", startingAt: 0)
        + String(format: "%10.0f  %10.0f×", rate, rate / bleStepsPerSecond))
}
print("full step, \(batch.environments.count) envs on \(cores) cores".padding(toLength: 36, withPad: " ", startingAt: 0)
    + String(format: "%10.0f  %10.0f×   scaling %.2f× on %d cores", batchRate, batchRate / bleStepsPerSecond,
             batchRate / fullRate, cores))
print(String(format: "peak resident memory: %.0f MB", peakResidentMegabytes()))
print(String(format: "target: 30 000 full steps/s on one core — %@", fullRate >= 30_000 ? "met" : "not met"))
