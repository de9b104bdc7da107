import Agents
import BalloonPhysics
import StationKeeping
import XCTest

/// The random agent commands uniformly at random, reproducibly from the episode seed (ble-reference.md §6.3).
final class RandomAgentTests: XCTestCase {

    private let observation = SyntheticObservation().observation

    private func episode(seed: UInt64, steps: Int) -> [AltitudeControlCommand] {
        var agent = RandomAgent()
        var commands = [agent.beginEpisode(observation: observation, seed: seed)]
        for _ in 1..<steps { commands.append(agent.step(reward: 0, observation: observation)) }
        agent.endEpisode(reward: 0, terminal: false)
        return commands
    }

    func testTheSameSeedGivesTheSameCommandsAndAnotherSeedOthers() {
        XCTAssertEqual(episode(seed: 9, steps: 960), episode(seed: 9, steps: 960))
        XCTAssertNotEqual(episode(seed: 9, steps: 960), episode(seed: 10, steps: 960))
    }

    func testEachCommandIsEquallyLikely() {
        let commands = episode(seed: 1, steps: 30_000)
        for command in AltitudeControlCommand.allCases {
            let share = Double(commands.filter { $0 == command }.count) / Double(commands.count)
            XCTAssertEqual(share, 1.0 / 3, accuracy: 0.01, "\(command)")  // 3.6 standard errors
        }
    }
}
