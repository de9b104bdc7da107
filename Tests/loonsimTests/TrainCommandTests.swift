import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import XCTest

final class TrainCommandTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// A configuration a debug build trains in seconds: 2 actors, 9-step trials, a tiny Performer.
    func writeConfiguration(_ name: String = "tiny.json", budget: Int = 60, extra: String = "") throws -> String {
        let text = """
            {"seed": 3, "environment": {"days": 0.02, "actors": 2},
             "network": {"width": 8, "blockCount": 1, "headCount": 2, "featureCount": 8, "feedForwardWidth": 8, "headHiddenWidths": [8]},
             "learner": {"batchSize": 4, "minimumReplayHistory": 20},
             "replay": {"capacity": 400},
             "budget": {"envSteps": \(budget)},
             "validation": {"everyEnvSteps": 30, "seedCount": 2}\(extra)}
            """
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testTrainWritesARunThatResumesAsFinishedAndPlots() throws {
        let config = try writeConfiguration()
        let run = directory + "/run"
        let result = try Loonsim.run(["train", "--config", config, "--out", run])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("train: finished 60 environment steps"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("replay memory 400 transitions × 2223 bytes per transition = 889 kB"),
                      result.standardError)
        for name in ["config.json", "metrics.jsonl", "latest.h5", "best.h5", "finished.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: run + "/" + name), name)
        }
        // The best network's validation flights are flight logs that replay identically.
        XCTAssertTrue(result.standardOutput.contains("best.h5 on the 2 validation seeds"), result.standardOutput)
        let replay = try Loonsim.run(["replay", run + "/validation"])
        XCTAssertEqual(replay.status, 0, replay.standardOutput + replay.standardError)
        XCTAssertTrue(replay.standardOutput.contains("2 of 2 flight logs identical"), replay.standardOutput)
        let again = try Loonsim.run(["train", "--out", run, "--resume"])
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardOutput.contains("is finished (60 of 60 environment steps); nothing to do"), again.standardOutput)

        let plot = try Loonsim.run(["train", "plot", run, "--out", directory + "/curve.svg"])
        XCTAssertEqual(plot.status, 0, plot.standardError)
        let svg = try Data(contentsOf: URL(fileURLWithPath: directory + "/curve.svg"))
        let parser = XMLParser(data: svg)
        XCTAssertTrue(parser.parse(), "the SVG is well-formed XML: \(String(describing: parser.parserError))")
        let text = String(decoding: svg, as: UTF8.self)
        XCTAssertTrue(text.contains("validation TWR50"))
        XCTAssertTrue(text.contains("<polyline"))

        let evaluate = try Loonsim.run(["evaluate", "--agent", run + "/latest.h5", "--seeds", "0", "--days", "0.02",
                                        "--out", directory + "/eval"])
        XCTAssertEqual(evaluate.status, 0, evaluate.standardError)
        XCTAssertTrue(evaluate.standardOutput.contains("checkpoint:latest.h5"), evaluate.standardOutput)
    }

    func testCtrlCSavesACheckpointAndResumeFinishesTheRun() throws {
        let config = try writeConfiguration(budget: 100_000)
        let run = directory + "/run"
        let process = Process()
        process.executableURL = Loonsim.executable
        process.arguments = ["train", "--config", config, "--out", run]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = Pipe()
        try process.run()
        // Wait for the run to be under way (its first metrics), then interrupt it.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: run + "/metrics.jsonl") && Date() < deadline { usleep(50_000) }
        usleep(500_000)
        kill(process.processIdentifier, SIGINT)
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130, message)
        XCTAssertTrue(message.contains("checkpoint saved, continue with --resume"), message)
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: run + "/checkpoints")
        XCTAssertEqual(checkpoints.count, 1)
        let saved = Int(checkpoints[0].dropFirst("step-".count))!
        XCTAssertGreaterThan(saved, 0)

        // A larger budget is the one setting a resume may change; here a smaller one ends the run at once.
        let shorter = try writeConfiguration("shorter.json", budget: saved + 20)
        let resumed = try Loonsim.run(["train", "--config", shorter, "--out", run, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("resuming at \(saved) environment steps"), resumed.standardError)
        XCTAssertTrue(resumed.standardOutput.contains("train: finished"), resumed.standardOutput)
    }

    func testBadConfigurationsAreRefusedWithOneLine() throws {
        let run = directory + "/run"
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", directory + "/missing.json", "--out", run]),
                               containing: "missing.json: no such configuration file")
        let malformed = directory + "/malformed.json"
        try Data("{\"budget\": ".utf8).write(to: URL(fileURLWithPath: malformed))
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", malformed, "--out", run]), containing: "is not valid JSON")
        let noBudget = directory + "/nobudget.json"
        try Data("{\"learner\": {\"batchSize\": 16}}".utf8).write(to: URL(fileURLWithPath: noBudget))
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", noBudget, "--out", run]),
                               containing: "nobudget.json: gives no budget: add \"budget\": {\"envSteps\": N}")
        let unknown = try writeConfiguration("unknown.json", extra: ", \"learner\": {\"batchsize\": 8}")
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", unknown, "--out", run]),
                               containing: "unknown setting 'learner.batchsize'")
        let negative = try writeConfiguration("negative.json", budget: -5)
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", negative, "--out", run]),
                               containing: "budget.envSteps must be at least 1, not -5")
        let zeroBatch = directory + "/zero.json"
        try Data("{\"budget\": {\"envSteps\": 10}, \"learner\": {\"batchSize\": 0}}".utf8).write(to: URL(fileURLWithPath: zeroBatch))
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", zeroBatch, "--out", run]),
                               containing: "learner.batchSize must be at least 1, not 0")
        let wrongType = directory + "/type.json"
        try Data("{\"budget\": {\"envSteps\": \"many\"}}".utf8).write(to: URL(fileURLWithPath: wrongType))
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", wrongType, "--out", run]),
                               containing: "bad value for 'budget.envSteps' (expected an integer)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: run), "nothing written for a refused configuration")
    }

    func testRunFoldersAreNeverOverwrittenAndDamageIsNamed() throws {
        let config = try writeConfiguration()
        let run = directory + "/run"
        XCTAssertEqual(try Loonsim.run(["train", "--config", config, "--out", run]).status, 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: run + "/metrics.jsonl"))
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", config, "--out", run]),
                               containing: "holds a training run already (continue it with --resume")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: run + "/metrics.jsonl")), before, "nothing overwritten")

        let other = try writeConfiguration("other.json", extra: ", \"seed\": 9")
        assertFailsWithOneLine(try Loonsim.run(["train", "--config", other, "--out", run, "--resume"]),
                               containing: "was trained with other settings: seed differs;")

        try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
        assertFailsWithOneLine(try Loonsim.run(["train", "--out", directory + "/empty", "--resume"]),
                               containing: "holds no training run to resume")
        assertFailsWithOneLine(try Loonsim.run(["train", "--out", directory + "/nowhere", "--resume"]),
                               containing: "nowhere: does not exist, so there is no training run to resume")

        // Damage the checkpoint's online network (flip bytes in the middle of the file).
        let checkpoint = try FileManager.default.contentsOfDirectory(atPath: run + "/checkpoints")[0]
        let online = run + "/checkpoints/" + checkpoint + "/online.h5"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: online))
        for index in (bytes.count / 2)..<(bytes.count / 2 + 64) { bytes[index] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: online))
        let longer = try writeConfiguration("longer.json", budget: 80)
        let damaged = try Loonsim.run(["train", "--config", longer, "--out", run, "--resume"])
        assertFailsWithOneLine(damaged, containing: "online.h5")
    }
}
