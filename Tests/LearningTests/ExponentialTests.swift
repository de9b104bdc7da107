@testable import Learning
import Foundation
import XCTest

final class ExponentialTests: XCTestCase {
    func testFastExpIsWithinAFewUlpsOfTheTrueValue() {
        var worst = 0.0
        var x: Float = -87
        while x <= 88 {
            let exact = exp(Double(x))
            let ulp = Double(Float(exact).ulp)
            worst = max(worst, abs(Double(fastExp(x)) - exact) / ulp)
            x += 0.0137
        }
        XCTAssertLessThanOrEqual(worst, 3, "largest error in ulps")
    }

    func testFastExpSaturatesInsteadOfOverflowing() {
        XCTAssertEqual(fastExp(0), 1)
        XCTAssertTrue(fastExp(-1000) >= 0 && fastExp(-1000) < 1e-37)
        XCTAssertTrue(fastExp(1000).isFinite)
    }
}
