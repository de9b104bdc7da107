import Foundation
import TestSupport
import XCTest

final class WindsCommandTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func fixture(_ name: String) -> String { SharedData.repositoryRoot + "/WindFields/fixtures/" + name }

    func testInspectDescribesAnERA5FileLevelByLevel() throws {
        let result = try Loonsim.run(["winds", "inspect", fixture("era5_cds_legacy.nc")])
        XCTAssertEqual(result.status, 0, result.standardError)
        let text = result.standardOutput
        XCTAssertTrue(text.contains("schema      CF NetCDF4"), text)
        XCTAssertTrue(text.contains("frame       latitude/longitude"), text)
        XCTAssertTrue(text.contains("start time  2011-12-03T00:00:00Z"), text)
        XCTAssertTrue(text.contains("latitude        15 points"), text)
        // 5000 Pa level: mean u 14.50, mean v −2.25 from the fixture formula averaged over the grid.
        XCTAssertTrue(text.contains("5000.0") && text.contains("14.50   -2.25"), text)
        XCTAssertEqual(text.split(separator: "\n").filter { $0.hasPrefix("        ") && $0.contains("000.0") }.count, 3)
    }

    func testGenerateWritesADecodedForecastThatInspectReads() throws {
        let out = directory + "/seed3.h5"
        let generated = try Loonsim.run(["winds", "generate", "--seed", "3", "--out", out])
        XCTAssertEqual(generated.status, 0, generated.standardError)
        XCTAssertTrue(generated.standardOutput.hasPrefix("wrote \(out) (seed 3, mean speed "), generated.standardOutput)
        let inspected = try Loonsim.run(["winds", "inspect", out])
        XCTAssertEqual(inspected.status, 0, inspected.standardError)
        XCTAssertTrue(inspected.standardOutput.contains("schema      loonsim-wind-grid v1"))
        XCTAssertTrue(inspected.standardOutput.contains("x               21 points"))
        XCTAssertTrue(inspected.standardOutput.contains("pressure        10 points        5000 … 14000"))
        XCTAssertTrue(inspected.standardOutput.contains("time             9 points           0 … 48"))
    }

    func testGenerateIsDeterministic() throws {
        let a = directory + "/a.h5", b = directory + "/b.h5"
        XCTAssertEqual(try Loonsim.run(["winds", "generate", "--seed", "11", "--out", a]).status, 0)
        XCTAssertEqual(try Loonsim.run(["winds", "generate", "--seed", "11", "--out", b]).status, 0)
        let first = try Loonsim.run(["winds", "inspect", a]).standardOutput.split(separator: "\n").dropFirst()
        let second = try Loonsim.run(["winds", "inspect", b]).standardOutput.split(separator: "\n").dropFirst()
        XCTAssertEqual(Array(first), Array(second))
    }

    func testImportMapsERA5OntoTheStationsTangentPlane() throws {
        let out = directory + "/plane.h5"
        let result = try Loonsim.run(["winds", "import", fixture("era5_cds_2024.nc"), "--station-lat", "5",
                                      "--station-lon", "100", "--half-width-km", "300", "--spacing-km", "100",
                                      "--out", out])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "wrote \(out): 7 × 7 points, 3 levels, 3 times from 2011-12-03T00:00:00Z\n")
        let inspected = try Loonsim.run(["winds", "inspect", out]).standardOutput
        XCTAssertTrue(inspected.contains("tangent plane around (5.0000°N, 100.0000°E)"), inspected)
    }

    // MARK: Bad input

    func testInspectingAFileThatIsNotHDF5FailsWithOneLine() throws {
        let path = directory + "/text.h5"
        try "hello".write(toFile: path, atomically: true, encoding: .utf8)
        assertFailsWithOneLine(try Loonsim.run(["winds", "inspect", path]), containing: "\(path): is not an HDF5 or NetCDF4 file")
    }

    func testInspectingAFileWithAFillLevelFailsWithOneLine() throws {
        assertFailsWithOneLine(try Loonsim.run(["winds", "inspect", fixture("era5_fill_level.nc")]),
                               containing: "era5_fill_level.nc: 'u' is entirely missing (fill values) at level 100 hPa (585 values), "
                                   + "inside the levels 50–150 hPa that the balloon's 50–140 hPa winds are read from")
    }

    func testImportingAFileWithAFillValueInTheBandFailsWithOneLineAndWritesNothing() throws {
        let out = directory + "/x.h5"
        assertFailsWithOneLine(try Loonsim.run(["winds", "import", fixture("era5_partial_fill.nc"), "--station-lat", "5",
                                                "--station-lon", "100", "--half-width-km", "300", "--out", out]),
                               containing: "era5_partial_fill.nc: 'v' has 1 missing (fill) value at level 50 hPa")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testWindsInAGroupOrNoWindsAtAllFailWithOneLine() throws {
        assertFailsWithOneLine(try Loonsim.run(["winds", "inspect", fixture("grouped_winds.nc")]),
                               containing: "grouped_winds.nc: has its winds in a group ('/forecast/u'); loonsim reads u and v "
                                   + "only from the file's root group")
        assertFailsWithOneLine(try Loonsim.run(["winds", "import", fixture("no_winds.nc"), "--station-lat", "1",
                                                "--station-lon", "100", "--half-width-km", "50", "--out", directory + "/x.h5"]),
                               containing: "no_winds.nc: has no eastward wind variable (looked for u, u_component_of_wind, ua, U "
                                   + "and standard_name 'eastward_wind')")
    }

    func testGeneratingIntoAMissingFolderFailsAndWritesNothing() throws {
        let out = directory + "/absent/grid.h5"
        assertFailsWithOneLine(try Loonsim.run(["winds", "generate", "--seed", "1", "--out", out]),
                               containing: "does not exist or is not writable")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testImportRejectsAStationOutsideTheFile() throws {
        let result = try Loonsim.run(["winds", "import", fixture("era5_cds_legacy.nc"), "--station-lat", "40",
                                      "--station-lon", "100", "--out", directory + "/x.h5"])
        assertFailsWithOneLine(result, containing: "leaves the file's coverage")
    }

    func testImportRefusesAGridAlreadyOnATangentPlane() throws {
        let grid = directory + "/plane.h5"
        XCTAssertEqual(try Loonsim.run(["winds", "generate", "--seed", "2", "--out", grid]).status, 0)
        assertFailsWithOneLine(try Loonsim.run(["winds", "import", grid, "--station-lat", "5", "--station-lon", "100",
                                                "--out", directory + "/again.h5"]),
                               containing: "is already on a tangent plane")
    }

    func testImportValidatesTheStationLatitude() throws {
        let result = try Loonsim.run(["winds", "import", fixture("era5_cds_legacy.nc"), "--station-lat", "95",
                                      "--station-lon", "100", "--out", directory + "/x.h5"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("--station-lat 95.0 is not within −90…90"), result.standardError)
    }

    func testGenerateWithoutOutIsAUsageError() throws {
        let result = try Loonsim.run(["winds", "generate", "--seed", "1"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("Missing expected argument '--out <out>'"), result.standardError)
    }

    func testEveryWindsCommandHasHelp() throws {
        for command in [["winds"], ["winds", "inspect"], ["winds", "generate"], ["winds", "import"]] {
            let result = try Loonsim.run(command + ["--help"])
            XCTAssertEqual(result.status, 0, "\(command)")
            XCTAssertTrue(result.standardOutput.contains("USAGE: loonsim \(command.joined(separator: " "))"),
                          result.standardOutput)
        }
    }
}
