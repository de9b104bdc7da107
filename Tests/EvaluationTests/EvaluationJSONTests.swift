import Foundation
import TestSupport
import Agents
import StationKeeping
import WindField
import XCTest
@testable import Evaluation

final class EvaluationJSONTests: XCTestCase {
    func testBLEsJSONReadsBackWithoutLoonsimsKeys() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ble.json"
        try #"[{"seed": 3, "cumulative_reward": 10.5, "time_within_radius": 0.25, "out_of_power": false, "envelope_burst": false, "zeropressure": false, "final_timestep": 960, "flight_path": []}]"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let results = try EvaluationJSON.read(path)
        XCTAssertEqual(results.map(\.seed), [3])
        XCTAssertEqual(results[0].timeWithinRadiusFullTrial, 0.25)
    }
}

final class EvaluatorTests: XCTestCase {
    func testTwoScenariosWithOneSeedAreRejectedBeforeFlying() throws {
        let decoder = try WindField.VAEDecoder.loadDefault()
        let scenario = try StationKeeping.ScenarioSampler.scenario(seed: 4)
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plan = Evaluator.Plan(agent: try Agents.AgentRegistry.make(name: "random"), scenarios: [scenario, scenario],
                                  configuration: .days(0.01), winds: .generative(decoder), windsName: "generative", jobs: 1,
                                  episodeDirectory: directory, resume: false)
        XCTAssertThrowsError(try Evaluator().run(plan)) {
            XCTAssertEqual("\($0)", "seed 4 appears more than once among the scenarios to fly")
        }
    }

    func testASecondRunOfOneEvaluatorFliesItsOwnPlan() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let decoder = try WindField.VAEDecoder.loadDefault()
        func plan(_ seeds: [Int], _ folder: String) throws -> Evaluator.Plan {
            Evaluator.Plan(agent: Agents.StationSeekerAgent(),
                           scenarios: try seeds.map { try StationKeeping.ScenarioSampler.scenario(seed: $0) },
                           configuration: .days(0.02), winds: .generative(decoder), windsName: "generative", jobs: 2,
                           episodeDirectory: directory + "/" + folder, resume: false)
        }
        let evaluator = Evaluator()
        let first = try evaluator.run(try plan([0, 1], "first"))
        let second = try evaluator.run(try plan([2, 3, 4], "second"))
        XCTAssertEqual(first.map(\.seed), [0, 1])
        XCTAssertEqual(second.map(\.seed), [2, 3, 4])
        XCTAssertEqual(second.map(\.cumulativeReward), try Evaluator().run(try plan([2, 3, 4], "fresh")).map(\.cumulativeReward))
    }

    func testANetworkAgentFlownInLockstepScoresEachEpisodeAsFlownAlone() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let decoder = try WindField.VAEDecoder.loadDefault()
        let agent = try Agents.Perciatelli44Agent()
        XCTAssertTrue(agent.prefersBatches)
        func fly(width: Int, jobs: Int) throws -> [EpisodeResult] {
            var plan = Evaluator.Plan(agent: agent,
                                      scenarios: try (10..<15).map { try StationKeeping.ScenarioSampler.scenario(seed: $0) },
                                      configuration: .days(0.05), winds: .generative(decoder), windsName: "generative",
                                      jobs: jobs, episodeDirectory: directory + "/w\(width)j\(jobs)", resume: false)
            plan.lockstepWidth = width
            return try Evaluator().run(plan)
        }
        let alone = try fly(width: 1, jobs: 1)
        XCTAssertEqual(alone.map(\.seed), Array(10..<15))
        XCTAssertEqual(alone.map(\.finalTimestep), [Int](repeating: 24, count: 5))
        // Two slots per worker: finished flights hand their slot to the next scenario mid-run.
        XCTAssertEqual(try fly(width: 2, jobs: 1), alone)
        XCTAssertEqual(try fly(width: 16, jobs: 2), alone)
    }
}
