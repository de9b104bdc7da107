import XCTest
@testable import BalloonPhysics

/// UTC calendar conversions behind the solar calculator and the scenario files.
final class CivilDateTests: XCTestCase {
    func testKnownDates() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1).unixSeconds, 0)
        XCTAssertEqual(CivilDate(year: 2013, month: 6, day: 28, hour: 21, minute: 36, second: 42).unixSeconds, 1_372_455_402)
        XCTAssertEqual(CivilDate(unixSeconds: 1_372_455_402).description, "2013-06-28T21:36:42+00:00")
        XCTAssertEqual(CivilDate(unixSeconds: -1), CivilDate(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
        XCTAssertEqual(CivilDate(year: 2012, month: 2, day: 29).unixSeconds + 86_400, CivilDate(year: 2012, month: 3, day: 1).unixSeconds)
    }

    func testRoundTripsEveryDayOfALeapCycle() {
        let start = CivilDate(year: 2011, month: 1, day: 1).unixSeconds
        for day in 0..<(4 * 366) {
            let t = start + Int64(day) * 86_400 + 12_345
            XCTAssertEqual(CivilDate(unixSeconds: t).unixSeconds, t)
        }
    }

    func testParsesBLEsTimestamps() {
        XCTAssertEqual(CivilDate(iso8601: "2013-06-28T21:57:42+00:00")?.unixSeconds, 1_372_456_662)
        XCTAssertEqual(CivilDate(iso8601: "2013-06-28T21:57:42Z")?.unixSeconds, 1_372_456_662)
        XCTAssertNil(CivilDate(iso8601: "2013-06-28 21:57"))
        XCTAssertNil(CivilDate(iso8601: "2013-13-28T21:57:42"))
    }
}
