import FlightLog
import Foundation
import FileErrors
import HDF5
import Learning
import TestSupport
import XCTest

final class ReplayCommandTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// A small evaluation (seeds 0–1, 24 steps); returns the folder of its flight logs.
    func evaluate() throws -> String {
        let result = try Loonsim.run(["evaluate", "--out", directory, "--seeds", "0-1", "--days", "0.05", "--jobs", "2"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return directory + "/seeds/station-seeker"
    }

    func testAnEvaluatedFlightReplaysIdenticallyWithItsSummary() throws {
        let logs = try evaluate()
        let result = try Loonsim.run(["replay", logs + "/seed_1.h5", "--csv", directory + "/seed_1.csv"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "seed_1.h5: identical (24 steps re-flown)")
        XCTAssertTrue(lines[1].hasPrefix("  agent station-seeker · profile ble · winds generative · seed 1 · 24-step trial"), lines[1])
        let log = try FlightLog.read(logs + "/seed_1.h5")
        XCTAssertTrue(result.standardOutput.contains(String(format: "  TWR50 %.4f (24 of 24 steps flown)", log.result.timeWithinRadius)))
        for label in ["time within 50 km", "distance            min", "pump energy", "actions             commanded",
                      "safety layers", "failure             none"] {
            XCTAssertTrue(result.standardOutput.contains(label), label)
        }
        // evaluate's JSON keeps BLE's format and holds the same flight as the log (JSONDecoder reads
        // every double exactly; Linux's JSONSerialization misreads some by one unit in the last place).
        struct Point: Decodable { var x: Double; var power: Double }
        struct Entry: Decodable { var seed: Int; var time_within_radius: Double; var flight_path: [Point] }
        let json = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.json")))
        XCTAssertEqual(json[1].seed, 1)
        XCTAssertEqual(json[1].flight_path.map(\.x), log.result.flightPath.map(\.xKm))
        XCTAssertEqual(json[1].flight_path.map(\.power), log.result.flightPath.map(\.batteryStateOfCharge))
        XCTAssertEqual(json[1].time_within_radius, log.result.timeWithinRadius)
        let csv = try String(contentsOfFile: directory + "/seed_1.csv", encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 25)
        XCTAssertEqual(log.settings.commandLine.hasSuffix("evaluate --out \(directory) --seeds 0-1 --days 0.05 --jobs 2"), true,
                       log.settings.commandLine)
    }

    func testAFolderReplaysEveryLogOnALineAndDrawsAnOverview() throws {
        _ = try evaluate()
        let result = try Loonsim.run(["replay", directory, "--html", directory + "/index.html"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("seeds/station-seeker/seed_0.h5  identical  TWR50 "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("seeds/station-seeker/seed_1.h5  identical  TWR50 "), lines[1])
        XCTAssertEqual(lines[2], "2 of 2 flight logs identical")
        let index = try String(contentsOfFile: directory + "/index.html", encoding: .utf8)
        XCTAssertTrue(index.contains("href=\"index_flights/seeds__station-seeker__seed_0.html\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/index_flights/seeds__station-seeker__seed_1.html"))
    }

    func testAnEditedPositionIsReportedAsTheFirstDivergence() throws {
        let logs = try evaluate()
        var log = try FlightLog.read(logs + "/seed_0.h5")
        let x = log.result.flightPath[9].xMeters
        log.result.flightPath[9].xMeters = x + 1
        try log.write(to: directory + "/edited.h5")
        let result = try Loonsim.run(["replay", directory + "/edited.h5"])
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("edited.h5: diverges at step 10, x_m: logged \(x + 1), replayed \(x)\n"),
                      result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("pump energy"), "the summary follows")
    }

    func testAnEditedActionIsReportedNotCrashed() throws {
        let logs = try evaluate()
        var log = try FlightLog.read(logs + "/seed_0.h5")
        log.result.flightPath[3].command = 9
        try log.write(to: directory + "/edited.h5")
        let result = try Loonsim.run(["replay", directory + "/edited.h5"])
        XCTAssertEqual(result.status, 2, result.standardError)
        XCTAssertTrue(result.standardOutput.hasPrefix("edited.h5: diverges at step 4, action: logged 9, replayed no such action"),
                      result.standardOutput)
    }

    func testTheFlightPageIsDrawn() throws {
        let logs = try evaluate()
        let result = try Loonsim.run(["replay", logs + "/seed_0.h5", "--html", directory + "/flight.html"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let html = try String(contentsOfFile: directory + "/flight.html", encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for id in ["id=\"track\"", "id=\"column\"", "id=\"power\"", "id=\"actions\"", "var DATA = {"] {
            XCTAssertTrue(html.contains(id), id)
        }
    }

    func testBLEsEvaluationJSONIsDrawnNotVerified() throws {
        _ = try evaluate()
        let json = directory + "/seeds/station-seeker.json"
        let drawn = try Loonsim.run(["replay", json, "--html", directory + "/ble.html"])
        XCTAssertEqual(drawn.status, 0, drawn.standardError)
        XCTAssertTrue(drawn.standardOutput.hasPrefix("station-seeker.json: 2 flight paths drawn (not verified"), drawn.standardOutput)
        XCTAssertTrue(try String(contentsOfFile: directory + "/ble.html", encoding: .utf8).contains("id=\"track-1\""))
        assertFailsWithOneLine(try Loonsim.run(["replay", json]), containing: "holds flight paths only and cannot be re-flown")
    }

    func testBadInputGetsOneLineAndAFailingStatus() throws {
        try "hello".write(toFile: directory + "/text.h5", atomically: true, encoding: .utf8)
        assertFailsWithOneLine(try Loonsim.run(["replay", directory + "/text.h5"]), containing: "text.h5: is not an HDF5 or NetCDF4 file")
        try HDF5File.write(to: directory + "/grid.h5") { try $0.setAttribute("format", "loonsim-wind-grid") }
        assertFailsWithOneLine(try Loonsim.run(["replay", directory + "/grid.h5"]),
                               containing: "grid.h5: is a 'loonsim-wind-grid' file, not a loonsim flight log")
        try HDF5File.write(to: directory + "/v9.h5") { file in
            try file.setAttribute("format", "loonsim-flight-log")
            try file.setAttribute("format_version", Int64(9))
        }
        assertFailsWithOneLine(try Loonsim.run(["replay", directory + "/v9.h5"]),
                               containing: "v9.h5: is flight-log format version 9; this loonsim reads version 1")
        assertFailsWithOneLine(try Loonsim.run(["replay", directory + "/missing.h5"]), containing: "missing.h5: no such file")
        try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
        assertFailsWithOneLine(try Loonsim.run(["replay", directory + "/empty"]), containing: "empty: holds no flight logs")
        assertFailsWithOneLine(try Loonsim.run(["replay", directory + "/empty", "--csv", directory + "/x.csv"]),
                               containing: "empty: is a folder; --csv exports one flight, give one flight log")
    }

    func testATruncatedLogIsOneLine() throws {
        let logs = try evaluate()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: logs + "/seed_0.h5"))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: directory + "/cut.h5"))
        let result = try Loonsim.run(["replay", directory + "/cut.h5"])
        assertFailsWithOneLine(result, containing: "cut.h5: ")
        // In a folder, the damaged log gets its line and the others still replay.
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: logs + "/seed_7.h5"))
        let folder = try Loonsim.run(["replay", logs])
        XCTAssertEqual(folder.status, 1)
        XCTAssertTrue(folder.standardOutput.contains("seed_7.h5  error: "), folder.standardOutput)
        XCTAssertTrue(folder.standardOutput.contains("2 of 3 flight logs identical, 1 cannot be used"), folder.standardOutput)
    }
}

final class LearnedAgentReplayTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testALearnedAgentsFlightRecordsItsCheckpointAndReplaysWithoutIt() throws {
        var configuration = EncoderConfiguration()
        (configuration.width, configuration.headCount, configuration.featureCount) = (8, 2, 6)
        (configuration.feedForwardWidth, configuration.blockCount, configuration.headHiddenWidths) = (12, 1, [10])
        (configuration.quantileCount, configuration.seed) = (4, 5)
        let checkpoint = directory + "/tiny.h5"
        try Checkpoint(encoder: ObservationEncoder(configuration: configuration)).write(to: checkpoint)
        let evaluated = try Loonsim.run(["evaluate", "--out", directory, "--agent", checkpoint, "--seeds", "2", "--days", "0.05"])
        XCTAssertEqual(evaluated.status, 0, evaluated.standardError)
        let logPath = directory + "/seeds/checkpoint:tiny.h5/seed_2.h5"
        let log = try FlightLog.read(logPath)
        XCTAssertEqual(log.settings.agent.checkpointFile, checkpoint)
        XCTAssertEqual(log.settings.agent.checkpointSHA256, try SHA256.hexDigest(ofFile: checkpoint))
        let sha = String(try SHA256.hexDigest(ofFile: checkpoint).prefix(12))

        let replayed = try Loonsim.run(["replay", logPath])
        XCTAssertEqual(replayed.status, 0, replayed.standardError)
        XCTAssertTrue(replayed.standardOutput.contains("seed_2.h5: identical (24 steps re-flown)"), replayed.standardOutput)
        XCTAssertTrue(replayed.standardOutput.contains("checkpoint \(checkpoint): sha256 \(sha)… matches the log"))

        try FileManager.default.moveItem(atPath: checkpoint, toPath: directory + "/moved.h5")
        let without = try Loonsim.run(["replay", logPath])
        XCTAssertEqual(without.status, 0, "verification re-flies the logged actions and needs no agent")
        XCTAssertTrue(without.standardOutput.contains("not at hand; not needed: the logged actions were re-flown"))
        let moved = try Loonsim.run(["replay", logPath, "--agent", directory + "/moved.h5"])
        XCTAssertTrue(moved.standardOutput.contains("checkpoint \(directory)/moved.h5: sha256 \(sha)… matches the log"),
                      moved.standardOutput)

        // A folder's pages are named after the logs' paths, the agent's ".h5" left as it is.
        let pages = try Loonsim.run(["replay", directory + "/seeds", "--html", directory + "/index.html"])
        XCTAssertEqual(pages.status, 0, pages.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/index_flights/checkpoint:tiny.h5__seed_2.html"))
    }
}

final class GridReplayTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testAFlightOverAWindGridReplaysOverThatGridOnly() throws {
        let grid = directory + "/station.h5"
        let imported = try Loonsim.run(["winds", "import", SharedData.repositoryRoot + "/WindFields/fixtures/era5_cds_2024.nc",
                                        "--station-lat", "5", "--station-lon", "100", "--half-width-km", "300",
                                        "--spacing-km", "50", "--out", grid])
        XCTAssertEqual(imported.status, 0, imported.standardError)
        let evaluated = try Loonsim.run(["evaluate", "--out", directory, "--winds", grid, "--seeds", "0", "--days", "0.05"])
        XCTAssertEqual(evaluated.status, 0, evaluated.standardError)
        let logPath = directory + "/seeds/station-seeker/seed_0.h5"
        let log = try FlightLog.read(logPath)
        XCTAssertEqual(log.settings.winds, .grid(file: grid, sha256: try SHA256.hexDigest(ofFile: grid)))
        XCTAssertEqual(log.scenario.station.latitudeDeg, 5, "the scenario as flown: the grid's station")

        let replayed = try Loonsim.run(["replay", logPath])
        XCTAssertEqual(replayed.status, 0, replayed.standardError)
        XCTAssertTrue(replayed.standardOutput.hasPrefix("seed_0.h5: identical (24 steps re-flown)\n"), replayed.standardOutput)

        try FileManager.default.moveItem(atPath: grid, toPath: directory + "/moved.h5")
        assertFailsWithOneLine(try Loonsim.run(["replay", logPath]),
                               containing: "seed_0.h5: was flown over the wind grid '\(grid)', which is not there; give its path with --winds")
        XCTAssertEqual(try Loonsim.run(["replay", logPath, "--winds", directory + "/moved.h5"]).status, 0)
        let other = directory + "/other.h5"
        XCTAssertEqual(try Loonsim.run(["winds", "import", SharedData.repositoryRoot + "/WindFields/fixtures/era5_cds_2024.nc",
                                        "--station-lat", "5", "--station-lon", "101", "--half-width-km", "300",
                                        "--spacing-km", "50", "--out", other]).status, 0)
        assertFailsWithOneLine(try Loonsim.run(["replay", logPath, "--winds", other]),
                               containing: "seed_0.h5: was flown over a wind grid with SHA-256 ")
    }
}
