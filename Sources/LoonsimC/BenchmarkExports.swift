import StationKeeping

// Baselines for python/benchmarks: the same loops as the Python benchmark, run inside Swift, so
// that the Python figures can be set against the Swift rate measured in the same run.

/// Flies environment 0 for `steps` steps with actions 0, 1, 2, 0, … (the Python benchmark's),
/// resetting to the next seed whenever an episode ends; starts from a reset to `seed`.
@_cdecl("loonsim_benchmark_steps")
public func loonsimBenchmarkSteps(_ handle: UnsafeMutableRawPointer?, _ steps: Int64, _ seed: Int64,
                                  _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        let simulation = try Handle.object(handle, as: Simulation.self)
        let environment = try simulation.environment(0)
        var nextSeed = Int(seed)
        _ = try environment.reset(scenario: simulation.scenario(seed: nextSeed))
        for step in 0..<Int(max(0, steps)) {
            let result = try environment.step(action: step % 3)
            if result.terminated || result.truncated {
                nextSeed += 1
                _ = try environment.reset(scenario: simulation.scenario(seed: nextSeed))
            }
        }
    }
}

/// Steps all environments `steps` times through `loonsim_sim_step_all` (actions as above, the
/// next-step autoreset to seed + N·k + i), writing into buffers of its own.
@_cdecl("loonsim_benchmark_steps_all")
public func loonsimBenchmarkStepsAll(_ handle: UnsafeMutableRawPointer?, _ steps: Int64, _ seed: Int64,
                                     _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        let simulation = try Handle.object(handle, as: Simulation.self)
        let count = simulation.batch.environments.count
        var observations = [Float](repeating: 0, count: count * Observation.count)
        var infos = [Double](repeating: 0, count: count * Simulation.infoCount)
        var rewards = [Double](repeating: 0, count: count)
        var terminated = [UInt8](repeating: 0, count: count), truncated = [UInt8](repeating: 0, count: count)
        var actions = [Int64](repeating: 0, count: count)
        var resets = (0..<count).map { seed + Int64($0) }
        var nextSeed = seed + Int64(count)
        for step in 0...Int(max(0, steps)) {
            for index in 0..<count { actions[index] = Int64(step % 3) }
            let status = loonsimSimStepAll(handle, actions, resets, &observations, &rewards, &terminated, &truncated, &infos,
                                           error, capacity)
            guard status == CStatus.success else { throw InterfaceError(error.map { String(cString: $0) } ?? "a batch step failed") }
            for index in 0..<count {
                if terminated[index] != 0 || truncated[index] != 0 {
                    resets[index] = nextSeed
                    nextSeed += 1
                } else {
                    resets[index] = -1
                }
            }
        }
    }
}
