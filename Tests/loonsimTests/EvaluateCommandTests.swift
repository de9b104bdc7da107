import Foundation
import TestSupport
import XCTest

final class EvaluateCommandTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func evaluate(_ extra: [String]) throws -> CommandResult {
        try Loonsim.run(["evaluate", "--out", directory] + extra)
    }

    func testEvaluatePrintsTheTableAndWritesBLECompatibleResults() throws {
        let result = try evaluate(["--seeds", "0-1", "--days", "0.05", "--jobs", "2"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("agent station-seeker · profile ble · 0.05-day trials (24 steps) · 2 episodes"),
                      result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("TWR50 (BLE: ÷ steps flown)"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.json"))) as! [[String: Any]]
        XCTAssertEqual(json.map { $0["seed"] as! Int }, [0, 1])
        for key in ["cumulative_reward", "time_within_radius", "out_of_power", "envelope_burst", "zeropressure",
                    "final_timestep", "flight_path", "time_within_radius_full_trial"] {
            XCTAssertNotNil(json[0][key], "BLE key \(key)")
        }
        XCTAssertEqual(json[0]["final_timestep"] as? Int, 24)
        let path = json[0]["flight_path"] as! [[String: Any]]
        XCTAssertEqual(path.count, 24)
        XCTAssertEqual((path[0]["elapsed_seconds"] as? NSNumber)?.doubleValue, 180)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/seeds/station-seeker/seed_1.h5"))
    }

    func testResumeReusesFinishedEpisodesAndGivesTheSameResults() throws {
        XCTAssertEqual(try evaluate(["--seeds", "3-5", "--days", "0.05"]).status, 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/seeds/station-seeker.json"))
        try FileManager.default.removeItem(atPath: directory + "/seeds/station-seeker/seed_4.h5")
        let resumed = try evaluate(["--seeds", "3-5", "--days", "0.05", "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("2 resumed"), resumed.standardError)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/seeds/station-seeker.json")), first)
    }

    func testANewRunRefusesAFolderHoldingAnEarlierEvaluationOfTheSameName() throws {
        XCTAssertEqual(try evaluate(["--seeds", "0-2", "--days", "0.05"]).status, 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/seeds/station-seeker.json"))
        let again = try evaluate(["--seeds", "0-1", "--days", "0.02"])
        assertFailsWithOneLine(again, containing: "seeds/station-seeker already holds 3 flight logs of an earlier evaluation")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: directory + "/seeds/station-seeker.json")), first, "nothing overwritten")
        XCTAssertEqual(try evaluate(["--seeds", "0-1", "--days", "0.02", "--name", "shorter"]).status, 0, "another name is fine")
    }

    func testShardsMergeIntoTheWholeSuite() throws {
        for shard in ["0/2", "1/2"] {
            XCTAssertEqual(try evaluate(["--seeds", "0-3", "--days", "0.02", "--shard", shard]).status, 0)
        }
        let merged = try Loonsim.run(["merge-shards", directory + "/seeds", "--name", "station-seeker"])
        XCTAssertEqual(merged.status, 0, merged.standardError)
        XCTAssertTrue(merged.standardOutput.contains("merged 2 shards (4 episodes)"), merged.standardOutput)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.json"))) as! [[String: Any]]
        XCTAssertEqual(json.map { $0["seed"] as! Int }, [0, 1, 2, 3])
        XCTAssertEqual((json[3]["flight_path"] as? [Any])?.count, 9, "flight paths survive the merge")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["group"] as? String, "seeds")
        XCTAssertEqual(summary["trial_steps"] as? Int, 9)
        let figures = try XCTUnwrap(summary["summary"] as? [String: Any])
        XCTAssertEqual(figures["episodes"] as? Int, 4)
        XCTAssertNotNil(figures["mean_time_within_radius"] as? Double, "snake_case keys like BLE's JSON: \(figures.keys)")
    }

    func testAMissingShardIsNamed() throws {
        XCTAssertEqual(try evaluate(["--seeds", "0-5", "--days", "0.01", "--shard", "1/3"]).status, 0)
        assertFailsWithOneLine(try Loonsim.run(["merge-shards", directory + "/seeds", "--name", "station-seeker"]),
                               containing: "shards 0/3, 2/3 of station-seeker missing")
    }

    func testAnEmptyShardIsRejected() throws {
        assertFailsWithOneLine(try evaluate(["--suite", "tiny", "--shard", "0/20", "--days", "0.01"]),
                               containing: "--shard 0/20 of 10 scenarios holds none")
        let wrong = try evaluate(["--suite", "tiny", "--shard", "4/4", "--days", "0.01"])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.standardError.contains("--shard: '4/4' is not i/n with 0 ≤ i < n"), wrong.standardError)
    }

    func testNegativeValuesNeedNoEqualsSign() throws {
        let result = try evaluate(["--days", "-1"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("--days must be positive"), result.standardError)
        let south = try Loonsim.run(["winds", "import", SharedData.repositoryRoot + "/WindFields/fixtures/era5_cds_2024.nc",
                                     "--station-lat", "-1", "--station-lon", "100", "--half-width-km", "100",
                                     "--spacing-km", "50", "--out", directory + "/south.h5"])
        XCTAssertEqual(south.status, 0, south.standardError)
    }

    func testTooManyDaysIsAUsageError() throws {
        let result = try evaluate(["--days", "1e9"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("is more than the 365 loonsim flies"), result.standardError)
    }

    /// Starts an evaluation of 40 episodes of `days`, sends `signal` after `seconds`, and returns
    /// its exit status and standard error.
    func evaluation(days: String, stoppedBy signal: Int32, after seconds: Double) throws -> (status: Int32, message: String) {
        let process = Process()
        process.executableURL = Loonsim.executable
        process.arguments = ["evaluate", "--out", directory, "--seeds", "0-39", "--days", days, "--jobs", "1"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, signal)
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    func testAnInterruptedEvaluationKeepsOnlyWholeEpisodesAndResumes() throws {
        // Two-day episodes: far more work than the few seconds before the interrupt, on any machine.
        let (status, message) = try evaluation(days: "2", stoppedBy: SIGINT, after: 3)
        XCTAssertEqual(status, 130, message)
        XCTAssertTrue(message.contains("episodes saved; run the same command with --resume to finish"), message)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory + "/seeds/station-seeker")
        XCTAssertTrue(files.allSatisfy { $0.hasPrefix("seed_") && $0.hasSuffix(".h5") }, "only whole episode files: \(files)")
        XCTAssertLessThan(files.count, 40)
    }

    func testATerminatedEvaluationStopsCleanlyWithTheStatusOfSIGTERM() throws {
        let (status, message) = try evaluation(days: "1", stoppedBy: SIGTERM, after: 2)
        XCTAssertEqual(status, 143, message)
        XCTAssertTrue(message.contains("episodes saved; run the same command with --resume to finish"), message)
    }

    func testEvaluateFliesOverAnImportedERA5Grid() throws {
        let grid = directory + "/station.h5"
        let imported = try Loonsim.run(["winds", "import", SharedData.repositoryRoot + "/WindFields/fixtures/era5_cds_2024.nc",
                                        "--station-lat", "5", "--station-lon", "100", "--half-width-km", "300",
                                        "--spacing-km", "50", "--out", grid])
        XCTAssertEqual(imported.status, 0, imported.standardError)
        let result = try evaluate(["--winds", grid, "--seeds", "0", "--days", "0.05"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.json"))) as! [[String: Any]]
        XCTAssertEqual(json[0]["winds"] as? String, "station.h5")
        XCTAssertEqual(json[0]["final_timestep"] as? Int, 24)
        XCTAssertTrue(result.standardError.contains("evaluate: station.h5 covers x -300 to 300 km, y -300 to 300 km around "
            + "its station and "), result.standardError)
        XCTAssertFalse(result.standardError.contains("warning"), "1.2 h of a 12-h grid: \(result.standardError)")

        // A trial longer than the grid's 12 hours is flown, with a warning that time plays back and forth.
        let longer = try evaluate(["--winds", grid, "--seeds", "0", "--days", "0.6", "--name", "longer"])
        XCTAssertEqual(longer.status, 0, longer.standardError)
        XCTAssertTrue(longer.standardError.contains("warning: it spans 12 h, less than the 14.4-h trial"), longer.standardError)
    }

    func testALatitudeLongitudeWindFileMustBeImportedFirst() throws {
        assertFailsWithOneLine(try evaluate(["--winds", SharedData.repositoryRoot + "/WindFields/fixtures/era5_cds_legacy.nc",
                                             "--suite", "micro"]),
                               containing: "winds on latitude/longitude; map them around a station first")
    }

    // MARK: Bad input

    func testAnUnknownAgentIsRejected() throws {
        assertFailsWithOneLine(try evaluate(["--agent", "oracle", "--suite", "micro"]),
                               containing: "unknown agent 'oracle'; known agents: station-seeker, random-walk, random, perciatelli44")
    }

    func testAMissingCheckpointIsRejected() throws {
        assertFailsWithOneLine(try evaluate(["--agent", directory + "/none.h5", "--suite", "micro"]),
                               containing: "none.h5: no such checkpoint file")
    }

    func testATruncatedCheckpointIsRejected() throws {
        let path = directory + "/broken.h5"
        let real = try Data(contentsOf: URL(fileURLWithPath: SharedData.repositoryRoot + "/Experiments/agents/perciatelli44.h5"))
        try real.prefix(4096).write(to: URL(fileURLWithPath: path))
        assertFailsWithOneLine(try evaluate(["--agent", path, "--suite", "micro"]), containing: "broken.h5: ")
    }

    func testACheckpointOfTheWrongKindIsRejected() throws {
        let path = SharedData.repositoryRoot + "/Experiments/agents/perciatelli44.h5"
        assertFailsWithOneLine(try evaluate(["--agent", path, "--suite", "micro"]),
                               containing: "not a loonsim encoder checkpoint (fly it as --agent perciatelli44)")
    }

    func testMalformedSeedRangesAreUsageErrors() throws {
        for seeds in ["", "9-2", "a-b", "1,,2", "-3"] {
            let result = try evaluate(["--seeds", seeds])
            XCTAssertEqual(result.status, 64, "--seeds '\(seeds)': \(result.standardError)")
            XCTAssertTrue(result.standardError.contains("--seeds: seed list"), result.standardError)
        }
    }

    func testZeroDaysIsAUsageError() throws {
        let result = try evaluate(["--days", "0"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("--days must be positive"), result.standardError)
    }

    func testAnUnwritableOutputFolderIsRejected() throws {
        let blocker = directory + "/file"
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let result = try Loonsim.run(["evaluate", "--out", blocker, "--suite", "micro", "--days", "0.01"])
        assertFailsWithOneLine(result, containing: "output folder cannot be created or written")
    }
}
