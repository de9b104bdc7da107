import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §12.3: solar power at 7 kPa.
final class SolarPanelsTests: XCTestCase {
    func testPowerAlongTheReferenceTimesMatchesBLE() throws {
        let expected = ["860.7192", "422.4112", "0", "685.2655"]
        for (row, printed) in zip(SolarCalculatorTests.rows, expected) {
            let el = SolarCalculator.elevationDeg(at: ReferenceSetting.point, unixSeconds: row.date.unixSeconds)
            assertPrinted(try SolarPanels.powerW(elevationDeg: el, pressurePa: 7000), printed, "solar power at \(row.date)")
        }
    }

    func testPowerAgainstElevationMatchesBLE() throws {
        let table: [(Double, String)] = [(-5, "0"), (-4.242, "118.6283"), (0, "444.8784"), (10, "899.8828"),
                                         (30, "1136.4676"), (45, "522.2952"), (60, "506.7635"), (90, "371.5837")]
        for (el, printed) in table {
            assertPrinted(try SolarPanels.powerW(elevationDeg: el, pressurePa: 7000), printed, "solar power at el \(el)°")
        }
    }

    func testTheEnvelopeShadesThePanelsFromTheirShadingElevations() {
        assertClose(SolarPanels.mainPanelShadingElevationDeg, 37.738, absolute: 5e-4, "3.3 m panels")
        assertClose(SolarPanels.sidePanelShadingElevationDeg, 34.395, absolute: 5e-4, "2.7 m panels")
        let justBelow = SolarPanels.powerW(elevationDeg: 34.39, attenuation: 1)
        let justAbove = SolarPanels.powerW(elevationDeg: 34.40, attenuation: 1)
        XCTAssertLessThan(justAbove, justBelow * 0.9)
    }
}
