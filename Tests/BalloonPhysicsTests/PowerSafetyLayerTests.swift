import XCTest
import WindField
@testable import BalloonPhysics

/// Reference §2.9: the power safety layer.
final class PowerSafetyLayerTests: XCTestCase {
    let point = ReferenceSetting.point
    /// 2012-03-20 05:00 UTC: day at 100° E (sunset 11:45, sunrise 23:09).
    let noon = ReferenceSetting.time

    func testItFindsTheNextSunriseAndSunsetAtLaunch() throws {
        let layer = try PowerSafetyLayer(position: point, unixSeconds: noon)
        XCTAssertEqual(CivilDate(unixSeconds: layer.launchSunriseUnixSeconds).description.prefix(16), "2012-03-20T23:09")
        XCTAssertEqual(CivilDate(unixSeconds: layer.launchSunsetUnixSeconds).description.prefix(16), "2012-03-20T11:45")
        XCTAssertEqual(layer.nightEndUnixSeconds, layer.launchSunriseUnixSeconds + 1800)
    }

    func testByDayItPassesEverything() throws {
        var layer = try PowerSafetyLayer(position: point, unixSeconds: noon)
        XCTAssertEqual(try layer.filter(.down, unixSeconds: noon, position: point, nighttimePowerLoadW: 183.7,
                                        batteryChargeWh: 10, batteryCapacityWh: 3058.56, profile: .ble), .down)
        XCTAssertFalse(layer.navigationIsPaused)
    }

    func testByNightItPausesWhenTheChargeWouldNotLastAndStaysPaused() throws {
        var layer = try PowerSafetyLayer(position: point, unixSeconds: noon)
        let evening = noon + 8 * 3600  // 13:00 UTC: night
        // ≈ 10.6 h to the end of night at 183.7 W ≈ 1950 Wh.
        XCTAssertEqual(try layer.filter(.down, unixSeconds: evening, position: point, nighttimePowerLoadW: 183.7,
                                        batteryChargeWh: 2500, batteryCapacityWh: 3058.56, profile: .ble), .down)
        XCTAssertFalse(layer.navigationIsPaused)
        XCTAssertEqual(try layer.filter(.down, unixSeconds: evening, position: point, nighttimePowerLoadW: 183.7,
                                        batteryChargeWh: 1990, batteryCapacityWh: 3058.56, profile: .ble), .stay)
        XCTAssertTrue(layer.navigationIsPaused)
        XCTAssertEqual(try layer.filter(.up, unixSeconds: evening + 180, position: point, nighttimePowerLoadW: 183.7,
                                        batteryChargeWh: 3000, batteryCapacityWh: 3058.56, profile: .ble), .up)
        XCTAssertEqual(try layer.filter(.down, unixSeconds: evening + 360, position: point, nighttimePowerLoadW: 183.7,
                                        batteryChargeWh: 3000, batteryCapacityWh: 3058.56, profile: .ble), .stay, "paused all night")
        // After the end of night (sunrise + 30 min) a full battery unpauses.
        let morning = layer.nightEndUnixSeconds + 60
        XCTAssertEqual(try layer.filter(.down, unixSeconds: morning, position: point, nighttimePowerLoadW: 183.7,
                                        batteryChargeWh: 3000, batteryCapacityWh: 3058.56, profile: .ble), .down)
        XCTAssertFalse(layer.navigationIsPaused)
    }

    func testUnderBLEThePassedTimesRollByWholeDays() throws {
        var layer = try PowerSafetyLayer(position: point, unixSeconds: noon)
        let later = noon + 3 * 86_400 + 7 * 3600
        _ = try layer.filter(.stay, unixSeconds: later, position: GeoPoint(latitudeDeg: 5, longitudeDeg: 130),
                             nighttimePowerLoadW: 183.7, batteryChargeWh: 3000, batteryCapacityWh: 3058.56, profile: .ble)
        XCTAssertEqual((layer.nightEndUnixSeconds - layer.launchSunriseUnixSeconds - 1800) % 86_400, 0)
        XCTAssertEqual((layer.sunsetUnixSeconds - layer.launchSunsetUnixSeconds) % 86_400, 0)
        XCTAssertGreaterThanOrEqual(layer.sunsetUnixSeconds, later)
    }

    func testUnderCorrectedThePassedTimesAreRecomputedWhereTheBalloonIs() throws {
        var layer = try PowerSafetyLayer(position: point, unixSeconds: noon)
        let later = noon + 86_400 + 7 * 3600
        let east = GeoPoint(latitudeDeg: 5, longitudeDeg: 130)   // 30° east: the sun sets 2 h earlier
        _ = try layer.filter(.stay, unixSeconds: later, position: east, nighttimePowerLoadW: 183.7,
                             batteryChargeWh: 3000, batteryCapacityWh: 3058.56, profile: .corrected)
        let there = try SunriseSunset.next(at: east, unixSeconds: later)
        XCTAssertEqual(layer.sunsetUnixSeconds, there.sunsetUnixSeconds)
        XCTAssertEqual(layer.nightEndUnixSeconds, there.sunriseUnixSeconds + 1800)
    }
}
