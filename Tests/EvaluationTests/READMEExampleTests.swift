import Agents
import StationKeeping
import WindField
import XCTest
@testable import Evaluation

/// The README's "From Swift" example flies the episode `loonsim evaluate` flies (here over a
/// quarter-day trial instead of its two days, to keep the debug-built suite quick).
final class READMEExampleTests: XCTestCase {
    func testTheREADMEExampleFliesTheEpisodeTheEvaluatorFlies() throws {
        // From README.md, "From Swift" (rewards summed here to compare).
        let environment = StationKeepingEnvironment(
            configuration: .days(0.25), winds: .generative(try VAEDecoder.loadDefault()))
        var agent = StationSeekerAgent()
        let (observation, _) = try environment.reset(seed: 0)      // 1099 float32 values
        var action = agent.beginEpisode(observation: observation, seed: 0)
        var steps = 0, cumulativeReward = 0.0
        while true {
            let result = try environment.step(action)              // (observation, reward, terminated, truncated, info)
            steps += 1
            cumulativeReward += result.reward
            if result.terminated || result.truncated { break }
            action = agent.step(reward: result.reward, observation: result.observation)
        }

        XCTAssertEqual(steps, 120)
        var runnerAgent: any StationKeepingAgent = StationSeekerAgent()
        let flown = try EpisodeRunner.run(agent: &runnerAgent, environment: StationKeepingEnvironment(
            configuration: .days(0.25), winds: .generative(try VAEDecoder.loadDefault())),
                                          scenario: try ScenarioSampler.scenario(seed: 0))
        XCTAssertEqual(cumulativeReward, flown.cumulativeReward)
        XCTAssertEqual(flown.finalTimestep, 120)
    }
}
