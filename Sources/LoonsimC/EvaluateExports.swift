import Agents
import BalloonPhysics
import Evaluation
import Foundation
import StationKeeping
import Synchronization

/// A policy written in another language, called through a C function pointer: it gets the
/// episode's seed, whether the episode is beginning (1) or going on (0), the observation (1099
/// floats) and the last reward, and returns an action, or −1 when it failed.
public typealias PolicyCallback = @convention(c) (Int64, Int32, UnsafePointer<Float>, Double) -> Int64

/// Set by the first failed policy call; stops the evaluation at the next episode.
final class PolicyFailure: Sendable {
    let failed = Atomic<Bool>(false)
}

/// An agent whose every decision is a ``PolicyCallback`` call. After a failed call it flies
/// STAY without calling again, and the evaluation stops.
struct CallbackAgent: StationKeepingAgent, @unchecked Sendable {
    var name: String { "python-policy" }
    let callback: PolicyCallback
    let failure: PolicyFailure
    var seed: Int64 = 0

    mutating func beginEpisode(observation: Observation, seed: UInt64) -> AltitudeControlCommand {
        self.seed = Int64(bitPattern: seed)
        return decide(begin: true, observation: observation, reward: 0)
    }

    mutating func step(reward: Double, observation: Observation) -> AltitudeControlCommand {
        decide(begin: false, observation: observation, reward: reward)
    }

    func endEpisode(reward: Double, terminal: Bool) {}

    private func decide(begin: Bool, observation: Observation, reward: Double) -> AltitudeControlCommand {
        guard !failure.failed.load(ordering: .relaxed) else { return .stay }
        let action = observation.values.withUnsafeBufferPointer { callback(seed, begin ? 1 : 0, $0.baseAddress!, reward) }
        guard let command = AltitudeControlCommand(rawValue: Int(clamping: action)) else {
            failure.failed.store(true, ordering: .relaxed)
            return .stay
        }
        return command
    }
}

/// Flies a built-in agent (`agent`, from `loonsim_agent_create`) or a policy callback over the
/// scenarios of `seeds` with Swift's ``Evaluator`` on `jobs` threads, saving episode files under
/// `episodeDirectory`, and writes BLE's per-seed results JSON (loonsim's keys added) to `resultsPath`.
@_cdecl("loonsim_evaluate")
public func loonsimEvaluate(_ agent: UnsafeMutableRawPointer?, _ callback: PolicyCallback?,
                            _ seeds: UnsafePointer<Int64>?, _ seedCount: Int64, _ profile: UnsafePointer<CChar>?,
                            _ days: Double, _ winds: UnsafePointer<CChar>?, _ scenarioFile: UnsafePointer<CChar>?,
                            _ jobs: Int64, _ flightPaths: Int32, _ episodeDirectory: UnsafePointer<CChar>?,
                            _ resultsPath: UnsafePointer<CChar>?,
                            _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        guard let seeds, seedCount >= 1 else { throw InterfaceError("there are no seeds to evaluate") }
        guard jobs >= 1 else { throw InterfaceError("jobs must be at least 1, got \(jobs)") }
        let simulation = try Simulation(count: 1, profile: string(profile, "the physics profile"), days: days,
                                        winds: string(winds, "the wind source"),
                                        scenarioFile: scenarioFile.map { String(cString: $0) }, threads: 1)
        let scenarios = try (0..<Int(seedCount)).map { try simulation.scenario(seed: Int(seeds[$0])) }
        let failure = PolicyFailure()
        let flown: any StationKeepingAgent
        if let callback {
            flown = CallbackAgent(callback: callback, failure: failure)
        } else {
            flown = try Handle.object(agent, as: AgentBox.self).agent
        }
        let plan = Evaluator.Plan(
            agent: flown, scenarios: scenarios, configuration: simulation.configuration,
            winds: simulation.winds.source, windsName: simulation.winds.name,
            jobs: Int(jobs), episodeDirectory: try string(episodeDirectory, "the episode folder"), resume: false)
        let results: [EpisodeResult]
        do {
            results = try Evaluator().run(plan, shouldStop: { failure.failed.load(ordering: .relaxed) })
        } catch {
            if failure.failed.load(ordering: .relaxed) { throw InterfaceError("the policy failed") }
            throw error
        }
        if failure.failed.load(ordering: .relaxed) { throw InterfaceError("the policy failed") }
        try EvaluationJSON.write(results, provenance: plan.provenance, flightPaths: flightPaths != 0,
                                 to: string(resultsPath, "the results path"))
    }
}
