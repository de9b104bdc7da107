import XCTest
import TestSupport
@testable import WindField

/// Reference §12.6, geometry: destination points from (5°, 100°).
final class TangentPlaneTests: XCTestCase {
    let origin = GeoPoint(latitudeDeg: 5, longitudeDeg: 100)

    func testDestinationMatchesBLEGoldenValues() {
        let cases: [(x: Double, y: Double, lat: Double, lng: Double)] = [
            (100_000, 0, 4.9993825, 100.9027563),
            (0, 100_000, 5.8993216, 100.0),
            (-50_000, 50_000, 5.4495017, 99.5483022),
        ]
        for c in cases {
            let point = TangentPlane.destination(from: origin, eastMeters: c.x, northMeters: c.y)
            assertClose(point.latitudeDeg, c.lat, absolute: 5e-8, "latitude at (\(c.x), \(c.y))")
            assertClose(point.longitudeDeg, c.lng, absolute: 5e-8, "longitude at (\(c.x), \(c.y))")
        }
    }

    func testDestinationAtTheOriginIsTheOrigin() {
        XCTAssertEqual(TangentPlane.destination(from: origin, eastMeters: 0, northMeters: 0), origin)
    }

    func testLongitudeWrapsAcrossTheDateLine() {
        let point = TangentPlane.destination(from: GeoPoint(latitudeDeg: 0, longitudeDeg: 179.9), eastMeters: 100_000, northMeters: 0)
        XCTAssertLessThan(point.longitudeDeg, -179)
    }
}
