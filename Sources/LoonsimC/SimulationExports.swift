import Foundation
import StationKeeping

// The environment functions of the C interface (see python/loonsim/_native.py for their use).
// Observations are 1099 float32 values per environment, infos `loonsim_info_count()` doubles.

@_cdecl("loonsim_info_count")
public func loonsimInfoCount() -> Int64 { Int64(Simulation.infoCount) }

@_cdecl("loonsim_observation_count")
public func loonsimObservationCount() -> Int64 { Int64(Observation.count) }

/// Makes `count` environments; `winds` is "generative" or a wind-grid path, `scenarioFile` may be null.
@_cdecl("loonsim_sim_create")
public func loonsimSimCreate(_ count: Int64, _ profile: UnsafePointer<CChar>?, _ days: Double,
                             _ winds: UnsafePointer<CChar>?, _ scenarioFile: UnsafePointer<CChar>?, _ threads: Int64,
                             _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> UnsafeMutableRawPointer? {
    var handle: UnsafeMutableRawPointer?
    _ = reportingErrors(error, capacity) {
        let simulation = try Simulation(
            count: Int(count), profile: string(profile, "the physics profile"), days: days,
            winds: string(winds, "the wind source"), scenarioFile: scenarioFile.map { String(cString: $0) },
            threads: Int(threads))
        handle = Handle.make(simulation)
    }
    return handle
}

@_cdecl("loonsim_sim_destroy")
public func loonsimSimDestroy(_ handle: UnsafeMutableRawPointer?) {
    Handle.release(handle, as: Simulation.self)
}

/// Writes up to `capacity` of the scenario file's seeds to `out`; returns how many the file holds (0 without a file).
@_cdecl("loonsim_sim_scenario_seeds")
public func loonsimSimScenarioSeeds(_ handle: UnsafeMutableRawPointer?, _ out: UnsafeMutablePointer<Int64>?,
                                    _ capacity: Int64) -> Int64 {
    guard let simulation = try? Handle.object(handle, as: Simulation.self) else { return 0 }
    if let out {
        for (index, seed) in simulation.fileSeeds.prefix(Int(max(0, capacity))).enumerated() { out[index] = Int64(seed) }
    }
    return Int64(simulation.fileSeeds.count)
}

/// Resets environment `index` to the scenario of `seed`.
@_cdecl("loonsim_sim_reset")
public func loonsimSimReset(_ handle: UnsafeMutableRawPointer?, _ index: Int64, _ seed: Int64,
                            _ observation: UnsafeMutablePointer<Float>, _ info: UnsafeMutablePointer<Double>,
                            _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        let simulation = try Handle.object(handle, as: Simulation.self)
        let environment = try simulation.environment(Int(index))
        let result = try environment.reset(scenario: simulation.scenario(seed: Int(seed)))
        Simulation.write(result.observation, result.info, environment, to: observation, info)
    }
}

/// Steps environment `index` with `action` (0 DOWN, 1 STAY, 2 UP); `flags` gets terminated, truncated.
@_cdecl("loonsim_sim_step")
public func loonsimSimStep(_ handle: UnsafeMutableRawPointer?, _ index: Int64, _ action: Int64,
                           _ observation: UnsafeMutablePointer<Float>, _ reward: UnsafeMutablePointer<Double>,
                           _ flags: UnsafeMutablePointer<UInt8>, _ info: UnsafeMutablePointer<Double>,
                           _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        let environment = try Handle.object(handle, as: Simulation.self).environment(Int(index))
        let result = try environment.step(action: Int(clamping: action))
        Simulation.write(result.observation, result.info, environment, to: observation, info)
        reward.pointee = result.reward
        flags[0] = result.terminated ? 1 : 0
        flags[1] = result.truncated ? 1 : 0
    }
}

/// Steps every environment at once over the cores: environment `i` is reset to the scenario of
/// `resetSeeds[i]` when that is ≥ 0 (its action ignored, reward 0, flags 0; Gymnasium's next-step
/// autoreset), else stepped with `actions[i]`. Outputs are row `i` of each array.
@_cdecl("loonsim_sim_step_all")
public func loonsimSimStepAll(_ handle: UnsafeMutableRawPointer?, _ actions: UnsafePointer<Int64>,
                              _ resetSeeds: UnsafePointer<Int64>, _ observations: UnsafeMutablePointer<Float>,
                              _ rewards: UnsafeMutablePointer<Double>, _ terminated: UnsafeMutablePointer<UInt8>,
                              _ truncated: UnsafeMutablePointer<UInt8>, _ infos: UnsafeMutablePointer<Double>,
                              _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        let simulation = try Handle.object(handle, as: Simulation.self)
        _ = try simulation.batch.parallelMap { index in
            let environment = simulation.batch.environments[index]
            let observation = observations + index * Observation.count
            let info = infos + index * Simulation.infoCount
            do {
                if resetSeeds[index] >= 0 {
                    let result = try environment.reset(scenario: simulation.scenario(seed: Int(resetSeeds[index])))
                    Simulation.write(result.observation, result.info, environment, to: observation, info)
                    (rewards[index], terminated[index], truncated[index]) = (0, 0, 0)
                } else {
                    let result = try environment.step(action: Int(clamping: actions[index]))
                    Simulation.write(result.observation, result.info, environment, to: observation, info)
                    rewards[index] = result.reward
                    terminated[index] = result.terminated ? 1 : 0
                    truncated[index] = result.truncated ? 1 : 0
                }
            } catch {
                throw InterfaceError("environment \(index): \(error)")
            }
        }
    }
}
