@testable import Learning
import TestSupport
import XCTest

final class ActivationTests: XCTestCase {
    func testReLUZeroesNegativeValues() {
        var relu = ReLU()
        XCTAssertEqual(relu.forward(Tensor(shape: [4], scalars: [-2, -0.5, 0.5, 3])).scalars, [0, 0, 0.5, 3])
    }

    func testReLUGradientMatchesFiniteDifferencesAwayFromZero() {
        // Inputs at least 0.2 from the kink, so the ±2h stencil never crosses it.
        let input = Tensor(shape: [3, 4], scalars: randomTensor([12], seed: 1).scalars.map { $0 + ($0 < 0 ? -0.2 : 0.2) })
        checkLayerGradients(ReLU(), input: input)
    }

    func testGELUMatchesKnownValues() {
        var gelu = GELU()
        let output = gelu.forward(Tensor(shape: [3], scalars: [-1, 0, 1]))
        // x·Φ(x): Φ(1) = 0.841344746, Φ(−1) = 0.158655254.
        assertClose(output[0], -0.158655254, absolute: 1e-6, "GELU(-1)")
        assertClose(output[1], 0, absolute: 0, "GELU(0)")
        assertClose(output[2], 0.841344746, absolute: 1e-6, "GELU(1)")
    }

    func testGELUGradientMatchesFiniteDifferences() {
        checkLayerGradients(GELU(), input: randomTensor([3, 5], seed: 2, scale: 1.5))
    }

    func testActivationLayerDispatchesOnTheConfiguredFunction() {
        let input = randomTensor([2, 3], seed: 3)
        var relu = ReLU(), gelu = GELU()
        var chosenReLU = ActivationLayer(.relu), chosenGELU = ActivationLayer(.gelu)
        XCTAssertEqual(chosenReLU.forward(input), relu.forward(input))
        XCTAssertEqual(chosenGELU.forward(input), gelu.forward(input))
    }
}
