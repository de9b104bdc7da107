import XCTest
@testable import BalloonPhysics

/// Reference §12.6 / §4.1: the feature-14 power table.
final class PowerTableTests: XCTestCase {
    func testLookupsMatchBLE() throws {
        let table: [(Double, Double, Double)] = [(1.0, 0.2, 0), (1.0, 0.35, 150), (1.0, 0.45, 175), (1.0, 0.9, 200),
                                                 (1.1, 0.5, 200), (1.21, 0.45, 275), (1.3, 0.7, 350)]
        for (pr, soc, power) in table {
            XCTAssertEqual(try PowerTable.powerW(pressureRatio: pr, stateOfCharge: soc), power, "(\(pr), \(soc))")
        }
    }

    func testBinsAreBisectRight() throws {
        XCTAssertEqual(try PowerTable.powerW(pressureRatio: 1.08, stateOfCharge: 0.3), 200, "edges belong to the bin above")
        XCTAssertEqual(try PowerTable.powerW(pressureRatio: 1.0799999, stateOfCharge: 0.2999999), 0)
        XCTAssertEqual(try PowerTable.powerW(pressureRatio: 1.26, stateOfCharge: 0.6), 350)
    }

    func testPressureRatiosOutsideTheTableThrow() {
        XCTAssertThrowsError(try PowerTable.powerW(pressureRatio: 0.98, stateOfCharge: 0.5))
        XCTAssertThrowsError(try PowerTable.powerW(pressureRatio: 5.01, stateOfCharge: 0.5))
        XCTAssertThrowsError(try PowerTable.powerW(pressureRatio: .nan, stateOfCharge: 0.5))
        XCTAssertNoThrow(try PowerTable.powerW(pressureRatio: 0.99, stateOfCharge: 0.5))
        XCTAssertNoThrow(try PowerTable.powerW(pressureRatio: 5, stateOfCharge: 0.5))
    }
}
