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

    func testAResumeReusesMatchingEpisodesOnceAndCountsTheRejectedFiles() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let decoder = try WindField.VAEDecoder.loadDefault()
        var plan = Evaluator.Plan(agent: Agents.StationSeekerAgent(),
                                  scenarios: try (20..<24).map { try StationKeeping.ScenarioSampler.scenario(seed: $0) },
                                  configuration: .days(0.02), winds: .generative(decoder), windsName: "generative",
                                  jobs: 1, episodeDirectory: directory, resume: false, store: MarkerStore())
        let first = try Evaluator().run(plan)
        // Seed 21's file now holds something else; seed 23's is gone.
        try "other".write(toFile: plan.episodePath(seed: 21), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: plan.episodePath(seed: 23))
        plan.resume = true
        let saved = Evaluator.savedEpisodes(plan)
        XCTAssertEqual(saved.reusable.keys.sorted(), [20, 22])
        XCTAssertEqual(saved.rejected, 1)
        // A seed outside the plan is ignored, and the run flies 21 and 23 again.
        var withStranger = saved
        withStranger.reusable[99] = first[0]
        XCTAssertEqual(try Evaluator().run(plan, saved: withStranger), first)
        plan.resume = false
        XCTAssertTrue(Evaluator.savedEpisodes(plan).reusable.isEmpty)
    }
}

/// Keeps each episode in memory and leaves a marker file, so that a test can damage or remove it.
private final class MarkerStore: EpisodeStore, @unchecked Sendable {
    private let lock = NSLock()
    private var saved: [String: EpisodeResult] = [:]

    func save(_ result: EpisodeResult, scenario: Scenario, to path: String) throws {
        try "episode \(result.seed)".write(toFile: path, atomically: true, encoding: .utf8)
        lock.withLock { saved[path] = result }
    }

    func load(_ path: String, expecting scenario: Scenario) -> EpisodeResult? {
        guard (try? String(contentsOfFile: path, encoding: .utf8)) == "episode \(scenario.seed ?? 0)" else { return nil }
        return lock.withLock { saved[path] }
    }
}
