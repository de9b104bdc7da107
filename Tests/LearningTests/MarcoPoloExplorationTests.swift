import Agents
import BalloonPhysics
import StationKeeping
import XCTest
@testable import Learning

final class MarcoPoloExplorationTests: XCTestCase {
    let observation = Observation(values: [Float](repeating: 0.5, count: Observation.count))

    /// BLE: RL for 80 steps (4 h), then the explorer for 40 (2 h), and so on; the clock advances before the check.
    func testAnExploratoryEpisodeAlternatesFourHoursOfPolicyWithTwoOfExplorer() {
        var configuration = ExplorationConfiguration()
        configuration.exploratoryEpisodeProbability = 1
        var exploration = MarcoPoloExploration(configuration: configuration, profile: .ble)
        var generator = Xoshiro256StarStar(seed: 0, label: "marco-polo-test")
        exploration.beginEpisode(observation: observation, seed: 7, using: &generator)
        XCTAssertTrue(exploration.isExploratoryEpisode)
        XCTAssertFalse(exploration.explorerHasControl, "every episode starts with the policy")
        var controller: [Bool] = []
        for _ in 0..<300 { controller.append(exploration.step(observation: observation) != nil) }
        // After step call k (1-based) the explorer chooses the next action when k mod 120 ≥ 80.
        for k in 1...300 {
            XCTAssertEqual(controller[k - 1], k % 120 >= 80, "step \(k)")
        }
        XCTAssertEqual(controller.filter { $0 }.count, 80, "steps 80…119 and 200…239")
    }

    func testAnOrdinaryEpisodeNeverHandsOverAndTheDrawFollowsTheProbability() {
        var configuration = ExplorationConfiguration()
        configuration.exploratoryEpisodeProbability = 0.8
        var exploration = MarcoPoloExploration(configuration: configuration, profile: .ble)
        var generator = Xoshiro256StarStar(seed: 5, label: "marco-polo-test")
        var exploratory = 0
        for episode in 0..<2000 {
            exploration.beginEpisode(observation: observation, seed: UInt64(episode), using: &generator)
            if exploration.isExploratoryEpisode { exploratory += 1; continue }
            for _ in 0..<200 { XCTAssertNil(exploration.step(observation: observation)) }
        }
        XCTAssertEqual(Double(exploratory) / 2000, 0.8, accuracy: 0.03)
    }

    func testTheExplorerIsBLEsRandomWalkAdvancedOnlyInItsPhases() {
        var configuration = ExplorationConfiguration()
        (configuration.exploratoryEpisodeProbability, configuration.rlPhaseSteps, configuration.explorerPhaseSteps) = (1, 2, 3)
        var exploration = MarcoPoloExploration(configuration: configuration, profile: .ble)
        var generator = Xoshiro256StarStar(seed: 0, label: "marco-polo-test")
        exploration.beginEpisode(observation: observation, seed: 11, using: &generator)
        var walk = RandomWalkAgent(profile: .ble)
        _ = walk.beginEpisode(observation: observation, seed: 11)
        var commands: [AltitudeControlCommand?] = []
        var expected: [AltitudeControlCommand?] = []
        for k in 1...10 {
            commands.append(exploration.step(observation: observation))
            expected.append(k % 5 >= 2 ? walk.step(reward: 0, observation: observation) : nil)
        }
        XCTAssertEqual(commands, expected)
    }
}
