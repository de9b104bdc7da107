import Agents
import BalloonPhysics
import StationKeeping

/// Flies up to `width` episodes at once for a ``MemorylessAgent``: every step, one call of
/// ``MemorylessAgent/commands(for:)`` for all flights in the air (a network agent's one batched
/// forward), then each environment steps.
///
/// A finished flight hands its slot to the next scenario at once, so the batch stays full until
/// the scenarios run out. Each episode's result equals ``EpisodeRunner``'s for the same agent
/// (memoryless agents decide from the observation alone, and the built-in network agents give
/// each row of a batch the bits it gets alone).
struct LockstepRunner {
    let agent: any MemorylessAgent
    let configuration: EnvironmentConfiguration
    let winds: StationKeepingEnvironment.WindSource
    let width: Int

    /// Flies every scenario `next()` gives (nil: no more) and hands each finished episode to `finished`.
    ///
    /// `shouldStop` is polled every step: when it returns true the flights in the air are dropped
    /// unsaved and the call returns.
    func run(next: () -> Scenario?, finished: (EpisodeResult, Scenario) throws -> Void,
             shouldStop: () -> Bool = { false }) throws {
        var environments: [StationKeepingEnvironment] = []
        var records: [EpisodeRecord?] = []
        var observations: [Observation?] = []
        /// Puts the next scenario into slot `index` (made on first use); false when none is left.
        func refill(_ index: Int) throws -> Bool {
            while let scenario = next() {
                if index == environments.count {
                    environments.append(StationKeepingEnvironment(configuration: configuration, winds: winds))
                    records.append(nil)
                    observations.append(nil)
                }
                observations[index] = try failing(scenario) { try environments[index].reset(scenario: scenario).observation }
                let record = EpisodeRecord(scenario: scenario, trialSteps: configuration.trialSteps)
                records[index] = record
                if !record.isFinished { return true }
                try finished(record.result(finalState: environments[index].state!), scenario)
            }
            return false
        }
        var flying: [Int] = []
        while flying.count < width, try refill(flying.count) { flying.append(flying.count) }
        while !flying.isEmpty, !shouldStop() {
            let commands = agent.commands(for: flying.map { observations[$0]! })
            var stillFlying: [Int] = []
            for (position, index) in flying.enumerated() {
                // Let go of the last observation first, so the environment writes the next one in place.
                observations[index] = nil
                let result = try failing(records[index]!.scenario) { try environments[index].step(commands[position]) }
                records[index]!.record(result, state: environments[index].state!, command: commands[position])
                if records[index]!.isFinished {
                    try finished(records[index]!.result(finalState: environments[index].state!), records[index]!.scenario)
                    if try refill(index) { stillFlying.append(index) }
                } else {
                    observations[index] = result.observation
                    stillFlying.append(index)
                }
            }
            flying = stillFlying
        }
    }

    /// Runs `body`, naming `scenario`'s seed in any error it throws.
    private func failing<T>(_ scenario: Scenario, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw EvaluationError.episodeFailed(seed: scenario.seed ?? -1, reason: "\(error)")
        }
    }
}
