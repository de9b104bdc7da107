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
        var record = EpisodeRecord(scenario: scenario, trialSteps: environment.configuration.trialSteps)
        // Observations are not kept from one step to the next, so the environment writes each in place.
        var command = agent.beginEpisode(observation: try environment.reset(scenario: scenario).observation,
                                         seed: record.agentSeed)
        while !record.isFinished {
            let result = try environment.step(command)
            record.record(result, state: environment.state!, command: command)
            command = agent.step(reward: result.reward, observation: result.observation)
        }
        agent.endEpisode(reward: record.lastReward, terminal: record.terminal)
        return record.result(finalState: environment.state!)
    }
}
