import XCTest
import TestSupport
import WindField
@testable import BalloonPhysics

/// Reference §12.3: the NOAA solar calculator at lat 5°, lng 100°.
final class SolarCalculatorTests: XCTestCase {
    struct Row {
        var date: CivilDate
        var elevation, azimuth, flux: String
    }
    static let rows = [
        Row(date: CivilDate(year: 2012, month: 3, day: 20), elevation: "8.199509", azimuth: "90.801943", flux: "1378.386788"),
        Row(date: CivilDate(year: 2012, month: 3, day: 20, hour: 5), elevation: "81.522742", azimuth: "125.979318", flux: "1378.223494"),
        Row(date: CivilDate(year: 2012, month: 6, day: 21, hour: 12), elevation: "-6.651366", azimuth: "294.346941", flux: "1320.023905"),
        Row(date: CivilDate(year: 2013, month: 12, day: 1, hour: 23, minute: 30), elevation: "3.145749", azimuth: "112.330340", flux: "1405.939780"),
    ]

    func testElevationAzimuthAndFluxMatchBLE() {
        for row in Self.rows {
            let t = row.date.unixSeconds
            let sun = SolarCalculator.position(at: ReferenceSetting.point, unixSeconds: t)
            assertPrinted(sun.elevationDeg, row.elevation, "elevation at \(row.date)")
            assertPrinted(sun.fluxWPerM2, row.flux, "flux at \(row.date)")
            assertPrinted(SolarCalculator.azimuthDeg(at: ReferenceSetting.point, unixSeconds: t), row.azimuth, "azimuth at \(row.date)")
            XCTAssertEqual(SolarCalculator.elevationDeg(at: ReferenceSetting.point, unixSeconds: t), sun.elevationDeg)
        }
    }

    func testTheDayFractionUsesWholeSecondsOfTheUTCDay() {
        // Same second of day and same date ⇒ same sun, whatever else.
        let t = CivilDate(year: 2012, month: 3, day: 20, hour: 5).unixSeconds
        let a = SolarCalculator.position(at: ReferenceSetting.point, unixSeconds: t)
        let b = SolarCalculator.position(at: ReferenceSetting.point, unixSeconds: t + 1)
        XCTAssertNotEqual(a, b)
        XCTAssertEqual(SolarGeometry.julianDayNumber(unixSeconds: t), SolarGeometry.julianDayNumber(unixSeconds: t + 3600))
        XCTAssertEqual(SolarGeometry.julianDayNumber(unixSeconds: CivilDate(year: 2000, month: 1, day: 1).unixSeconds), 2451544.5)
    }

    func testTheHourAngleKeepsCFmodSemanticsWestOfGreenwich() {
        // fmod of a negative true solar time stays negative; the sun is still where NOAA puts it.
        let west = GeoPoint(latitudeDeg: 0, longitudeDeg: -170)
        let t = CivilDate(year: 2012, month: 3, day: 20, hour: 0, minute: 10).unixSeconds
        let elevation = SolarCalculator.elevationDeg(at: west, unixSeconds: t)
        // 00:10 UTC at 170° W is ≈ 12:50 local solar time the previous day: sun high.
        XCTAssertGreaterThan(elevation, 75)
    }
}
