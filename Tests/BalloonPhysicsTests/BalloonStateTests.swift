import XCTest
import TestSupport
import WindField
@testable import BalloonPhysics

/// Reference §2.2: the launch state and derived quantities.
final class BalloonStateTests: XCTestCase {
    func testLaunchIsStableInitialisationAtTheLaunchPressure() throws {
        let balloon = try ReferenceSetting.balloon(pressurePa: 8000)
        assertPrinted(balloon.ambientTemperatureK, "190.2140", "T_amb")
        assertPrinted(balloon.gasTemperatureK, "220.7624", "T_gas")
        assertPrinted(balloon.airMols, "2623.0842", "n_air")
        assertPrinted(balloon.envelopeVolumeM3, "1833.1587", "V")
        assertPrinted(balloon.superpressurePa, "1465.2625", "SP")
        XCTAssertEqual(balloon.batteryChargeWh, 2905.6)
        XCTAssertEqual(balloon.lastCommand, .stay)
        XCTAssertEqual(balloon.status, .ok)
        XCTAssertEqual(balloon.elapsedSeconds, 0)
        XCTAssertEqual(balloon.startUnixSeconds, ReferenceSetting.time)
        XCTAssertFalse(balloon.navigationIsPaused)
        XCTAssertEqual(balloon.profile, .ble)
        XCTAssertEqual(balloon.acsPowerW, 0)
    }

    func testDerivedQuantities() throws {
        let balloon = try ReferenceSetting.balloon(pressurePa: 8000)
        XCTAssertEqual(balloon.batteryStateOfCharge, 2905.6 / 3058.56)
        XCTAssertEqual(balloon.pressureRatio, (8000 + balloon.superpressurePa) / 8000)
        XCTAssertEqual(balloon.position, ReferenceSetting.point)
        XCTAssertFalse(balloon.hasExcessEnergy, "SOC 0.95 ≤ 0.99")
        XCTAssertEqual(balloon.altitudeM, try ReferenceSetting.atmosphere.atPressure(8000).heightM)
        XCTAssertEqual(balloon.solarSite.latitudeDeg, balloon.position.latitudeDeg, accuracy: 1e-12)
        XCTAssertEqual(balloon.solarSite.longitudeDeg, balloon.position.longitudeDeg, accuracy: 1e-12)
    }

    func testExcessEnergyNeedsSunAboveTheDayLoadAndAFullBattery() throws {
        var balloon = try ReferenceSetting.balloon(pressurePa: 8000)
        balloon.batteryChargeWh = 3050
        XCTAssertTrue(balloon.hasExcessEnergy, "≈ 420 W of sun at 05:00 UTC, SOC 0.997")
        var night = try ReferenceSetting.balloon(pressurePa: 8000, unixSeconds: ReferenceSetting.night)
        night.batteryChargeWh = 3050
        XCTAssertFalse(night.hasExcessEnergy)
    }

    func testTheSolarSiteIsTheDestinationPointOfTheOffset() throws {
        let station = GeoPoint(latitudeDeg: 5, longitudeDeg: 100)
        for (x, y) in [(100_000.0, 0.0), (0.0, 100_000.0), (-50_000.0, 50_000.0), (123.4, -98_765.4)] {
            let site = SolarSite(station: station, xMeters: x, yMeters: y)
            let point = TangentPlane.destination(from: station, eastMeters: x, northMeters: y)
            XCTAssertEqual(site.latitudeDeg, point.latitudeDeg, accuracy: 1e-12, "(\(x), \(y))")
            XCTAssertEqual(site.longitudeDeg, point.longitudeDeg, accuracy: 1e-12, "(\(x), \(y))")
        }
    }

    func testBadLaunchConditionsThrowOneLineErrors() {
        func launch(_ change: (inout LaunchConditions) -> Void) -> BalloonPhysicsError? {
            var conditions = LaunchConditions(atmosphereAlpha: 0.5, startUnixSeconds: ReferenceSetting.time,
                                              station: ReferenceSetting.point, xMeters: 0, yMeters: 0, pressurePa: 8000,
                                              upwellingInfraredWPerM2: 315)
            change(&conditions)
            do { _ = try BalloonState(launch: conditions); return nil } catch { return error }
        }
        XCTAssertNil(launch { _ in })
        XCTAssertEqual(launch { $0.station.latitudeDeg = 61 }, .latitudeNotSupported(latitudeDeg: 61))
        XCTAssertEqual(launch { $0.atmosphereAlpha = -0.1 }, .alphaOutOfRange(-0.1))
        XCTAssertNotNil(launch { $0.pressurePa = 0.01 })
        XCTAssertNotNil(launch { $0.pressurePa = 105_000 })
        XCTAssertNotNil(launch { $0.upwellingInfraredWPerM2 = 0 })
        XCTAssertNotNil(launch { $0.xMeters = .nan })
        for error in [launch { $0.pressurePa = 105_000 }, launch { $0.xMeters = .infinity }].compactMap({ $0 }) {
            XCTAssertFalse(error.description.contains("\n"))
        }
    }
}
