import XCTest
@testable import BalloonPhysics

/// Reference §2.9: the envelope safety layer's states and hysteresis.
final class EnvelopeSafetyLayerTests: XCTestCase {
    func testStatesByFreshSuperpressure() {
        let cases: [(Double, EnvelopeSafetyLayer.State, AltitudeControlCommand)] = [
            (100, .lowCritical, .up), (200, .low, .stay), (275, .nominal, .down), (1000, .nominal, .down),
            (2100, .nominal, .down), (2150, .high, .stay), (2300, .highCritical, .up),
        ]
        for (sp, state, command) in cases {
            var layer = EnvelopeSafetyLayer(maximumSuperpressurePa: 2380)
            XCTAssertEqual(layer.filter(.down, superpressurePa: sp), command, "DOWN at SP \(sp)")
            XCTAssertEqual(layer.state, state, "state at SP \(sp)")
        }
    }

    func testHysteresisHoldsLowAndHighUntilClearOfTheBuffer() {
        var layer = EnvelopeSafetyLayer(maximumSuperpressurePa: 2380)
        _ = layer.filter(.stay, superpressurePa: 140)
        XCTAssertEqual(layer.filter(.down, superpressurePa: 280), .stay)
        XCTAssertEqual(layer.state, .low)
        XCTAssertEqual(layer.filter(.down, superpressurePa: 300), .down)
        XCTAssertEqual(layer.state, .nominal)
        _ = layer.filter(.stay, superpressurePa: 2240)
        XCTAssertEqual(layer.filter(.down, superpressurePa: 2100), .stay)
        XCTAssertEqual(layer.state, .high)
        XCTAssertTrue(layer.navigationIsPaused)
        XCTAssertEqual(layer.filter(.up, superpressurePa: 2079), .up)
        XCTAssertFalse(layer.navigationIsPaused)
    }
}
