import Learning
import TestSupport
import XCTest

final class ParameterInitializationTests: XCTestCase {
    private func draw(_ scheme: ParameterInitialization, _ shape: [Int], seed: UInt64 = 1) -> [Float] {
        var generator = Xoshiro256StarStar(seed: seed)
        return scheme.makeTensor(shape: shape, using: &generator).scalars
    }

    func testUniformSchemesRespectTheirBounds() {
        let glorot = draw(.glorotUniform, [30, 20])
        let bound = Float((6.0 / 50).squareRoot())
        XCTAssertTrue(glorot.allSatisfy { abs($0) <= bound })
        XCTAssertGreaterThan(glorot.map(abs).max()!, 0.95 * bound, "fills the interval")
        let dopamine = draw(.varianceScalingUniform(scale: 1 / Float(3).squareRoot()), [600, 10])
        let dopamineBound = Float(pow(3, 0.25) / 600.0.squareRoot())
        XCTAssertTrue(dopamine.allSatisfy { abs($0) <= dopamineBound * 1.000001 })
    }

    func testHeNormalHasVarianceTwoOverFanIn() {
        let values = draw(.heNormal, [50, 400]).map(Double.init)
        let variance = values.map { $0 * $0 }.reduce(0, +) / Double(values.count)
        assertClose(variance, 2.0 / 50, relative: 0.05, "variance")
    }

    func testConstantsAndDeterminism() {
        XCTAssertEqual(draw(.zeros, [3]), [0, 0, 0])
        XCTAssertEqual(draw(.ones, [2]), [1, 1])
        XCTAssertEqual(draw(.normal(standardDeviation: 0.1), [8], seed: 5), draw(.normal(standardDeviation: 0.1), [8], seed: 5))
        XCTAssertNotEqual(draw(.normal(standardDeviation: 0.1), [8], seed: 5), draw(.normal(standardDeviation: 0.1), [8], seed: 6))
    }
}
