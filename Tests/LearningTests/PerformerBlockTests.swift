@testable import Learning
import XCTest

final class PerformerBlockTests: XCTestCase {
    func testGradientsMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 1)
        var block = PerformerBlock(width: 6, headCount: 2, feedForwardWidth: 8, activation: .gelu, attentionKind: .favor,
                                   featureCount: 6, featureKind: .orthogonal, using: &generator)
        block.attentionNorm.scale.value = randomTensor([6], seed: 2, scale: 0.5) + Tensor(shape: [6], repeating: 1)
        let layout = SequenceLayout(lengths: [3, 4], keyMask: [1, 1, 1, 0, 1, 1, 1])
        let input = randomTensor([7, 6], seed: 3)
        let cotangent = randomTensor([7, 6], seed: 4)
        _ = block.forward(input, layout: layout)
        block.zeroGradients()
        let inputGradient = block.backward(cotangent)
        var checker = GradientChecker()
        checker.check("input", analytic: inputGradient, value: input, loss: { x in
            var probe = block
            return weightedSum(probe.forward(x, layout: layout), cotangent)
        })
        checker.checkParameters(of: block, loss: { probe in weightedSum(probe.forward(input, layout: layout), cotangent) })
    }

    func testNamesItsParametersBySublayer() {
        var generator = Xoshiro256StarStar(seed: 5)
        let block = PerformerBlock(width: 4, headCount: 1, feedForwardWidth: 8, activation: .relu, attentionKind: .favor,
                                   featureCount: 4, featureKind: .orthogonal, using: &generator)
        XCTAssertEqual(block.namedParameters.map(\.name), [
            "attentionNorm.scale", "attentionNorm.shift",
            "attention.query.weight", "attention.query.bias", "attention.key.weight", "attention.key.bias",
            "attention.value.weight", "attention.value.bias", "attention.output.weight", "attention.output.bias",
            "feedForward.norm.scale", "feedForward.norm.shift", "feedForward.up.weight", "feedForward.up.bias",
            "feedForward.down.weight", "feedForward.down.bias",
        ])
    }
}
