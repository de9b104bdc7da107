@testable import Learning
import TestSupport
import XCTest

final class LinearTests: XCTestCase {
    func testComputesInputTimesWeightPlusBias() {
        var generator = Xoshiro256StarStar(seed: 1)
        var layer = Linear(inputWidth: 2, outputWidth: 3, using: &generator)
        layer.weight.value = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        layer.bias.value = Tensor(shape: [3], scalars: [0.5, -1, 2])
        let output = layer.forward(Tensor(shape: [2, 2], scalars: [1, 0, -1, 2]))
        XCTAssertEqual(output, Tensor(shape: [2, 3], scalars: [1.5, 1, 5, 7.5, 7, 11]))
    }

    func testGradientsMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 2)
        var layer = Linear(inputWidth: 5, outputWidth: 4, using: &generator)
        layer.bias.value = randomTensor([4], seed: 3)
        checkLayerGradients(layer, input: randomTensor([6, 5], seed: 4))
    }

    func testBackwardAccumulatesIntoTheGradients() {
        var generator = Xoshiro256StarStar(seed: 5)
        var layer = Linear(inputWidth: 3, outputWidth: 2, using: &generator)
        let input = randomTensor([4, 3], seed: 6)
        let cotangent = randomTensor([4, 2], seed: 7)
        _ = layer.forward(input)
        _ = layer.backward(cotangent)
        let once = layer.weight.gradient
        _ = layer.backward(cotangent)
        for (twice, single) in zip(layer.weight.gradient.scalars, once.scalars) {
            assertClose(twice, 2 * Double(single), absolute: 1e-6, relative: 1e-6, "accumulated gradient")
        }
        layer.zeroGradients()
        XCTAssertTrue(layer.weight.gradient.scalars.allSatisfy { $0 == 0 })
    }

    func testTreatsLeadingDimensionsAsRows() {
        var generator = Xoshiro256StarStar(seed: 8)
        var layer = Linear(inputWidth: 3, outputWidth: 2, using: &generator)
        let input = randomTensor([2, 4, 3], seed: 9)
        let batched = layer.forward(input)
        XCTAssertEqual(batched.shape, [2, 4, 2])
        XCTAssertEqual(batched.scalars, layer.forward(input.reshaped([8, 3])).scalars)
    }
}
