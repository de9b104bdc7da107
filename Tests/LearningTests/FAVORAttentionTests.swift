@testable import Learning
import TestSupport
import XCTest

final class FAVORAttentionTests: XCTestCase {
    /// One sequence of 48 tokens, one head of width 16: q, k ~ N(0, 0.4²), v ~ N(0, 1).
    ///
    /// The estimator's relative variance per attention weight is (exp(‖q + k‖²/√d) − 1)/m, so
    /// the error a given m reaches depends strongly on the inputs' scale; at this one, m = 1024
    /// brings FAVOR+ within about 5% of softmax attention.
    private struct Problem {
        let query: Tensor, key: Tensor, value: Tensor
        let layout = SequenceLayout.uniform(sequenceCount: 1, length: 48)
        let exact: [Double]

        init(seed: UInt64) {
            query = randomTensor([48, 16], seed: seed, scale: 0.4)
            key = randomTensor([48, 16], seed: seed + 1000, scale: 0.4)
            value = randomTensor([48, 16], seed: seed + 2000)
            exact = referenceSoftmaxAttention(query: query, key: key, value: value, layout: layout, headCount: 1)
        }

        /// ‖FAVOR+ − softmax‖/‖softmax‖ with features drawn from `featureSeed`.
        func error(featureCount: Int, kind: RandomFeatureKind, featureSeed: UInt64) -> Double {
            var generator = Xoshiro256StarStar(seed: featureSeed)
            var favor = FAVORAttention(headCount: 1, headWidth: 16, featureCount: featureCount, featureKind: kind,
                                       using: &generator)
            return relativeError(favor.forward(query: query, key: key, value: value, layout: layout).scalars, exact)
        }
    }

    private let problems = (0..<4).map { Problem(seed: UInt64($0)) }

    /// The mean error over `draws` feature draws, cycling through four problems.
    private func meanError(featureCount: Int, kind: RandomFeatureKind, draws: Int) -> Double {
        var total = 0.0
        for draw in 0..<draws {
            let problem = problems[draw % problems.count]
            total += problem.error(featureCount: featureCount, kind: kind, featureSeed: UInt64(100 + draw))
        }
        return total / Double(draws)
    }

    func testFAVORErrorShrinksAsFeatureCountGrows() {
        let counts = [16, 64, 256, 1024]
        let errors = counts.map { meanError(featureCount: $0, kind: .orthogonal, draws: 8) }
        for (index, count) in counts.enumerated().dropFirst() {
            XCTAssertLessThan(errors[index], errors[index - 1], "error at m = \(count) vs m = \(counts[index - 1]): \(errors)")
        }
        // The estimator's error falls like 1/√m: 64× the features should cut it about 8×.
        XCTAssertLessThan(errors.last!, 0.25 * errors.first!, "errors \(errors)")
        XCTAssertLessThan(errors.last!, 0.07, "FAVOR+ with m = 1024 should be within about 5% of softmax attention")
    }

    func testOrthogonalFeaturesBeatIndependentOnesOnAverage() {
        // m = d = 16: one full orthogonal block, where the variance reduction is largest.
        let orthogonal = meanError(featureCount: 16, kind: .orthogonal, draws: 24)
        let independent = meanError(featureCount: 16, kind: .independent, draws: 24)
        XCTAssertLessThan(orthogonal, independent, "mean error, orthogonal \(orthogonal) vs independent \(independent)")
    }

    func testGradientsMatchFiniteDifferences() {
        // Two sequences (4 and 3 tokens), two heads of width 4, m = 6; one masked key.
        let layout = SequenceLayout(lengths: [4, 3], keyMask: [1, 1, 0, 1, 1, 1, 1])
        var generator = Xoshiro256StarStar(seed: 1)
        let favor = FAVORAttention(headCount: 2, headWidth: 4, featureCount: 6, using: &generator)
        let (q, k, v) = (randomTensor([7, 8], seed: 2), randomTensor([7, 8], seed: 3), randomTensor([7, 8], seed: 4))
        checkKernelGradients(favor, query: q, key: k, value: v, layout: layout)
    }

    func testGradientsFlowThroughTheStabilisingMaximum() {
        // With ε this large the maxima do not cancel, so the gradient must include their terms.
        // The maxima are kinks: inputs are chosen (by seed) so that no ±2h stencil crosses one.
        let layout = SequenceLayout(lengths: [5], keyMask: [1, 1, 0, 1, 1])
        var generator = Xoshiro256StarStar(seed: 21)
        let favor = FAVORAttention(headCount: 1, headWidth: 4, featureCount: 6, stabilizer: 0.3, using: &generator)
        var seed: UInt64 = 22
        while true {
            let (q, k) = (randomTensor([5, 4], seed: seed), randomTensor([5, 4], seed: seed + 100))
            if maximumMargin(q, favor.features, rows: Array(0..<5), perRow: true) > 0.2,
               maximumMargin(k, favor.features, rows: [0, 1, 3, 4], perRow: false) > 0.2 {
                checkKernelGradients(favor, query: q, key: k, value: randomTensor([5, 4], seed: seed + 200), layout: layout)
                break
            }
            seed += 1
        }
    }

    /// How far the largest exponent ω·x·d^(−1/4) − ‖x‖²/(2√d) leads the runner-up: within each row
    /// (queries) or over all the rows given (keys).
    private func maximumMargin(_ x: Tensor, _ omega: Tensor, rows: [Int], perRow: Bool) -> Float {
        let (m, d) = (omega.shape[1], omega.shape[2])
        let scale = 1 / Float(d).squareRoot().squareRoot()
        func exponents(_ row: Int) -> [Float] {
            let norm = (0..<d).reduce(Float(0)) { $0 + x[row, $1] * x[row, $1] }
            return (0..<m).map { f in
                scale * (0..<d).reduce(Float(0)) { $0 + omega[0, f, $1] * x[row, $1] } - 0.5 * scale * scale * norm
            }
        }
        func margin(_ values: [Float]) -> Float {
            let sorted = values.sorted(by: >)
            return sorted[0] - sorted[1]
        }
        return perRow ? rows.map { margin(exponents($0)) }.min()! : margin(rows.flatMap(exponents))
    }

    func testMaskedKeysAreTheSameAsAbsentOnes() {
        var generator = Xoshiro256StarStar(seed: 5)
        var favor = FAVORAttention(headCount: 2, headWidth: 4, featureCount: 8, using: &generator)
        let (q, k, v) = (randomTensor([6, 8], seed: 6), randomTensor([6, 8], seed: 7), randomTensor([6, 8], seed: 8))
        let masked = favor.forward(query: q, key: k, value: v,
                                   layout: SequenceLayout(lengths: [6], keyMask: [1, 0, 1, 1, 0, 1]))
        let kept = [0, 2, 3, 5]
        func rows(_ t: Tensor) -> Tensor { Tensor(shape: [4, 8], scalars: kept.flatMap { r in (0..<8).map { t[r, $0] } }) }
        let absent = favor.forward(query: rows(q), key: rows(k), value: rows(v), layout: .uniform(sequenceCount: 1, length: 4))
        for (index, row) in kept.enumerated() {
            for c in 0..<8 { assertClose(masked[row, c], Double(absent[index, c]), absolute: 1e-6, "row \(row), column \(c)") }
        }
    }

    func testSequencesDoNotSeeEachOther() {
        var generator = Xoshiro256StarStar(seed: 9)
        var favor = FAVORAttention(headCount: 1, headWidth: 4, featureCount: 8, using: &generator)
        let layout = SequenceLayout(lengths: [3, 4])
        let (q, k, v) = (randomTensor([7, 4], seed: 10), randomTensor([7, 4], seed: 11), randomTensor([7, 4], seed: 12))
        let before = favor.forward(query: q, key: k, value: v, layout: layout)
        var otherValues = v
        for c in 0..<4 { otherValues[5, c] += 3 }  // a token of the second sequence
        let after = favor.forward(query: q, key: k, value: otherValues, layout: layout)
        XCTAssertEqual(Array(before.scalars[0..<12]), Array(after.scalars[0..<12]), "first sequence unchanged")
        XCTAssertNotEqual(Array(before.scalars[12...]), Array(after.scalars[12...]), "second sequence changed")
    }

    func testLargeInputsStayFinite() {
        // Scores around ±100 would overflow exp without the max subtraction.
        var generator = Xoshiro256StarStar(seed: 13)
        var favor = FAVORAttention(headCount: 1, headWidth: 8, featureCount: 16, using: &generator)
        let x = randomTensor([10, 8], seed: 14, scale: 12)
        let output = favor.forward(query: x, key: x, value: x, layout: .uniform(sequenceCount: 1, length: 10))
        let gradients = favor.backward(output)
        XCTAssertTrue(output.scalars.allSatisfy(\.isFinite))
        XCTAssertTrue((gradients.query.scalars + gradients.key.scalars + gradients.value.scalars).allSatisfy(\.isFinite))
    }

    func testRedrawingChangesTheFeaturesDeterministically() {
        var first = Xoshiro256StarStar(seed: 15), second = Xoshiro256StarStar(seed: 15)
        var a = FAVORAttention(headCount: 2, headWidth: 4, featureCount: 6, using: &first)
        var b = FAVORAttention(headCount: 2, headWidth: 4, featureCount: 6, using: &second)
        XCTAssertTrue(a.features.isBitIdentical(to: b.features))
        let original = a.features
        a.redrawFeatures(using: &first)
        b.redrawFeatures(using: &second)
        XCTAssertNotEqual(a.features, original)
        XCTAssertTrue(a.features.isBitIdentical(to: b.features))
        var names: [String] = []
        a.visitBuffers { name, _ in names.append(name) }
        XCTAssertEqual(names, ["features"])
    }

    func testIntermediatesGrowLinearlyWithSequenceLength() {
        func bytes(_ n: Int) -> Int {
            var generator = Xoshiro256StarStar(seed: 16)
            var favor = FAVORAttention(headCount: 1, headWidth: 8, featureCount: 16, using: &generator)
            let x = randomTensor([n, 8], seed: 17)
            _ = favor.backward(favor.forward(query: x, key: x, value: x, layout: .uniform(sequenceCount: 1, length: n)))
            return favor.intermediateByteCount
        }
        let (small, large) = (bytes(100), bytes(400))
        XCTAssertLessThan(Double(large), 4.2 * Double(small), "4× the tokens, \(small) → \(large) bytes")
    }
}
