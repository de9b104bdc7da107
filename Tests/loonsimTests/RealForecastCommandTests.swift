import Foundation
import TestSupport
import XCTest

/// `winds inspect`, `winds import` and `evaluate --winds` on forecast files shaped as forecast centres
/// and cfgrib write them (WindFields/fixtures/make_era5_fixtures.py).
final class RealForecastCommandTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func fixture(_ name: String) -> String { SharedData.repositoryRoot + "/WindFields/fixtures/" + name }

    // MARK: Levels under the ground

    func testInspectSaysWhichLevelsHeldMissingValuesAndDropsThem() throws {
        let result = try Loonsim.run(["winds", "inspect", fixture("below_ground_levels.nc")])
        XCTAssertEqual(result.status, 0, result.standardError)
        let text = result.standardOutput
        XCTAssertTrue(text.contains("plev             7 points        5000 … 70000      Pa"), text)
        XCTAssertTrue(text.contains("  missing values (fill) at levels outside the balloon's 50–140 hPa band: those levels are dropped\n"
            + "    pressure_Pa  variable  missing  of_values\n"
            + "        85000.0  u              50        390\n"
            + "        85000.0  v              50        390\n"
            + "        92500.0  u              98        390\n"
            + "        92500.0  v              98        390\n"
            + "       100000.0  u              98        390\n"
            + "       100000.0  v              98        390\n"), text)
        // 100 hPa over both times: mean u = 10 + 0.5·5 + 0 + 1 + 1.5·0.5 = 14.25, mean v = −3 + 1.5 − 0.5 − 0.25 = −2.25.
        XCTAssertTrue(text.contains("        10000.0 ") && text.contains("14.25   -2.25"), text)
        XCTAssertFalse(text.contains("85000.0     "), "no wind speeds for a dropped level: \(text)")
    }

    func testImportWarnsAboutTheDroppedLevelsAndTheGridFlies() throws {
        let out = directory + "/plateau.h5"
        let imported = try Loonsim.run(["winds", "import", fixture("below_ground_levels.nc"), "--station-lat", "5",
                                        "--station-lon", "100", "--half-width-km", "300", "--spacing-km", "100", "--out", out])
        XCTAssertEqual(imported.status, 0, imported.standardError)
        XCTAssertEqual(imported.standardOutput, "wrote \(out): 7 × 7 points, 7 levels, 2 times from 2024-03-20T00:00:00Z\n")
        XCTAssertEqual(imported.standardError, "import: warning: \(fixture("below_ground_levels.nc")): dropped 3 levels outside "
            + "the balloon's 50–140 hPa band that hold missing (fill) values: 850 hPa (u 50, v 50 of 390), "
            + "925 hPa (u 98, v 98 of 390), 1000 hPa (u 98, v 98 of 390)\n")
        let inspected = try Loonsim.run(["winds", "inspect", out]).standardOutput
        XCTAssertTrue(inspected.contains("pressure         7 points        5000 … 70000"), inspected)

        let flown = try Loonsim.run(["evaluate", "--out", directory, "--winds", out, "--seeds", "0", "--days", "0.05"])
        XCTAssertEqual(flown.status, 0, flown.standardError)
        XCTAssertTrue(flown.standardError.contains("evaluate: plateau.h5 covers x -300 to 300 km, y -300 to 300 km around its "
            + "station and 5000 to 70000 Pa"), flown.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.json"))) as! [[String: Any]]
        XCTAssertEqual(json[0]["winds"] as? String, "plateau.h5")
        XCTAssertEqual(json[0]["final_timestep"] as? Int, 24)
    }

    // MARK: One time (cfgrib), longitudes 0…360, a station west of Greenwich

    func testInspectSaysAOneTimeFileHoldsStill() throws {
        for (name, source) in [("cfgrib_single_time.nc", "from 'valid_time'"), ("cfgrib_time_step.nc", "from 'time' + 'step'")] {
            let result = try Loonsim.run(["winds", "inspect", fixture(name)])
            XCTAssertEqual(result.status, 0, result.standardError)
            let text = result.standardOutput
            XCTAssertTrue(text.contains("start time  2024-03-20T06:00:00Z\n"
                + "  one time    the file has no time dimension (time \(source)): the winds hold still\n"), text)
            XCTAssertTrue(text.contains("longitude       17 points         310 … 350        degrees_east  (every 2.5)"), text)
            XCTAssertTrue(text.contains("time             1 points           0 … 0          hours         (one point)"), text)
        }
    }

    func testImportOfAOneTimeFileAroundAStationWestOfGreenwichFliesWithWindsHoldingStill() throws {
        let out = directory + "/atlantic.h5"
        let imported = try Loonsim.run(["winds", "import", fixture("cfgrib_single_time.nc"), "--station-lat", "37.5",
                                        "--station-lon", "-30", "--out", out])
        XCTAssertEqual(imported.status, 0, imported.standardError)
        XCTAssertEqual(imported.standardOutput,
                       "wrote \(out): 21 × 21 points, 5 levels, 1 time (the winds hold still) at 2024-03-20T06:00:00Z\n")
        XCTAssertEqual(imported.standardError, "import: warning: \(fixture("cfgrib_single_time.nc")): holds a single time, "
            + "2024-03-20T06:00:00Z (from 'valid_time'): the winds hold still\n")
        let inspected = try Loonsim.run(["winds", "inspect", out]).standardOutput
        XCTAssertTrue(inspected.contains("tangent plane around (37.5000°N, -30.0000°E)"), inspected)
        XCTAssertTrue(inspected.contains("  one time    the grid holds a single time: the winds hold still"), inspected)
        // At 70 hPa the station's wind is the formula at 37.5 °N, 330 °E: u = 10 + 18.75 − 46 + 0.7 = −16.55,
        // v = −3 + 11.25 + 23 − 0.35 = 30.9; the plane's mean over ±500 km is close to it (the formula is linear).
        XCTAssertTrue(inspected.contains("         7000.0     35."), inspected)

        let flown = try Loonsim.run(["evaluate", "--out", directory, "--winds", out, "--seeds", "0", "--days", "0.05"])
        XCTAssertEqual(flown.status, 0, flown.standardError)
        XCTAssertTrue(flown.standardError.contains("evaluate: warning: it holds a single time (2024-03-20T06:00:00Z), so the "
            + "winds hold still for the whole 1.2-h trial"), flown.standardError)
        XCTAssertFalse(flown.standardError.contains("backwards and forwards"), flown.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/station-seeker.json"))) as! [[String: Any]]
        XCTAssertEqual(json[0]["final_timestep"] as? Int, 24)
    }

    func testImportRefusesAStationEastOfGreenwichOutsideA0To360File() throws {
        let result = try Loonsim.run(["winds", "import", fixture("cfgrib_single_time.nc"), "--station-lat", "37.5",
                                      "--station-lon", "30", "--out", directory + "/x.h5"])
        assertFailsWithOneLine(result, containing: "cfgrib_single_time.nc: the 1000 km box around station (37.5000°, 30.0000°) "
            + "leaves the file's coverage (latitude 30.00…45.00°, longitude 310.00…350.00°)")
    }
}
