import Foundation
import HDF5
import TestSupport
import XCTest
@testable import WindField

final class WindGridFileTests: XCTestCase {
    var directory = ""

    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testGridRoundTripsThroughLoonsimsSchemaExactly() throws {
        let grid = try WindFieldFixtures.smallGrid()
        let path = directory + "/grid.h5"
        try WindGridFile.write(grid, to: path)
        let read = try WindGridFile.read(path)
        XCTAssertEqual(read, grid)
    }

    func testWrittenFileCarriesTheDocumentedSchema() throws {
        let path = directory + "/grid.h5"
        try WindGridFile.write(try WindFieldFixtures.smallGrid(), to: path)
        let file = try HDF5File.open(path)
        XCTAssertEqual(try file.stringAttribute("format"), "loonsim-wind-grid")
        XCTAssertEqual(try file.numericAttribute("format_version"), [1])
        XCTAssertEqual(try file.stringAttribute("start_time"), "2012-03-20T00:00:00Z")
        XCTAssertEqual(try file.stringAttribute("horizontal_frame"), "tangent_plane")
        XCTAssertEqual(try file.numericAttribute("station_latitude_deg"), [5])
        XCTAssertEqual(try file.dataset("u").shape(), [3, 4, 2, 3])
        XCTAssertEqual(try file.dataset("u").elementKind(), .float(bytes: 4))
        XCTAssertEqual(try file.dataset("pressure").stringAttribute("units"), "Pa")
        XCTAssertEqual(try file.dataset("u").dimensionScaleNames(), ["time", "pressure", "y", "x"])
    }

    func testFailedWriteLeavesThePreviousFileUntouched() throws {
        let path = directory + "/grid.h5"
        try WindGridFile.write(try WindFieldFixtures.smallGrid(), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        struct Interrupted: Error {}
        XCTAssertThrowsError(try HDF5File.write(to: path) { file in
            try file.setAttribute("format", "half written")
            throw Interrupted()
        })
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["grid.h5"])
    }

    // MARK: Bad input: each gives one line naming the file and the problem.

    func testAFileThatIsNotHDF5IsRejected() throws {
        let path = directory + "/notes.h5"
        try "just text\n".write(toFile: path, atomically: true, encoding: .utf8)
        assertReadFails(path, "\(path): is not an HDF5 or NetCDF4 file")
    }

    func testAMissingFileIsRejected() {
        assertReadFails(directory + "/absent.h5", "\(directory)/absent.h5: no such file")
    }

    func testANetCDF3FileIsRejectedWithAHint() throws {
        let path = directory + "/classic.nc"
        try Data([0x43, 0x44, 0x46, 0x01, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: path))
        assertReadFails(path, contains: "is a NetCDF3 (classic) file")
    }

    func testATruncatedFileIsRejected() throws {
        let path = directory + "/grid.h5"
        try WindGridFile.write(try WindFieldFixtures.smallGrid(), to: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        assertReadFails(path, contains: path + ": ")
    }

    func testMissingVIsRejected() throws {
        let path = try writeRaw(omitting: "v")
        assertReadFails(path, "\(path): dataset '/v' is missing")
    }

    func testWrongRankIsRejected() throws {
        let path = try writeRaw(uShape: [3, 4, 6])
        assertReadFails(path, "\(path): 'u' has shape [3, 4, 6], expected [3, 4, 2, 3] (time, pressure, y, x)")
    }

    func testWrongShapeIsRejected() throws {
        let path = try writeRaw(uShape: [3, 4, 3, 2])
        assertReadFails(path, "\(path): 'u' has shape [3, 4, 3, 2], expected [3, 4, 2, 3] (time, pressure, y, x)")
    }

    func testNaNWindsAreRejectedWithTheirPlace() throws {
        let path = try writeRaw(uValue: { $0 == 17 ? .nan : 1 })
        assertReadFails(path, "\(path): 'u' holds a non-finite value (nan) at time 0, pressure 2, y 1, x 2")
    }

    func testInfiniteWindsAreRejected() throws {
        let path = try writeRaw(uValue: { $0 == 0 ? .infinity : 1 })
        assertReadFails(path, "\(path): 'u' holds a non-finite value (inf) at time 0, pressure 0, y 0, x 0")
    }

    func testNonMonotonicPressureAxisIsRejected() throws {
        let path = try writeRaw(pressure: [5000, 9000, 7000, 14000])
        assertReadFails(path, "\(path): axis 'pressure' is not monotonic (at index 2)")
    }

    func testDuplicatedTimeAxisIsRejected() throws {
        let path = try writeRaw(time: [0, 6, 6])
        assertReadFails(path, "\(path): axis 'time' repeats the value 6.0 (index 2)")
    }

    func testUnknownPressureUnitsAreRejected() throws {
        let path = try writeRaw(pressureUnits: "bar")
        assertReadFails(path, "\(path): axis 'pressure' has unknown units 'bar' (expected Pa or hPa)")
    }

    func testUnknownWindUnitsAreRejected() throws {
        let path = try writeRaw(windUnits: "knots")
        assertReadFails(path, "\(path): 'u' has unknown units 'knots' (expected m s-1)")
    }

    func testPressureInHectopascalsIsConvertedToPascals() throws {
        let path = try writeRaw(pressure: [50, 70, 100, 140], pressureUnits: "hPa")
        XCTAssertEqual(try WindGridFile.read(path).pressure.values, [5000, 7000, 10000, 14000])
    }

    // MARK: Helpers

    func assertReadFails(_ path: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try WindGridFile.read(path), file: file, line: line) { error in
            XCTAssertEqual("\(error)", message, file: file, line: line)
        }
    }

    func assertReadFails(_ path: String, contains fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try WindGridFile.read(path), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(fragment), "'\(text)' lacks '\(fragment)'", file: file, line: line)
            XCTAssertFalse(text.contains("\n"), "error is not one line: \(text)", file: file, line: line)
        }
    }

    /// Writes a loonsim-schema file by hand (time 3, pressure 4, y 2, x 3), with one part changed.
    func writeRaw(
        omitting omitted: String? = nil,
        uShape: [Int] = [3, 4, 2, 3], uValue: (Int) -> Float = { Float($0) },
        pressure: [Double] = [5000, 7000, 10000, 14000], pressureUnits: String = "Pa",
        time: [Double] = [0, 6, 12], windUnits: String = "m s-1"
    ) throws -> String {
        let path = directory + "/raw-\(UUID().uuidString.prefix(6)).h5"
        try HDF5File.write(to: path) { file in
            try file.setAttribute("format", "loonsim-wind-grid")
            try file.setAttribute("format_version", Int64(1))
            try file.setAttribute("start_time", "2012-03-20T00:00:00Z")
            try file.setAttribute("horizontal_frame", "tangent_plane")
            let axes: [(String, [Double], String)] = [("time", time, "hours"), ("pressure", pressure, pressureUnits),
                                                       ("y", [-50, 50], "km"), ("x", [-100, 0, 100], "km")]
            for (name, values, units) in axes {
                try file.createDataset(name, shape: [values.count], values: values).setAttribute("units", units)
            }
            for name in ["u", "v"] where name != omitted {
                let shape = name == "u" ? uShape : [3, 4, 2, 3]
                let count = shape.reduce(1, *)
                let values = (0..<count).map { name == "u" ? uValue($0) : Float($0) }
                try file.createDataset(name, shape: shape, values: values).setAttribute("units", windUnits)
            }
        }
        return path
    }
}
