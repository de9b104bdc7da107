@testable import Learning
import XCTest

final class MultilayerPerceptronTests: XCTestCase {
    func testGradientsMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 1)
        let mlp = MultilayerPerceptron(widths: [5, 7, 6, 3], activation: .gelu, using: &generator)
        checkLayerGradients(mlp, input: randomTensor([4, 5], seed: 2))
    }

    func testBLEsQuantileNetworkHasItsParameterCount() {
        // 1099→600, six 600→600, 600→153: 659 400 + 6·360 600 + 91 953 weights and biases.
        var generator = Xoshiro256StarStar(seed: 3)
        let mlp = MultilayerPerceptron(widths: [1099] + Array(repeating: 600, count: 7) + [153], activation: .relu,
                                       hiddenInitialization: .varianceScalingUniform(scale: 1 / Float(3).squareRoot()),
                                       using: &generator)
        XCTAssertEqual(mlp.parameterCount, 1099 * 600 + 600 + 6 * (600 * 600 + 600) + 600 * 153 + 153)
        XCTAssertEqual(mlp.namedParameters.first?.name, "layers.0.weight")
        XCTAssertEqual(mlp.namedParameters.last?.name, "layers.7.bias")
    }
}
