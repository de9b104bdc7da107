@testable import Learning
import XCTest

/// The gradient checker must pass true gradients and reject wrong ones, or the other tests prove nothing.
final class GradientCheckerTests: XCTestCase {
    /// L(x) = Σ sin(xᵢ)·xᵢ² has dL/dxᵢ = cos(xᵢ)·xᵢ² + 2xᵢ·sin(xᵢ).
    private func loss(_ x: Tensor) -> Double {
        x.scalars.reduce(0.0) { $0 + sin(Double($1)) * Double($1) * Double($1) }
    }

    private func trueGradient(_ x: Tensor) -> Tensor {
        Tensor(shape: x.shape, scalars: x.scalars.map { cos($0) * $0 * $0 + 2 * $0 * sin($0) })
    }

    func testAcceptsTheTrueGradient() {
        let x = randomTensor([4, 5], seed: 1)
        var checker = GradientChecker()
        let (coordinates, direction, _) = checker.discrepancies(analytic: trueGradient(x), value: x, loss: loss)
        XCTAssertLessThan(coordinates, checker.tolerance)
        XCTAssertLessThan(direction, checker.tolerance)
    }

    func testRejectsAGradientOffByTwoPercent() {
        let x = randomTensor([4, 5], seed: 1)
        var wrong = trueGradient(x)
        wrong.scale(by: 1.02)
        var checker = GradientChecker()
        let (coordinates, direction, _) = checker.discrepancies(analytic: wrong, value: x, loss: loss)
        XCTAssertGreaterThan(coordinates, checker.tolerance)
        XCTAssertGreaterThan(direction, checker.tolerance)
    }

    func testRejectsAGradientWithOneWrongCoordinateThroughTheDirection() {
        let x = randomTensor([40, 5], seed: 2)
        var wrong = trueGradient(x)
        wrong[flat: 123] += 5  // outside the sampled coordinates in general; the direction catches it
        var checker = GradientChecker()
        let (_, direction, _) = checker.discrepancies(analytic: wrong, value: x, loss: loss)
        XCTAssertGreaterThan(direction, checker.tolerance)
    }
}
