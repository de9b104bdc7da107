import Foundation
import HDF5
import TestSupport
import XCTest
@testable import WindField

/// Forecast files shaped as forecast centres and GRIB converters write them, made by the real `netCDF4`
/// library (WindFields/fixtures/make_era5_fixtures.py): levels under the ground with missing values,
/// one time with no time dimension, longitudes 0…360, and files whose winds cannot be found.
final class RealForecastFileTests: XCTestCase {
    // MARK: Levels under the ground

    func testLevelsUnderTheGroundAreDroppedAndCounted() throws {
        let reading = try WindGridFile.reading(WindFieldFixtures.fixture("below_ground_levels.nc"))
        let grid = reading.grid
        // 1000, 925 and 850 hPa hold fill over the plateau and its rim; 700 hPa and above are whole.
        XCTAssertEqual(grid.pressure.values, [5000, 7000, 10000, 15000, 25000, 50000, 70000])
        XCTAssertEqual(reading.droppedLevelsPa, [85000, 92500, 100000])
        // Per time: 7 × 7 = 49 points at 1000 and 925 hPa, the 5 × 5 plateau at 850 hPa; two times, of 15 × 13 × 2 = 390.
        XCTAssertEqual(reading.missingValues, [
            MissingWindValues(variable: "u", pressurePa: 85000, missingCount: 50, valueCount: 390),
            MissingWindValues(variable: "u", pressurePa: 92500, missingCount: 98, valueCount: 390),
            MissingWindValues(variable: "u", pressurePa: 100000, missingCount: 98, valueCount: 390),
            MissingWindValues(variable: "v", pressurePa: 85000, missingCount: 50, valueCount: 390),
            MissingWindValues(variable: "v", pressurePa: 92500, missingCount: 98, valueCount: 390),
            MissingWindValues(variable: "v", pressurePa: 100000, missingCount: 98, valueCount: 390),
        ])
        XCTAssertNil(reading.singleTime)
        XCTAssertEqual(reading.warnings, ["dropped 3 levels outside the balloon's 50–140 hPa band that hold missing (fill) "
            + "values: 850 hPa (u 50, v 50 of 390), 925 hPa (u 98, v 98 of 390), 1000 hPa (u 98, v 98 of 390)"])
        XCTAssertEqual(ISO8601.string(from: grid.startTime), "2024-03-20T00:00:00Z")
        XCTAssertEqual(grid.time.values, [0, 6])
        XCTAssertEqual(grid.y.values, stride(from: -2.0, through: 12, by: 1).map { $0 })
        for t in 0..<2 { for p in 0..<7 { for (j, lat) in grid.y.values.enumerated() { for (i, lon) in grid.x.values.enumerated() {
            let expected = WindFieldFixtures.era5Winds(latitude: lat, longitude: lon, levelHPa: grid.pressure.values[p] / 100,
                                                       timeIndex: Double(t))
            let index = grid.flatIndex(time: t, pressure: p, y: j, x: i)
            assertClose(Double(grid.u[index]), expected.u, absolute: 1e-5, "u[\(t),\(p),\(j),\(i)]")
            assertClose(Double(grid.v[index]), expected.v, absolute: 1e-5, "v[\(t),\(p),\(j),\(i)]")
        } } } }
    }

    func testDroppingLevelsKeepsEveryLevelTheBandReads() throws {
        let pressure = GridAxis(name: "plev", values: [3000, 5000, 10000, 15000, 20000, 85000], units: "Pa")
        XCTAssertEqual(FlyablePressureBand.levelsRead(of: pressure.values), 1...3, "50 hPa up to 150 hPa, the first beyond 140")
        func missing(_ counts: [Int]) -> [(count: Int, first: [Int]?)] { counts.map { ($0, $0 > 0 ? [0, 0, 0] : nil) } }
        // Fill at 30, 200 and 850 hPa: all outside what the band reads, so dropped.
        XCTAssertEqual(try CFMissingLevels.levelsToKeep(components: [("u", missing([1, 0, 0, 0, 4, 9])), ("v", missing([0, 0, 0, 0, 0, 0]))],
                                                        pressure: pressure, valuesPerLevel: 9, file: "f.nc"), [1, 2, 3])
        // Fill at 150 hPa: a lookup at 140 hPa interpolates from it, so the file is refused.
        XCTAssertThrowsError(try CFMissingLevels.levelsToKeep(components: [("u", missing([0, 0, 0, 0, 0, 0])), ("v", missing([0, 0, 0, 2, 0, 0]))],
                                                              pressure: pressure, valuesPerLevel: 9, file: "f.nc")) {
            XCTAssertEqual("\($0)", "f.nc: 'v' has 2 missing (fill) values at level 150 hPa, inside the levels 50–150 hPa "
                + "that the balloon's 50–140 hPa winds are read from; first at time index 0, latitude index 0, longitude index 0")
        }
        // A grid wholly below the band reads only its top level.
        XCTAssertEqual(FlyablePressureBand.levelsRead(of: [20000, 50000, 85000]), 0...0)
        XCTAssertEqual(FlyablePressureBand.levelsRead(of: [1000, 2000]), 1...1)
        XCTAssertEqual(FlyablePressureBand.levelsRead(of: [5000, 14000]), 0...1)
    }

    // MARK: One time, no time dimension (cfgrib)

    /// cfgrib's layout: `u(isobaricInhPa, latitude, longitude)`, latitude descending, longitude 310…350 °E.
    func assertFollowsTheFormulaAtOneTime(_ grid: WindGrid, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(grid.x.values, stride(from: 310.0, through: 350, by: 2.5).map { $0 }, file: file, line: line)
        XCTAssertEqual(grid.y.values, stride(from: 30.0, through: 45, by: 2.5).map { $0 }, "ascending", file: file, line: line)
        XCTAssertEqual(grid.pressure.values, [5000, 7000, 10000, 15000, 20000], file: file, line: line)
        XCTAssertEqual(grid.time.values, [0], file: file, line: line)
        XCTAssertEqual(ISO8601.string(from: grid.startTime), "2024-03-20T06:00:00Z", "06:00, the valid time", file: file, line: line)
        for p in 0..<5 { for (j, lat) in grid.y.values.enumerated() { for (i, lon) in grid.x.values.enumerated() {
            let expected = WindFieldFixtures.era5Winds(latitude: lat, longitude: lon, levelHPa: grid.pressure.values[p] / 100,
                                                       timeIndex: 0)
            let index = grid.flatIndex(time: 0, pressure: p, y: j, x: i)
            assertClose(Double(grid.u[index]), expected.u, absolute: 1e-5, "u[\(p),\(j),\(i)]", file: file, line: line)
            assertClose(Double(grid.v[index]), expected.v, absolute: 1e-5, "v[\(p),\(j),\(i)]", file: file, line: line)
        } } }
    }

    func testACfgribFileWithoutATimeDimensionIsOneTimeAtItsValidTime() throws {
        let reading = try WindGridFile.reading(WindFieldFixtures.fixture("cfgrib_single_time.nc"))
        XCTAssertEqual(reading.singleTime, .validTime("valid_time"))
        XCTAssertEqual(reading.missingValues, [])
        XCTAssertEqual(reading.warnings, ["holds a single time, 2024-03-20T06:00:00Z (from 'valid_time'): the winds hold still"])
        assertFollowsTheFormulaAtOneTime(reading.grid)
    }

    func testWithoutValidTimeTheTimeIsTheReferenceTimePlusTheStep() throws {
        let reading = try WindGridFile.reading(WindFieldFixtures.fixture("cfgrib_time_step.nc"))
        XCTAssertEqual(reading.singleTime, .referencePlusStep(reference: "time", step: "step"))
        assertFollowsTheFormulaAtOneTime(reading.grid)
    }

    func testACfgribForecastOfSeveralStepsCountsThemFromItsReferenceTime() throws {
        let reading = try WindGridFile.reading(WindFieldFixtures.fixture("cfgrib_steps.nc"))
        XCTAssertNil(reading.singleTime)
        let grid = reading.grid
        XCTAssertEqual(ISO8601.string(from: grid.startTime), "2024-03-20T06:00:00Z", "time 00:00 + the first step, 6 h")
        XCTAssertEqual(grid.time.values, [0, 6])
        for t in 0..<2 { for p in 0..<5 { for (j, lat) in grid.y.values.enumerated() { for (i, lon) in grid.x.values.enumerated() {
            let expected = WindFieldFixtures.era5Winds(latitude: lat, longitude: lon, levelHPa: grid.pressure.values[p] / 100,
                                                       timeIndex: Double(t))
            let index = grid.flatIndex(time: t, pressure: p, y: j, x: i)
            assertClose(Double(grid.u[index]), expected.u, absolute: 1e-5, "u[\(t),\(p),\(j),\(i)]")
            assertClose(Double(grid.v[index]), expected.v, absolute: 1e-5, "v[\(t),\(p),\(j),\(i)]")
        } } } }
    }

    func testOneTimeWindsWithNoTimeCoordinateStartAt1970AndSaySo() throws {
        // u(level, latitude, longitude) with no dimension scales (CF's Z, Y, X order) and no time anywhere.
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/no_time.nc"
        try HDF5File.write(to: path) { file in
            for (name, values, units) in [("level", [100.0, 50], "hPa"), ("latitude", [1.0, 0], "degrees_north"),
                                          ("longitude", [99.0, 100, 101], "degrees_east")] {
                try file.createDataset(name, shape: [values.count], values: values).setAttribute("units", units)
            }
            for (name, base) in [("u", Float(10)), ("v", Float(-2))] {
                let values = (0..<12).map { base + Float($0) }  // [level][latitude][longitude]
                try file.createDataset(name, shape: [2, 2, 3], values: values).setAttribute("units", "m s-1")
            }
        }
        let reading = try WindGridFile.reading(path)
        XCTAssertEqual(reading.singleTime, SingleTimeSource.none)
        XCTAssertEqual(reading.grid.startTime, Date(timeIntervalSince1970: 0))
        XCTAssertEqual(reading.warnings, ["holds a single time, 1970-01-01T00:00:00Z (not in the file, so assumed): "
            + "the winds hold still"])
        // Levels and latitudes reversed to ascending: 50 hPa first, 0 °N first.
        XCTAssertEqual(reading.grid.pressure.values, [5000, 10000])
        XCTAssertEqual(reading.grid.u, [19, 20, 21, 16, 17, 18, 13, 14, 15, 10, 11, 12])
        XCTAssertEqual(reading.grid.v.first, 7)
    }

    func testOneTimeWindsHoldStillAtEveryLookupTime() throws {
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("cfgrib_single_time.nc"))
            .onTangentPlane(station: GeoPoint(latitudeDeg: 37.5, longitudeDeg: -30), halfWidthKm: 200, spacingKm: 100)
        let field = try GriddedWindField(grid)
        let first = field.wind(xMeters: 30_000, yMeters: -70_000, pressurePa: 8_000, elapsedSeconds: 0)
        for hours in [1.0, 6, 47.5, 200] {
            let later = field.wind(xMeters: 30_000, yMeters: -70_000, pressurePa: 8_000, elapsedSeconds: hours * 3600)
            XCTAssertEqual(later.u, first.u, "after \(hours) h")
            XCTAssertEqual(later.v, first.v, "after \(hours) h")
        }
    }

    // MARK: Longitudes 0…360 and stations west of Greenwich

    func testAStationWestOfGreenwichMapsOntoA0To360File() throws {
        let file = try WindGridFile.read(WindFieldFixtures.fixture("cfgrib_single_time.nc"))
        let station = GeoPoint(latitudeDeg: 37.5, longitudeDeg: -30)
        let grid = try file.onTangentPlane(station: station, halfWidthKm: 500, spacingKm: 100)
        let field = try GriddedWindField(grid)
        for (xKm, yKm) in [(0.0, 0.0), (-500.0, 300.0), (400.0, -500.0)] {
            let point = TangentPlane.destination(from: station, eastMeters: xKm * 1000, northMeters: yKm * 1000)
            XCTAssertLessThan(point.longitudeDeg, 0, "the plane point lies west of Greenwich")
            // The file's longitude of that point is 360° further east; the formula is linear, so resampling is exact.
            let expected = WindFieldFixtures.era5Winds(latitude: point.latitudeDeg, longitude: point.longitudeDeg + 360,
                                                       levelHPa: 70, timeIndex: 0)
            let wind = field.wind(xMeters: xKm * 1000, yMeters: yKm * 1000, pressurePa: 7_000, elapsedSeconds: 0)
            assertClose(wind.u, expected.u, absolute: 1e-4, "u at (\(xKm), \(yKm)) km")
            assertClose(wind.v, expected.v, absolute: 1e-4, "v at (\(xKm), \(yKm)) km")
        }
        // The same station given as 330 °E gives the same winds.
        let east = try file.onTangentPlane(station: GeoPoint(latitudeDeg: 37.5, longitudeDeg: 330), halfWidthKm: 500, spacingKm: 100)
        XCTAssertEqual(east.u, grid.u)
        XCTAssertEqual(east.v, grid.v)
    }

    func testAStationEastOfTheFilesLongitudesIsRefusedNotWrapped() throws {
        let file = try WindGridFile.read(WindFieldFixtures.fixture("cfgrib_single_time.nc"))
        XCTAssertThrowsError(try file.onTangentPlane(station: GeoPoint(latitudeDeg: 37.5, longitudeDeg: 30), file: "g.nc")) {
            XCTAssertTrue("\($0)".hasPrefix("g.nc: the 1000 km box around station (37.5000°, 30.0000°) leaves the file's "
                + "coverage (latitude 30.00…45.00°, longitude 310.00…350.00°)"), "\($0)")
        }
    }

    /// A global grid, 0…350 °E every 10°, with u equal to the longitude column index and v to the latitude row.
    func globalGrid() throws -> WindGrid {
        let longitudes = stride(from: 0.0, through: 350, by: 10).map { $0 }
        let latitudes = [-20.0, -10, 0, 10, 20]
        var u: [Float] = [], v: [Float] = []
        for j in latitudes.indices { for i in longitudes.indices { u.append(Float(i)); v.append(Float(j)) } }
        return try WindGrid(frame: .latitudeLongitude, startTime: Date(timeIntervalSince1970: 0),
                            x: GridAxis(name: "longitude", values: longitudes, units: "degrees_east"),
                            y: GridAxis(name: "latitude", values: latitudes, units: "degrees_north"),
                            pressure: GridAxis(name: "pressure", values: [10_000], units: "Pa"),
                            time: GridAxis(name: "time", values: [0], units: "hours"), u: u, v: v, source: "global")
    }

    func testAGlobalGridWrapsRoundAtGreenwich() throws {
        let global = try globalGrid()
        XCTAssertTrue(global.longitudesCloseTheCircle)
        let station = GeoPoint(latitudeDeg: 0, longitudeDeg: -2)
        let plane = try global.onTangentPlane(station: station, halfWidthKm: 500, spacingKm: 250)
        for (i, xKm) in plane.x.values.enumerated() {
            let point = TangentPlane.destination(from: station, eastMeters: xKm * 1000, northMeters: 0)
            let east = (point.longitudeDeg + 360).truncatingRemainder(dividingBy: 360)
            // Between 350 °E (column 35) and 360 = 0 °E (column 0) u runs from 35 down to 0; elsewhere u = lon/10.
            let expected = east > 350 ? 35 * (360 - east) / 10 : east / 10
            assertClose(Double(plane.u[plane.flatIndex(time: 0, pressure: 0, y: 2, x: i)]), expected, absolute: 1e-5,
                        "u at \(xKm) km east, \(east) °E")
        }
        // Not global (no 360° closure): the same station is refused rather than wrapped.
        var partial = global
        partial.x = GridAxis(name: "longitude", values: stride(from: 0.0, through: 340, by: 10).map { $0 }, units: "degrees_east")
        partial.u = (0..<(5 * 35)).map { Float($0 % 35) }
        partial.v = partial.u
        XCTAssertFalse(partial.longitudesCloseTheCircle)
        XCTAssertThrowsError(try partial.onTangentPlane(station: station, halfWidthKm: 500, spacingKm: 250))
    }

    // MARK: Winds that cannot be found

    func testWindsInAGroupAreAClearError() {
        let path = WindFieldFixtures.fixture("grouped_winds.nc")
        XCTAssertThrowsError(try WindGridFile.read(path)) {
            XCTAssertEqual("\($0)", "\(path): has its winds in a group ('/forecast/u'); loonsim reads u and v only from the "
                + "file's root group (looked for u, u_component_of_wind, ua, U and standard_name 'eastward_wind')")
        }
    }

    func testAFileWithoutWindsIsAClearError() {
        let path = WindFieldFixtures.fixture("no_winds.nc")
        XCTAssertThrowsError(try WindGridFile.read(path)) {
            XCTAssertEqual("\($0)", "\(path): has no eastward wind variable (looked for u, u_component_of_wind, ua, U and "
                + "standard_name 'eastward_wind')")
        }
    }
}
