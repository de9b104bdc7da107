@testable import Learning
import TestSupport
import XCTest

final class LayerNormTests: XCTestCase {
    func testNormalisesEachRowToZeroMeanAndUnitVariance() {
        var norm = LayerNorm(width: 6)
        let output = norm.forward(randomTensor([3, 6], seed: 1, scale: 4))
        for row in 0..<3 {
            let values = (0..<6).map { Double(output[row, $0]) }
            let mean = values.reduce(0, +) / 6
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 6
            assertClose(mean, 0, absolute: 1e-6, "row \(row) mean")
            assertClose(variance, 1, absolute: 1e-4, "row \(row) variance (ε = 1e-5 shrinks it slightly)")
        }
    }

    func testGradientsMatchFiniteDifferences() {
        var norm = LayerNorm(width: 5)
        norm.scale.value = randomTensor([5], seed: 2)
        norm.shift.value = randomTensor([5], seed: 3)
        checkLayerGradients(norm, input: randomTensor([4, 5], seed: 4))
    }
}
