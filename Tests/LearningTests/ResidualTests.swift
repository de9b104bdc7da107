@testable import Learning
import XCTest

final class ResidualTests: XCTestCase {
    func testAddsTheInputToTheBodysOutput() {
        var generator = Xoshiro256StarStar(seed: 1)
        var body = Linear(inputWidth: 3, outputWidth: 3, using: &generator)
        var residual = Residual(body)
        let input = randomTensor([2, 3], seed: 2)
        XCTAssertEqual(residual.forward(input), input + body.forward(input))
    }

    func testGradientsMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 3)
        let body = FeedForward(width: 4, hiddenWidth: 6, activation: .gelu, using: &generator)
        checkLayerGradients(Residual(body), input: randomTensor([3, 4], seed: 4))
    }

    func testParameterNamesAreTheBodys() {
        var generator = Xoshiro256StarStar(seed: 5)
        let body = FeedForward(width: 4, hiddenWidth: 6, activation: .relu, using: &generator)
        XCTAssertEqual(Residual(body).namedParameters.map(\.name), body.namedParameters.map(\.name))
    }
}
