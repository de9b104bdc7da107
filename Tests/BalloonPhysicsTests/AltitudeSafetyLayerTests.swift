import XCTest
@testable import BalloonPhysics

/// Reference §2.9: the altitude safety layer's states and hysteresis.
final class AltitudeSafetyLayerTests: XCTestCase {
    let feet = 0.3048

    func testStatesByFreshAltitude() {
        let cases: [(Double, AltitudeSafetyLayer.State, AltitudeControlCommand)] = [
            (49_999, .veryLow, .up), (50_200, .low, .stay), (50_800, .nominal, .down), (60_000, .nominal, .down),
        ]
        for (altitude, state, command) in cases {
            var layer = AltitudeSafetyLayer()
            XCTAssertEqual(layer.filter(.down, altitudeM: altitude * feet), command, "DOWN at \(altitude) ft")
            XCTAssertEqual(layer.state, state)
        }
    }

    func testHysteresisHoldsLowUntilFiftyOneThousandFeet() {
        var layer = AltitudeSafetyLayer()
        XCTAssertEqual(layer.filter(.stay, altitudeM: 49_000 * feet), .up)
        XCTAssertEqual(layer.filter(.down, altitudeM: 50_900 * feet), .stay)
        XCTAssertEqual(layer.state, .low)
        XCTAssertEqual(layer.filter(.down, altitudeM: 51_000 * feet), .down)
        XCTAssertEqual(layer.state, .nominal)
    }
}
