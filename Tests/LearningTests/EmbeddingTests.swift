@testable import Learning
import XCTest

final class EmbeddingTests: XCTestCase {
    func testLooksUpTableRows() {
        var generator = Xoshiro256StarStar(seed: 1)
        var embedding = Embedding(count: 5, width: 2, using: &generator)
        embedding.table.value = Tensor(shape: [5, 2], scalars: (0..<10).map(Float.init))
        XCTAssertEqual(embedding.forward([3, 0, 3]).scalars, [6, 7, 0, 1, 6, 7])
    }

    func testRepeatedIndicesAccumulateGradient() {
        var generator = Xoshiro256StarStar(seed: 2)
        var embedding = Embedding(count: 4, width: 2, using: &generator)
        _ = embedding.forward([1, 3, 1])
        embedding.backward(Tensor(shape: [3, 2], scalars: [1, 2, 10, 20, 100, 200]))
        XCTAssertEqual(embedding.table.gradient.scalars, [0, 0, 101, 202, 0, 0, 10, 20])
    }

    func testGradientMatchesFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 3)
        let embedding = Embedding(count: 6, width: 3, using: &generator)
        let indices = [5, 0, 2, 5]
        let cotangent = randomTensor([4, 3], seed: 4)
        var probe = embedding
        _ = probe.forward(indices)
        probe.backward(cotangent)
        var checker = GradientChecker()
        checker.checkParameters(of: probe, loss: { model in weightedSum(model.forward(indices), cotangent) })
    }
}
