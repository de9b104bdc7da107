import CWindKernels
import XCTest

/// The sliding Cholesky factor's two updates: bordering with a new point, dropping the first.
final class CholeskyUpdatesTests: XCTestCase {
    /// A lower-triangular factor with a dominant diagonal, column-major, `n + 4` rows a column.
    func factor(_ n: Int, seed: UInt64) -> (L: [Double], stride: Int) {
        var random = KernelInputs(seed: seed)
        let stride = n + 4
        var L = [Double](repeating: 0, count: stride * (n + 1))
        for j in 0..<n {
            L[j * stride + j] = random.uniform(1...2)
            for i in (j + 1)..<max(n, j + 1) { L[j * stride + i] = random.uniform(-0.4...0.4) }
        }
        return (L, stride)
    }

    let sizes = [1, 2, 7, 8, 9, 16, 17, 31, 120, 131]

    func testTheForwardSubstitutionIsTheSameOnEveryInstructionSetAndSolvesTheFactor() {
        for n in sizes {
            let (L, stride) = factor(n, seed: UInt64(n))
            var random = KernelInputs(seed: 99)
            let k = (0..<n).map { _ in random.uniform(-1...1) }
            var portable = k
            let square = loonsim_cholesky_forward(LOONSIM_ISA_PORTABLE, n, L, stride, &portable)
            for isa in supportedInstructionSets.dropFirst() {
                var l = k
                let s = loonsim_cholesky_forward(isa, n, L, stride, &l)
                XCTAssertEqual(bits(l), bits(portable), "n = \(n), instruction set \(isa.rawValue)")
                XCTAssertEqual(s.bitPattern, square.bitPattern, "n = \(n), instruction set \(isa.rawValue)")
            }
            // L·l = k, and the returned square is ‖l‖².
            for i in 0..<n {
                let product = (0...i).map { L[$0 * stride + i] * portable[$0] }.reduce(0, +)
                XCTAssertEqual(product, k[i], accuracy: 1e-13, "n = \(n), row \(i)")
            }
            XCTAssertEqual(square, portable.map { $0 * $0 }.reduce(0, +), accuracy: 1e-13 * max(1, square))
        }
    }

    func testDroppingTheFirstPointIsTheSameOnEveryInstructionSetAndFactorsTheTrailingBlock() {
        for n in sizes where n > 1 {
            let (L, stride) = factor(n, seed: UInt64(100 + n))
            var portable = L
            var work = [Double](repeating: 0, count: n)
            loonsim_cholesky_drop_first(LOONSIM_ISA_PORTABLE, n, &portable, stride, &work)
            for isa in supportedInstructionSets.dropFirst() {
                var dropped = L
                loonsim_cholesky_drop_first(isa, n, &dropped, stride, &work)
                XCTAssertEqual(bits(dropped), bits(portable), "n = \(n), instruction set \(isa.rawValue)")
            }
            // L′·L′ᵀ equals the trailing block of L·Lᵀ (rows and columns 1..<n).
            func element(_ M: [Double], _ i: Int, _ j: Int) -> Double { i >= j ? M[j * stride + i] : 0 }
            for i in 0..<(n - 1) {
                for j in 0...i {
                    let new = (0...j).map { element(portable, i, $0) * element(portable, j, $0) }.reduce(0, +)
                    let old = (0...(j + 1)).map { element(L, i + 1, $0) * element(L, j + 1, $0) }.reduce(0, +)
                    XCTAssertEqual(new, old, accuracy: 1e-12, "n = \(n), A′[\(i)][\(j)]")
                }
            }
        }
    }
}
