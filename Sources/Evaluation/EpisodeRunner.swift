import Agents
import BalloonPhysics
import StationKeeping

/// Flies one episode the way BLE's `eval_lib.eval_agent` does (reference §7.2).
///
/// `reset`; `a = beginEpisode(obs)`; then up to `trialSteps` times: step with `a`, give the
/// agent the reward and observation (`a = step(r, obs)`), count the post-step state within
/// the radius, stop when the flight ends; finally `endEpisode(r, terminal)`.
public enum EpisodeRunner {
    public static func run(agent: inout any StationKeepingAgent, environment: StationKeepingEnvironment,
                           scenario: Scenario) throws -> EpisodeResult {
        let trialSteps = environment.configuration.trialSteps
        // Observations are not kept from one step to the next, so the environment writes each in place.
        var command = agent.beginEpisode(observation: try environment.reset(scenario: scenario).observation,
                                         seed: UInt64(bitPattern: Int64(scenario.seed ?? 0)))
        var path: [FlightPoint] = []
        path.reserveCapacity(trialSteps)
        var cumulative = 0.0
        var within = 0
        var lastReward = 0.0
        var terminal = false
        while path.count < trialSteps {
            let result = try environment.step(command)
            path.append(FlightPoint(after: result, state: environment.state!, command: command))
            cumulative += result.reward
            lastReward = result.reward
            if result.info.withinRadius { within += 1 }
            terminal = result.terminated
            command = agent.step(reward: result.reward, observation: result.observation)
            if result.terminated || result.truncated { break }
        }
        agent.endEpisode(reward: lastReward, terminal: terminal)
        let status = environment.state!.status
        return EpisodeResult(
            seed: scenario.seed ?? 0, cumulativeReward: cumulative,
            timeWithinRadius: path.isEmpty ? 0 : Double(within) / Double(path.count),
            timeWithinRadiusFullTrial: Double(within) / Double(trialSteps),
            outOfPower: status == .outOfPower, envelopeBurst: status == .burst, zeroPressure: status == .zeroPressure,
            finalTimestep: path.count, trialSteps: trialSteps, flightPath: path)
    }
}
