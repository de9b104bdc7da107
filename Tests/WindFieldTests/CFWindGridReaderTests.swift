import Foundation
import TestSupport
import XCTest
@testable import WindField

/// ERA5-style NetCDF4 files written by the real `netCDF4` library (WindFields/fixtures/make_era5_fixtures.py).
final class CFWindGridReaderTests: XCTestCase {
    let latitudes = stride(from: -2.0, through: 12, by: 1).map { $0 }
    let longitudes = stride(from: 94.0, through: 106, by: 1).map { $0 }

    func assertWindsFollowTheFixtureFormula(_ grid: WindGrid, tolerance: Double, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(grid.y.values, latitudes, "latitude ascending", file: file, line: line)
        XCTAssertEqual(grid.x.values, longitudes, file: file, line: line)
        XCTAssertEqual(grid.pressure.values, [5000, 10000, 15000], "pressure ascending in Pa", file: file, line: line)
        XCTAssertEqual(grid.time.values, [0, 6, 12], "hours since the first time", file: file, line: line)
        XCTAssertEqual(ISO8601.string(from: grid.startTime), "2011-12-03T00:00:00Z", file: file, line: line)
        for t in 0..<3 { for p in 0..<3 { for (j, lat) in latitudes.enumerated() { for (i, lon) in longitudes.enumerated() {
            let expected = WindFieldFixtures.era5Winds(latitude: lat, longitude: lon, levelHPa: grid.pressure.values[p] / 100,
                                                       timeIndex: Double(t))
            let index = grid.flatIndex(time: t, pressure: p, y: j, x: i)
            assertClose(Double(grid.u[index]), expected.u, absolute: tolerance, "u[\(t),\(p),\(j),\(i)]", file: file, line: line)
            assertClose(Double(grid.v[index]), expected.v, absolute: tolerance, "v[\(t),\(p),\(j),\(i)]", file: file, line: line)
        } } } }
    }

    func testLegacyCDSFileWithPackedInt16AndDescendingLatitudeIsRead() throws {
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_cds_legacy.nc"))
        XCTAssertEqual(grid.frame, .latitudeLongitude)
        // Packed to 60 000 steps over the value range: error ≤ half a step.
        assertWindsFollowTheFixtureFormula(grid, tolerance: 2e-4)
    }

    func test2024CDSFileWithValidTimeAndDescendingPressureLevelsIsRead() throws {
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_cds_2024.nc"))
        assertWindsFollowTheFixtureFormula(grid, tolerance: 1e-5)
    }

    func testDimensionScalesDecideTheAxisOrder() throws {
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_transposed.nc"))
        assertWindsFollowTheFixtureFormula(grid, tolerance: 1e-5)
    }

    func testALevelEntirelyOfFillValuesInsideTheBalloonsBandIsRejected() {
        let path = WindFieldFixtures.fixture("era5_fill_level.nc")
        XCTAssertThrowsError(try WindGridFile.read(path)) {
            // 3 times × 15 latitudes × 13 longitudes.
            XCTAssertEqual("\($0)", "\(path): 'u' is entirely missing (fill values) at level 100 hPa (585 values), inside "
                + "the levels 50–150 hPa that the balloon's 50–140 hPa winds are read from")
        }
    }

    func testAScatteredFillValueInsideTheBalloonsBandIsRejectedWithItsPlace() {
        let path = WindFieldFixtures.fixture("era5_partial_fill.nc")
        XCTAssertThrowsError(try WindGridFile.read(path)) {
            // File index (time 2, level 50 hPa, latitude row 3 = 9 °N, longitude 4); latitude ascending: row 11.
            XCTAssertEqual("\($0)", "\(path): 'v' has 1 missing (fill) value at level 50 hPa, inside the levels 50–150 hPa "
                + "that the balloon's 50–140 hPa winds are read from; first at time index 2, latitude index 11, longitude index 4")
        }
    }

    func testERA5WindsOnTheTangentPlaneFollowTheFormulaAtTheMappedPoints() throws {
        let station = GeoPoint(latitudeDeg: 5, longitudeDeg: 100)
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_cds_2024.nc"))
            .onTangentPlane(station: station, halfWidthKm: 300, spacingKm: 100)
        XCTAssertEqual(grid.x.values, [-300, -200, -100, 0, 100, 200, 300])
        XCTAssertEqual(grid.frame, .tangentPlane(station: station))
        let field = try GriddedWindField(grid)
        for (xKm, yKm) in [(0.0, 0.0), (100.0, -200.0), (-300.0, 300.0)] {
            let point = TangentPlane.destination(from: station, eastMeters: xKm * 1000, northMeters: yKm * 1000)
            // The formula is linear in latitude and longitude, so bilinear resampling is exact up to float32.
            let expected = WindFieldFixtures.era5Winds(latitude: point.latitudeDeg, longitude: point.longitudeDeg,
                                                       levelHPa: 100, timeIndex: 1)
            let wind = field.wind(xMeters: xKm * 1000, yMeters: yKm * 1000, pressurePa: 10_000, elapsedSeconds: 6 * 3600)
            assertClose(wind.u, expected.u, absolute: 1e-4, "u at (\(xKm), \(yKm)) km")
            assertClose(wind.v, expected.v, absolute: 1e-4, "v at (\(xKm), \(yKm)) km")
        }
    }

    func testAStationWhoseBoxLeavesTheFileIsRejected() throws {
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_cds_legacy.nc"))
        XCTAssertThrowsError(try grid.onTangentPlane(station: GeoPoint(latitudeDeg: 10, longitudeDeg: 100), file: "era5.nc")) {
            XCTAssertTrue("\($0)".hasPrefix("era5.nc: the 1000 km box around station (10.0000°, 100.0000°) leaves the file's coverage"), "\($0)")
        }
    }

    func testAGridTheProjectWritesOnLatitudeLongitudeReadsBack() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_cds_legacy.nc"))
        try WindGridFile.write(grid, to: directory + "/copy.h5")
        let copy = try WindGridFile.read(directory + "/copy.h5")
        XCTAssertEqual(copy.u, grid.u)
        XCTAssertEqual(copy.y, grid.y)
        XCTAssertEqual(copy.startTime, grid.startTime)
    }

    func testCFTimeUnitsParseERA5Styles() throws {
        let legacy = try CFTimeUnits.parse("hours since 1900-01-01 00:00:00.0").get()
        XCTAssertEqual(legacy.secondsPerUnit, 3600)
        XCTAssertEqual(legacy.reference.timeIntervalSince1970, -2_208_988_800)
        let modern = try CFTimeUnits.parse("seconds since 1970-01-01", calendar: "proleptic_gregorian").get()
        XCTAssertEqual(modern.reference.timeIntervalSince1970, 0)
        let zoned = try CFTimeUnits.parse("days since 2000-01-01T06:00:00+06:00").get()
        XCTAssertEqual(zoned.reference.timeIntervalSince1970, 946_684_800)
        XCTAssertThrowsError(try CFTimeUnits.parse("fortnights since 2000-01-01").get())
        XCTAssertThrowsError(try CFTimeUnits.parse("days since 2000-01-01", calendar: "360_day").get())
    }
}
