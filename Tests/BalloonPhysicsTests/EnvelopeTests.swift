import XCTest
@testable import BalloonPhysics

/// Reference §12.2: envelope volume and superpressure.
final class EnvelopeTests: XCTestCase {
    func testTautEnvelopeMatchesBLE() {
        let (v, sp) = Envelope.volumeAndSuperpressure(heliumMols: 6830, airMols: 2000, gasTemperatureK: 210, pressurePa: 7000,
                                                      volumeBaseM3: 1804, volumePerPascalM3: 0.0199)
        assertPrinted(v, "1832.157438", "V")
        assertPrinted(sp, "1414.946637", "SP")
        let (v2, sp2) = Envelope.volumeAndSuperpressure(heliumMols: 6830, airMols: 0, gasTemperatureK: 206, pressurePa: 6000,
                                                        volumeBaseM3: 1804, volumePerPascalM3: 0.0199)
        assertPrinted(v2, "1813.003405", "V")
        assertPrinted(sp2, "452.432387", "SP")
    }

    func testSlackEnvelopeHasTheFreeVolumeAndNoSuperpressure() {
        let (v, sp) = Envelope.volumeAndSuperpressure(airMols: 0, gasTemperatureK: 200, pressurePa: 8000, vehicle: .ble)
        XCTAssertEqual(sp, 0)
        XCTAssertEqual(v, 6830 * 8.3144621 * 200 / 8000)
        XCTAssertLessThan(v, 1804)
    }

    func testTautEnvelopeObeysItsElasticLaw() {
        let (v, sp) = Envelope.volumeAndSuperpressure(airMols: 3000, gasTemperatureK: 220, pressurePa: 9000, vehicle: .ble)
        XCTAssertEqual(v, 1804 + 0.0199 * sp, accuracy: 1e-9)
    }
}
