import BalloonPhysics
import Foundation
import StationKeeping
import WindField

/// One or more environments sharing a configuration, winds and a source of scenarios: what a
/// Python `StationKeepingEnv` (one) or `StationKeepingVectorEnv` (N) drives.
///
/// A seed names a scenario: loonsim's ``ScenarioSampler`` draws it, or, with a scenario file, it
/// is the file's scenario with that seed. Over a wind grid every scenario is flown at the grid's
/// station and start time, as `loonsim evaluate --winds` does.
final class Simulation {
    /// The environments, stepped over the cores by the batch.
    let batch: EnvironmentBatch
    let configuration: EnvironmentConfiguration
    /// The scenario file's scenarios by seed, when one was given.
    let fileScenarios: [Int: Scenario]?
    /// The scenario file's seeds, in file order.
    let fileSeeds: [Int]
    /// The winds, and the grid every scenario is flown over when they are not generative.
    let winds: WindSourceSelection

    /// The number of doubles ``writeInfo(_:_:into:)`` writes per environment.
    static let infoCount = 11

    init(count: Int, profile: String, days: Double, winds: String, scenarioFile: String?, threads: Int) throws {
        guard count >= 1, count <= 65_536 else { throw InterfaceError("the number of environments must be 1 to 65536, got \(count)") }
        guard let profile = PhysicsProfile(rawValue: profile) else {
            throw InterfaceError("unknown physics profile '\(profile)'; use 'ble' or 'corrected'")
        }
        guard days.isFinite, days > 0, days <= 365,
              Int((days * Double(EnvironmentConfiguration.stepsPerDay)).rounded(.down)) >= 1 else {
            throw InterfaceError("days must be positive (at least one 3-minute step) and at most 365, got \(days)")
        }
        configuration = .days(days, profile: profile)
        let selection = try WindSourceSelection(winds, decoder: DataHome.shared.decoder)
        self.winds = selection
        if let scenarioFile {
            let scenarios = try ScenarioFile.load(scenarioFile)
            guard !scenarios.isEmpty else { throw InterfaceError("\(scenarioFile): holds no scenarios") }
            fileSeeds = scenarios.map { $0.seed ?? 0 }
            fileScenarios = Dictionary(scenarios.map { ($0.seed ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
        } else {
            fileScenarios = nil
            fileSeeds = []
        }
        batch = EnvironmentBatch(count: count, configuration: configuration, winds: selection.source, threads: max(1, threads))
    }

    /// The scenario `seed` names (see the type's summary).
    func scenario(seed: Int) throws -> Scenario {
        guard seed >= 0 else { throw InterfaceError("seed must be a non-negative integer, got \(seed)") }
        var scenario: Scenario
        if let fileScenarios {
            guard let found = fileScenarios[seed] else {
                throw InterfaceError("seed \(seed) is not in the scenario file (it holds \(fileSeeds.count) scenarios, "
                    + "seeds \(fileSeeds.prefix(6).map(String.init).joined(separator: ", "))\(fileSeeds.count > 6 ? ", …" : ""))")
            }
            scenario = found
        } else {
            scenario = try ScenarioSampler.scenario(seed: seed, profile: configuration.profile)
        }
        return winds.flying(scenario)
    }

    /// The environment at `index`, or an error naming the valid range.
    func environment(_ index: Int) throws -> StationKeepingEnvironment {
        guard (0..<batch.environments.count).contains(index) else {
            throw InterfaceError("environment index \(index) is outside 0..<\(batch.environments.count)")
        }
        return batch.environments[index]
    }

    /// Writes the info of `environment`'s current state: distance km, pressure Pa, battery state
    /// of charge, elapsed s, step count, status code, effective command (−1 at reset), within the
    /// radius (0/1), x km, y km, superpressure Pa.
    static func writeInfo(_ info: StepInfo, _ environment: StationKeepingEnvironment, into out: UnsafeMutablePointer<Double>) {
        let state = environment.state!
        out[0] = info.distanceKm
        out[1] = state.pressurePa
        out[2] = state.batteryStateOfCharge
        out[3] = Double(info.elapsedSeconds)
        out[4] = Double(info.stepCount)
        out[5] = Double(info.status.rawValue)
        out[6] = Double(info.effectiveCommand?.rawValue ?? -1)
        out[7] = info.withinRadius ? 1 : 0
        out[8] = state.xMeters / 1000
        out[9] = state.yMeters / 1000
        out[10] = state.superpressurePa
    }

    /// Writes what a reset or step returned for C: the observation's 1099 floats and the info row.
    static func write(_ observation: Observation, _ info: StepInfo, _ environment: StationKeepingEnvironment,
                      to observationOut: UnsafeMutablePointer<Float>, _ infoOut: UnsafeMutablePointer<Double>) {
        copy(observation, to: observationOut)
        writeInfo(info, environment, into: infoOut)
    }

    /// Copies an observation's 1099 values to `out`.
    static func copy(_ observation: Observation, to out: UnsafeMutablePointer<Float>) {
        observation.values.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: Observation.count) }
    }
}
