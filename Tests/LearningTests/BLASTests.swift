import Learning
import TestSupport
import XCTest

final class BLASTests: XCTestCase {
    private func naive(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Double] {
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transposeB ? b.shape[0] : b.shape[1]
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                for p in 0..<k {
                    let x = transposeA ? a[p, i] : a[i, p]
                    let y = transposeB ? b[j, p] : b[p, j]
                    c[i * n + j] += Double(x) * Double(y)
                }
            }
        }
        return c
    }

    func testMatrixProductsMatchANaiveLoopInEveryTransposition() {
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = randomTensor(transposeA ? [4, 3] : [3, 4], seed: 1)
            let b = randomTensor(transposeB ? [5, 4] : [4, 5], seed: 2)
            let product = Tensor.matmul(a, transposeA: transposeA, b, transposeB: transposeB)
            XCTAssertEqual(product.shape, [3, 5])
            for (index, (x, y)) in zip(product.scalars, naive(a, b, transposeA: transposeA, transposeB: transposeB)).enumerated() {
                assertClose(x, y, absolute: 1e-5, "entry \(index), transposes \(transposeA) \(transposeB)")
            }
        }
    }

    func testBatchedProductsShareOrPairTheRightFactor() {
        let a = randomTensor([2, 3, 4], seed: 3)
        let shared = randomTensor([4, 2], seed: 4)
        let paired = randomTensor([2, 4, 2], seed: 5)
        let withShared = Tensor.matmul(a, shared)
        let withPaired = Tensor.matmul(a, paired)
        XCTAssertEqual(withShared.shape, [2, 3, 2])
        for batch in 0..<2 {
            let slice = Tensor(shape: [3, 4], scalars: Array(a.scalars[(batch * 12)..<((batch + 1) * 12)]))
            let right = Tensor(shape: [4, 2], scalars: Array(paired.scalars[(batch * 8)..<((batch + 1) * 8)]))
            XCTAssertEqual(Array(withShared.scalars[(batch * 6)..<((batch + 1) * 6)]), Tensor.matmul(slice, shared).scalars)
            XCTAssertEqual(Array(withPaired.scalars[(batch * 6)..<((batch + 1) * 6)]), Tensor.matmul(slice, right).scalars)
        }
    }

    func testAnEmptyInnerDimensionGivesZeros() {
        XCTAssertEqual(Tensor.matmul(Tensor(zeros: [2, 0]), Tensor(zeros: [0, 3])), Tensor(zeros: [2, 3]))
    }
}
