import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §12.3 (attenuation column) and §2.10's domain checks.
final class AtmosphericAttenuationTests: XCTestCase {
    func testAttenuationAtSevenKilopascalsMatchesBLE() throws {
        let expected = ["0.878516", "0.980769", "0", "0.751708"]
        for (row, printed) in zip(SolarCalculatorTests.rows, expected) {
            let el = SolarCalculator.elevationDeg(at: ReferenceSetting.point, unixSeconds: row.date.unixSeconds)
            assertPrinted(try AtmosphericAttenuation.factor(elevationDeg: el, pressurePa: 7000), printed, "attenuation at \(row.date)")
        }
    }

    func testItIsZeroBelowTheNightThresholdOnly() throws {
        XCTAssertEqual(try AtmosphericAttenuation.factor(elevationDeg: -4.2421, pressurePa: 7000), 0)
        XCTAssertGreaterThan(try AtmosphericAttenuation.factor(elevationDeg: -4.242, pressurePa: 7000), 0)
    }

    func testOutOfDomainInputsThrow() {
        XCTAssertThrowsError(try AtmosphericAttenuation.factor(elevationDeg: 90.5, pressurePa: 7000))
        XCTAssertThrowsError(try AtmosphericAttenuation.factor(elevationDeg: -91, pressurePa: 7000))
        XCTAssertThrowsError(try AtmosphericAttenuation.factor(elevationDeg: 10, pressurePa: 101_326))
        XCTAssertThrowsError(try AtmosphericAttenuation.factor(elevationDeg: 10, pressurePa: -1))
        XCTAssertThrowsError(try AtmosphericAttenuation.factor(elevationDeg: .nan, pressurePa: 7000))
    }
}
