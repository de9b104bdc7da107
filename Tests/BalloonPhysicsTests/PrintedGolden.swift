import Foundation
import TestSupport
import XCTest
import WindField
@testable import BalloonPhysics

/// Asserts `observed` rounds to the golden value as the reference prints it.
///
/// The tolerance is half a unit in the last printed digit (`"176.73"` → ±0.005,
/// `"4.849383e-4"` → ±5e−11), plus 1e−12 relative for the reference's own rounding.
func assertPrinted(_ observed: Double, _ printed: String, _ what: @autoclosure () -> String = "",
                   file: StaticString = #filePath, line: UInt = #line) {
    let text = printed.replacingOccurrences(of: "−", with: "-")
    guard let expected = Double(text) else { return XCTFail("unparsable golden value \(printed)", file: file, line: line) }
    let lower = text.lowercased()
    let mantissa = lower.split(separator: "e").first.map(String.init) ?? lower
    let exponent = lower.contains("e") ? Int(lower.split(separator: "e")[1]) ?? 0 : 0
    let decimals = mantissa.split(separator: ".").count == 2 ? mantissa.split(separator: ".")[1].count : 0
    let halfUnit = 0.5 * pow(10.0, Double(exponent - decimals))
    assertClose(observed, expected, absolute: halfUnit, relative: 1e-12, "\(what()) (printed \(printed))", file: file, line: line)
}

/// The setting of reference §12.3–§12.5: α = 0.5, lat 5°, lng 100°, IR 315 W/m².
enum ReferenceSetting {
    static let point = GeoPoint(latitudeDeg: 5, longitudeDeg: 100)
    static let atmosphere = try! Atmosphere(alpha: 0.5)
    /// 2012-03-20 05:00 UTC.
    static let time = CivilDate(year: 2012, month: 3, day: 20, hour: 5).unixSeconds
    static let infrared = 315.0
    /// 2012-03-20 16:00 UTC: night at 100° E (22:40 local solar time).
    static let night = CivilDate(year: 2012, month: 3, day: 20, hour: 16).unixSeconds

    /// The balloon of §12.4/§12.5: stabilised at `pressurePa` at the station at 05:00 UTC.
    static func balloon(pressurePa: Double = 8000, profile: PhysicsProfile = .ble, unixSeconds: Int64 = time) throws -> BalloonState {
        try BalloonState(launch: LaunchConditions(atmosphereAlpha: 0.5, startUnixSeconds: unixSeconds, station: point,
                                                  xMeters: 0, yMeters: 0, pressurePa: pressurePa,
                                                  upwellingInfraredWPerM2: infrared), profile: profile)
    }
}
