@testable import Learning
import XCTest

final class MultiHeadAttentionTests: XCTestCase {
    private let layout = SequenceLayout(lengths: [4, 3], keyMask: [1, 0, 1, 1, 1, 1, 1])

    private func checkGradients(kind: AttentionKind, file: StaticString = #filePath, line: UInt = #line) {
        var generator = Xoshiro256StarStar(seed: 1)
        var attention = MultiHeadAttention(width: 6, headCount: 2, kind: kind, featureCount: 5, featureKind: .orthogonal,
                                           using: &generator)
        let input = randomTensor([7, 6], seed: 2)
        let cotangent = randomTensor([7, 6], seed: 3)
        let layout = self.layout
        _ = attention.forward(input, layout: layout)
        attention.zeroGradients()
        let inputGradient = attention.backward(cotangent)
        var checker = GradientChecker()
        checker.check("input", analytic: inputGradient, value: input, loss: { x in
            var probe = attention
            return weightedSum(probe.forward(x, layout: layout), cotangent)
        }, file: file, line: line)
        checker.checkParameters(of: attention, loss: { probe in weightedSum(probe.forward(input, layout: layout), cotangent) },
                                file: file, line: line)
    }

    func testFAVORGradientsMatchFiniteDifferences() { checkGradients(kind: .favor) }

    func testSoftmaxGradientsMatchFiniteDifferences() { checkGradients(kind: .softmax) }

    func testCheckpointsTheKernelsFeatures() {
        var generator = Xoshiro256StarStar(seed: 4)
        let favor = MultiHeadAttention(width: 6, headCount: 2, kind: .favor, featureCount: 5, featureKind: .orthogonal,
                                       using: &generator)
        let softmax = MultiHeadAttention(width: 6, headCount: 2, kind: .softmax, featureCount: 5,
                                         featureKind: .orthogonal, using: &generator)
        XCTAssertEqual(favor.namedBuffers.map(\.name), ["kernel.features"])
        XCTAssertEqual(favor.namedBuffers.first?.tensor.shape, [2, 5, 3])
        XCTAssertTrue(softmax.namedBuffers.isEmpty)
    }
}
