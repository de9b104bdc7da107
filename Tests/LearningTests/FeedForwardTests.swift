@testable import Learning
import XCTest

final class FeedForwardTests: XCTestCase {
    func testGradientsMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 1)
        var feedForward = FeedForward(width: 4, hiddenWidth: 8, activation: .gelu, using: &generator)
        feedForward.norm.scale.value = randomTensor([4], seed: 2)
        checkLayerGradients(feedForward, input: randomTensor([5, 4], seed: 3))
    }

    func testNamesItsParametersByRole() {
        var generator = Xoshiro256StarStar(seed: 4)
        let feedForward = FeedForward(width: 4, hiddenWidth: 8, activation: .relu, using: &generator)
        XCTAssertEqual(feedForward.namedParameters.map(\.name),
                       ["norm.scale", "norm.shift", "up.weight", "up.bias", "down.weight", "down.bias"])
    }
}
