// TrainingBenchmark: throughput of `loonsim train`'s parts on this machine, for the Performer
// encoder and BLE's 7×600 MLP, with the learner on one thread and on two.
//
//     swift run -c release TrainingBenchmark [--quick]
//
// For each network: env steps/s of the actors (8 environments over the cores, each step chosen
// by one batched forward of the online network), then learner updates/s of batch 32 (sample from
// the replay memory, online forward+backward, target forward, Adam) and the samples/s they imply.
// The baseline in the same run is the cost of the environment alone (a plain batch step with
// StationSeeker-free fixed commands), so the ratio shows what acting adds.
import Foundation
import Learning
import StationKeeping
import WindField

let quick = CommandLine.arguments.contains("--quick")
if let unknown = CommandLine.arguments.dropFirst().first(where: { $0 != "--quick" }) {
    FileHandle.standardError.write(Data("TrainingBenchmark: unknown argument '\(unknown)' (only --quick)\n".utf8))
    exit(2)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

func configuration(network: EncoderConfiguration, threads: Int) -> TrainingConfiguration {
    var c = TrainingConfiguration()
    c.network = network
    c.environment.actors = 8
    c.learner.threads = threads
    c.learner.minimumReplayHistory = 1_000_000_000  // no updates while filling
    c.replay.capacity = 20_000
    c.budget.envSteps = 1_000_000_000
    c.validation.everyEnvSteps = 0
    return c
}

let folder = NSTemporaryDirectory() + "loonsim-training-benchmark-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: folder) }
let fillSteps = quick ? 800 : 2_400
let updateCount = quick ? 20 : 100
print("TrainingBenchmark\(quick ? " --quick" : ""): \(System.coreCount) cores; batch 32; actors 8; \(fillSteps) env steps, \(updateCount) updates per measure")

// Baseline: the environments alone, 8 over the cores, fixed commands.
let decoder = try VAEDecoder.loadDefault()
let batch = EnvironmentBatch(count: 8, configuration: EnvironmentConfiguration(), winds: .generative(decoder))
_ = try batch.reset(scenarios: (0..<8).map { try ScenarioSampler.scenario(seed: 1_000_000 + $0) })
let baselineSteps = fillSteps / 8
let baselineSeconds = try seconds { for _ in 0..<baselineSteps { _ = try batch.step(Array(repeating: .stay, count: 8)) } }
let baselineRate = Double(baselineSteps * 8) / baselineSeconds
print(String(format: "environments alone (8 on %d cores, fixed commands): %.0f env steps/s", System.coreCount, baselineRate))

var rows: [[String]] = []
let networks: [(String, EncoderConfiguration)] = [("Performer (default)", EncoderConfiguration()), ("BLE MLP 7×600", .bleMLP)]
// LOONSIM_BENCHMARK_ONLY=performer-2 (network-threads) measures one case alone, e.g. under `perf stat`.
let only = ProcessInfo.processInfo.environment["LOONSIM_BENCHMARK_ONLY"]
for (name, network) in networks {
    for threads in [1, 2] {
        if let only, only != "\(network.architecture.rawValue)-\(threads)" { continue }
        let run = folder + "/\(rows.count)"
        let trainer = try Trainer.start(configuration: configuration(network: network, threads: threads), runDirectory: run)
        let actSeconds = try seconds { for _ in 0..<(fillSteps / 8) { try trainer.performActorStep() } }
        let actRate = Double(fillSteps) / actSeconds
        trainer.performUpdate()  // warm-up: allocations, first Adam moments
        let updateSeconds = seconds { for _ in 0..<updateCount { trainer.performUpdate() } }
        let updatesPerSecond = Double(updateCount) / updateSeconds
        rows.append([name, "\(trainer.online.parameterCount)", "\(threads)", String(format: "%.0f", actRate),
                     String(format: "%.2f×", actRate / baselineRate), String(format: "%.1f", updatesPerSecond),
                     String(format: "%.0f", 32 * updatesPerSecond),
                     String(format: "%.0f", 4 * updatesPerSecond / (1 + 4 * updatesPerSecond / actRate))])
    }
}
let header = ["network", "parameters", "learner threads", "actor env steps/s", "vs envs alone", "updates/s", "samples/s",
              "training env steps/s at 4 per update"]
let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
func line(_ cells: [String]) -> String { zip(cells, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ") }
print(line(header))
print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
for row in rows { print(line(row)) }
print("training env steps/s: acting and learning alternate, so 1/(1/actor rate + 1/(4·updates/s)).")
print("For scale only (not measured here): issue 16 reports BLE's own quantile-agent loop on this machine kind at 38.7 env steps/s and 9.7 updates/s.")
