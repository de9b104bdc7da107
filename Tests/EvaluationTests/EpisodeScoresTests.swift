import Foundation
import TestSupport
import XCTest
@testable import Evaluation

final class EpisodeScoresTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    private func file(_ text: String) throws -> String {
        let path = directory + "/results-\(text.hashValue).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testScoresAreReadWhateverTheKeyOrderAndSkippingFlightPaths() throws {
        // BLE's key order in the first object, loonsim's sorted keys in the second; flight paths
        // and strings holding brackets, quotes and key names must not confuse the reader.
        let text = #"""
        [ {"seed": 7, "cumulative_reward": 12.5, "time_within_radius": 0.1,
           "flight_path": [{"x": 1, "y": 2, "seed": 99, "time_within_radius": 5}], "agent": "a \"}]{[\" b"},
          {"agent": "seed", "cumulative_reward": -3e2, "flight_path": [], "seed": 2,
           "time_within_radius": 0.30000000000000004, "winds": "time_within_radius"} ]
        """#
        let scores = try EpisodeScores(contentsOf: try file(text))
        XCTAssertEqual(scores.timeWithinRadius, [7: 0.1, 2: 0.30000000000000004])
        XCTAssertEqual(scores.cumulativeReward, [7: 12.5, 2: -300])
    }

    func testScoresEqualWhatTheFullDecoderReadsToTheBit() throws {
        let results: [EpisodeResult] = (0..<5).map { (seed: Int) -> EpisodeResult in
            let reward: Double = 100 / Double(seed + 3)
            let twr: Double = Double(seed) / 7
            return EpisodeResult(seed: seed * 3, cumulativeReward: reward, timeWithinRadius: twr,
                                 timeWithinRadiusFullTrial: 0.5, outOfPower: false, envelopeBurst: seed == 2,
                                 zeroPressure: false, finalTimestep: 960, trialSteps: 960, flightPath: [])
        }
        let path = directory + "/written.json"
        try EvaluationJSON.write(results, provenance: RunProvenance(agent: "x", profile: "ble", trialSteps: 960, winds: "generative"),
                                 flightPaths: true, to: path)
        let scores = try EpisodeScores(contentsOf: path)
        for result in try EvaluationJSON.read(path) {
            XCTAssertEqual(scores.timeWithinRadius[result.seed]?.bitPattern, result.timeWithinRadius.bitPattern)
            XCTAssertEqual(scores.cumulativeReward[result.seed]?.bitPattern, result.cumulativeReward.bitPattern)
        }
        XCTAssertEqual(scores.timeWithinRadius.count, 5)
    }

    func testDamagedFilesAreRefusedWithTheirReason() throws {
        let cases: [(String, String)] = [
            (#"{"summary": {}}"#, "not a list of episodes"),
            (#"[{"seed": 1, "cumulative_reward": 1, "time_within_radius": 0.5}, {"seed": 2, "#, "ends before its list is closed"),
            (#"[{"seed": 1, "cumulative_reward": 1, "time_within_radius": 0.5}, {"seed": 1, "cumulative_reward": 1, "time_within_radius": 0.5}]"#,
             "seed 1 appears twice"),
            (#"[{"seed": 1, "cumulative_reward": 1}]"#, "an episode lacks 'seed', 'time_within_radius' or 'cumulative_reward'"),
            (#"[{"seed": "one", "cumulative_reward": 1, "time_within_radius": 0.5}]"#, "'seed' is not a number"),
            ("[]", "holds no episodes"),
            (#"[{"seed": 1.5, "cumulative_reward": 1, "time_within_radius": 0.5}]"#, "seed 1.5 is not an integer"),
            (#"[{"seed": 1, "cumulative_reward": 1, "time_within_radius": 0.5}] [{"seed": 2}]"#, "has more after its list"),
            (#"[{"seed": 1, "cumulative_reward": 1, "time_within_radius": 0.5]}"#, "has a ']' that closes nothing it opened"),
            (#"[{"agent": "unterminated}]"#, "ends inside a string"),
        ]
        for (text, reason) in cases {
            let path = try file(text)
            XCTAssertThrowsError(try EpisodeScores(contentsOf: path), text) {
                XCTAssertTrue("\($0)".hasPrefix("\(path): \(reason)"), "\($0)")
            }
        }
        XCTAssertThrowsError(try EpisodeScores(contentsOf: directory + "/absent.json")) {
            XCTAssertEqual("\($0)", "\(self.directory)/absent.json: no such file")
        }
    }
}

final class PairedComparisonTests: XCTestCase {
    func testTheMeanDifferenceAndItsIntervalFollowTheHandComputation() throws {
        // Differences 0.25, 0, 0.5: mean 0.25, s = 0.25, t(0.975, 2) = 4.303, so ± 4.303·0.25/√3.
        let comparison = try PairedComparison([1: 0.5, 2: 0.25, 3: 1.0], [1: 0.25, 2: 0.25, 3: 0.5])
        XCTAssertEqual(comparison.episodes, 3)
        XCTAssertEqual(comparison.meanA, 1.75 / 3, accuracy: 1e-15)
        XCTAssertEqual(comparison.meanB, 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(comparison.meanDifference, 0.25, accuracy: 1e-15)
        XCTAssertEqual(comparison.differenceConfidence95, 4.303 * 0.25 / 3.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual([comparison.better, comparison.worse, comparison.tied], [2, 0, 1])
        XCTAssertFalse(comparison.isSignificant, "0.25 ± 0.62 includes 0")
    }

    func testAClearDifferenceIsSignificantAndSeedsMustMatch() throws {
        let a = Dictionary(uniqueKeysWithValues: (0..<40).map { ($0, 0.5 + Double($0 % 3) * 0.01) })
        let b = Dictionary(uniqueKeysWithValues: (0..<40).map { ($0, 0.3 + Double($0 % 5) * 0.01) })
        XCTAssertTrue(try PairedComparison(a, b).isSignificant)
        XCTAssertThrowsError(try PairedComparison([1: 0, 2: 0, 9: 0], [1: 0, 2: 0, 4: 0])) {
            XCTAssertEqual("\($0)", "the files hold different seeds (3 and 3 episodes); only in the first: 9; only in the second: 4")
        }
    }
}
