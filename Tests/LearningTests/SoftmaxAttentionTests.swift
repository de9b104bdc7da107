@testable import Learning
import TestSupport
import XCTest

final class SoftmaxAttentionTests: XCTestCase {
    /// Two sequences (5 and 3 tokens), two heads of width 3; token 1 of the first and the whole
    /// second-but-one key masked.
    private let layout = SequenceLayout(lengths: [5, 3], keyMask: [1, 0, 1, 1, 1, 1, 0, 1])

    func testMatchesTheDoublePrecisionReference() {
        let (q, k, v) = (randomTensor([8, 6], seed: 1), randomTensor([8, 6], seed: 2), randomTensor([8, 6], seed: 3))
        var attention = SoftmaxAttention(headCount: 2, headWidth: 3)
        let output = attention.forward(query: q, key: k, value: v, layout: layout)
        let expected = referenceSoftmaxAttention(query: q, key: k, value: v, layout: layout, headCount: 2)
        for (index, (observed, wanted)) in zip(output.scalars, expected).enumerated() {
            assertClose(observed, wanted, absolute: 1e-5, "output \(index)")
        }
    }

    func testGradientsMatchFiniteDifferences() {
        let (q, k, v) = (randomTensor([8, 6], seed: 4), randomTensor([8, 6], seed: 5), randomTensor([8, 6], seed: 6))
        checkKernelGradients(SoftmaxAttention(headCount: 2, headWidth: 3), query: q, key: k, value: v, layout: layout)
    }

    func testAQueryWithNoAttendableKeyGetsZero() {
        let layout = SequenceLayout(lengths: [2], keyMask: [0, 0])
        var attention = SoftmaxAttention(headCount: 1, headWidth: 2)
        let x = randomTensor([2, 2], seed: 7)
        XCTAssertEqual(attention.forward(query: x, key: x, value: x, layout: layout).scalars, [0, 0, 0, 0])
    }

    func testHoldsQuadraticIntermediates() {
        var attention = SoftmaxAttention(headCount: 1, headWidth: 2)
        let x = randomTensor([10, 2], seed: 8)
        let out = attention.forward(query: x, key: x, value: x, layout: .uniform(sequenceCount: 1, length: 10))
        _ = attention.backward(out)
        XCTAssertEqual(attention.intermediateByteCount, 2 * 10 * 10 * 4, "probabilities and score-gradient scratch")
    }
}
