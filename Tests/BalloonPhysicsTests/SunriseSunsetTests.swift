import XCTest
import WindField
@testable import BalloonPhysics

/// Reference §12.3 (next sunrise / sunset, to the minute) and §2.10's search.
final class SunriseSunsetTests: XCTestCase {
    func testNextSunriseAndSunsetMatchBLE() throws {
        let expected: [(CivilDate, CivilDate)] = [
            (CivilDate(year: 2012, month: 3, day: 20, hour: 23, minute: 9), CivilDate(year: 2012, month: 3, day: 20, hour: 11, minute: 45)),
            (CivilDate(year: 2012, month: 3, day: 20, hour: 23, minute: 9), CivilDate(year: 2012, month: 3, day: 20, hour: 11, minute: 45)),
            (CivilDate(year: 2012, month: 6, day: 21, hour: 22, minute: 54), CivilDate(year: 2012, month: 6, day: 22, hour: 11, minute: 51)),
            (CivilDate(year: 2013, month: 12, day: 2, hour: 23, minute: 9), CivilDate(year: 2013, month: 12, day: 2, hour: 11, minute: 9)),
        ]
        for (row, (sunrise, sunset)) in zip(SolarCalculatorTests.rows, expected) {
            let next = try SunriseSunset.next(at: ReferenceSetting.point, unixSeconds: row.date.unixSeconds)
            XCTAssertEqual(next.sunriseUnixSeconds / 60, sunrise.unixSeconds / 60,
                           "sunrise after \(row.date): \(CivilDate(unixSeconds: next.sunriseUnixSeconds))")
            XCTAssertEqual(next.sunsetUnixSeconds / 60, sunset.unixSeconds / 60,
                           "sunset after \(row.date): \(CivilDate(unixSeconds: next.sunsetUnixSeconds))")
        }
    }

    func testTimesAreOnTheThreeMinuteGridAndWithinTheComingDay() throws {
        let t = CivilDate(year: 2013, month: 7, day: 2, hour: 17, minute: 4, second: 7).unixSeconds
        let next = try SunriseSunset.next(at: GeoPoint(latitudeDeg: -8, longitudeDeg: -60), unixSeconds: t)
        for event in [next.sunriseUnixSeconds, next.sunsetUnixSeconds] {
            XCTAssertGreaterThanOrEqual(event, t)
            XCTAssertLessThan(event, t + 86_400)
        }
        // Sunrise and sunset are 3-min grid points of searches that start at t or t ± 12 h, 24 h.
        XCTAssertEqual((next.sunriseUnixSeconds - t) % 180, 0)
        XCTAssertEqual((next.sunsetUnixSeconds - t) % 180, 0)
    }

    func testAfternoonMeansTheSunIsSinking() {
        let morning = CivilDate(year: 2012, month: 3, day: 20, hour: 2).unixSeconds   // 08:40 local solar time at 100° E
        let afternoon = CivilDate(year: 2012, month: 3, day: 20, hour: 7).unixSeconds // 13:40
        XCTAssertFalse(SunriseSunset.isAfternoon(at: ReferenceSetting.point, unixSeconds: morning))
        XCTAssertTrue(SunriseSunset.isAfternoon(at: ReferenceSetting.point, unixSeconds: afternoon))
    }

    func testTheSearchHalvesTowardsTheSmallerEndLikeBLE() {
        // Symmetric objectives: the minimum is found exactly.
        for minimum in [0, 1, 37, 119, 120, 239, 240] as [Int64] {
            XCTAssertEqual(SunriseSunset.discreteMinimum(count: 240) { Double(abs($0 - minimum)) }, minimum)
        }
        // An asymmetric one fools it, as it fools BLE: 0…240 with g = k for k ≤ 200, 400 − k beyond
        // (minimum at 0 but g(0) = 0 < g(240) = 160 keeps halving toward 0, so this one works) …
        XCTAssertEqual(SunriseSunset.discreteMinimum(count: 240) { $0 <= 200 ? Double($0) : Double(400 - $0) }, 0)
        // … while a plateau is resolved toward hi on ties.
        XCTAssertEqual(SunriseSunset.discreteMinimum(count: 10) { _ in 1 }, 10)
        XCTAssertEqual(SunriseSunset.discreteMinimum(count: 0) { Double($0) }, 0, "empty window")
        XCTAssertEqual(SunriseSunset.search(at: SolarSite(ReferenceSetting.point), from: 1000, to: 1100) { $0 }, 1000, "window under 3 min")
    }

    func testHighLatitudesThrow() {
        XCTAssertThrowsError(try SunriseSunset.next(at: GeoPoint(latitudeDeg: -61, longitudeDeg: 0), unixSeconds: 0)) { error in
            guard case .latitudeNotSupported = error as? BalloonPhysicsError else { return XCTFail("\(error)") }
        }
        // BLE compares degrees(radians(lat)) < 60, and 60° comes back as 59.99999999999999°.
        XCTAssertNoThrow(try SunriseSunset.next(at: GeoPoint(latitudeDeg: 60, longitudeDeg: 0), unixSeconds: 0))
    }
}
