import Foundation
import TestSupport
import Agents
import StationKeeping
import WindField
import XCTest
@testable import Evaluation

final class EpisodeFileTests: XCTestCase {
    let provenance = EpisodeFile.Provenance(agent: "station-seeker", profile: "ble", trialSteps: 2, winds: "generative")

    func sample() -> EpisodeResult {
        let points = [1.0, 2.0].map { (step: Double) -> FlightPoint in
            FlightPoint(xKm: 1.5 * step, yKm: -2, pressurePa: 7_000 + step, superpressurePa: 1_400,
                        elapsedSeconds: Int64(180 * step), batteryStateOfCharge: 0.95, command: 2, effectiveCommand: 1,
                        reward: 0.4, distanceKm: 60, windU: 3, windV: -1, status: step == 2 ? "BURST" : "OK")
        }
        return EpisodeResult(seed: 12, cumulativeReward: 0.8, timeWithinRadius: 0, timeWithinRadiusFullTrial: 0,
                             outOfPower: false, envelopeBurst: true, zeroPressure: false, finalTimestep: 2, trialSteps: 2,
                             flightPath: points)
    }

    func testAnEpisodeRoundTripsExactly() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try EpisodeFile.write(sample(), provenance: provenance, to: directory + "/seed_12.h5")
        XCTAssertEqual(EpisodeFile.read(directory + "/seed_12.h5", expecting: provenance), sample())
    }

    func testAFileMadeWithOtherSettingsIsNotReused() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try EpisodeFile.write(sample(), provenance: provenance, to: directory + "/seed_12.h5")
        var other = provenance
        other.profile = "corrected"
        XCTAssertNil(EpisodeFile.read(directory + "/seed_12.h5", expecting: other))
        let truncated = try Data(contentsOf: URL(fileURLWithPath: directory + "/seed_12.h5")).prefix(800)
        try truncated.write(to: URL(fileURLWithPath: directory + "/seed_13.h5"))
        XCTAssertNil(EpisodeFile.read(directory + "/seed_13.h5", expecting: provenance))
    }

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
}
