import Evaluation
@testable import FlightLog
import Foundation
import HDF5
import TestSupport
import XCTest

final class FlightLogFileTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testALogReadsBackExactlyWithItsScenarioAndSettings() throws {
        let log = FlightSamples.seed3
        try log.write(to: directory + "/seed_3.h5")
        let read = try FlightLog.read(directory + "/seed_3.h5")
        XCTAssertEqual(read, log)
        XCTAssertEqual(read.result.flightPath.count, 24)
        XCTAssertEqual(read.result.flightPath[0].elapsedSeconds, 180)
        XCTAssertEqual(read.scenario.vaeLatents.count, 64)
        XCTAssertEqual(read.scenario.windNoise.u.count, 5)
        XCTAssertEqual(read.settings.winds, .generative(generator: WindSourceRecord.vaeGenerator))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/.seed_3.h5.partial"), "no temporary left behind")
    }

    func testACheckpointAndAGridAreRecordedWithTheirChecksums() throws {
        var log = FlightSamples.seed3
        log.settings.agent = AgentRecord(name: "checkpoint:run.h5", checkpointFile: "runs/run.h5", checkpointSHA256: "ab12")
        log.settings.winds = .grid(file: "grids/station.h5", sha256: "cd34")
        try log.write(to: directory + "/log.h5")
        let read = try FlightLog.read(directory + "/log.h5")
        XCTAssertEqual(read.settings.agent, log.settings.agent)
        XCTAssertEqual(read.settings.winds, .grid(file: "grids/station.h5", sha256: "cd34"))
        XCTAssertEqual(read.settings.winds.name, "station.h5")
    }

    func testTheStepsGroupHoldsEveryDocumentedColumnWithUnits() throws {
        try FlightSamples.seed3.write(to: directory + "/log.h5")
        let file = try HDF5File.open(directory + "/log.h5")
        defer { file.close() }
        XCTAssertEqual(try file.stringAttribute("format"), "loonsim-flight-log")
        XCTAssertEqual(try file.numericAttribute("format_version"), [1])
        let steps = try file.group("steps")
        XCTAssertEqual(Set(try steps.memberNames()), Set(["step"] + FlightLogColumn.all.map(\.name)))
        XCTAssertEqual(try steps.dataset("step").read(as: Int64.self).prefix(3), [1, 2, 3])
        XCTAssertEqual(try steps.dataset("action").stringAttribute("units"), "0 DOWN, 1 STAY, 2 UP")
        XCTAssertEqual(try steps.dataset("x_m").read(as: Double.self)[5], FlightSamples.seed3.result.flightPath[5].xMeters)
    }

    func testTheStoreReusesOnlyALogOfTheSameScenarioAndSettings() throws {
        let log = FlightSamples.seed3
        let store = FlightLogStore(settings: log.settings)
        try store.save(log.result, scenario: log.scenario, to: directory + "/seed_3.h5")
        XCTAssertEqual(store.load(directory + "/seed_3.h5", expecting: log.scenario), log.result)
        var other = log.scenario
        other.xMeters += 1
        XCTAssertNil(store.load(directory + "/seed_3.h5", expecting: other))
        var corrected = log.settings
        corrected.configuration.profile = .corrected
        XCTAssertNil(FlightLogStore(settings: corrected).load(directory + "/seed_3.h5", expecting: log.scenario))
        var resumed = log.settings
        resumed.commandLine = "loonsim evaluate --resume"
        XCTAssertNotNil(FlightLogStore(settings: resumed).load(directory + "/seed_3.h5", expecting: log.scenario))
        XCTAssertNil(store.load(directory + "/seed_4.h5", expecting: log.scenario))
        let truncated = try Data(contentsOf: URL(fileURLWithPath: directory + "/seed_3.h5")).prefix(800)
        try truncated.write(to: URL(fileURLWithPath: directory + "/seed_5.h5"))
        XCTAssertNil(store.load(directory + "/seed_5.h5", expecting: log.scenario))
    }

    func testAFileThatIsNotAFlightLogIsNamed() throws {
        try HDF5File.write(to: directory + "/other.h5") { try $0.setAttribute("format", "loonsim-wind-grid") }
        XCTAssertThrowsError(try FlightLog.read(directory + "/other.h5")) {
            XCTAssertEqual("\($0)", directory + "/other.h5: is a 'loonsim-wind-grid' file, not a loonsim flight log")
        }
        try HDF5File.write(to: directory + "/plain.h5") { try $0.setAttribute("note", "hello") }
        XCTAssertThrowsError(try FlightLog.read(directory + "/plain.h5")) {
            XCTAssertTrue("\($0)".hasSuffix("plain.h5: is not a loonsim flight log (an HDF5 file without a 'format' attribute)"), "\($0)")
        }
        try "not hdf5".write(toFile: directory + "/text.h5", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try FlightLog.read(directory + "/text.h5")) {
            XCTAssertEqual("\($0)", directory + "/text.h5: is not an HDF5 or NetCDF4 file")
        }
    }

    func testAnotherFormatVersionIsRefused() throws {
        try HDF5File.write(to: directory + "/v2.h5") { file in
            try file.setAttribute("format", "loonsim-flight-log")
            try file.setAttribute("format_version", Int64(2))
        }
        XCTAssertThrowsError(try FlightLog.read(directory + "/v2.h5")) {
            XCTAssertEqual("\($0)", directory + "/v2.h5: is flight-log format version 2; this loonsim reads version 1")
        }
    }

    func testATruncatedLogIsNamedNotCrashed() throws {
        try FlightSamples.seed3.write(to: directory + "/log.h5")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/log.h5"))
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: directory + "/cut.h5"))
        XCTAssertThrowsError(try FlightLog.read(directory + "/cut.h5")) {
            let text = "\($0)"
            XCTAssertTrue(text.hasPrefix(directory + "/cut.h5: "), text)
            XCTAssertFalse(text.contains("\n"), text)
        }
    }
}
