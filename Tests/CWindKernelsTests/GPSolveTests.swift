import CWindKernels
import XCTest

final class GPSolveTests: XCTestCase {
    /// A lower-triangular factor (column-major, `stride` rows a column) and right-hand sides
    /// (row-major, kernel columns then e_u, e_v, 0, 0).
    struct Problem {
        let n: Int, stride: Int, errorColumn: Int
        var columnStride: Int { errorColumn + 4 }
        var L: [Double]
        var B: [Double]

        init(n: Int, errorColumn: Int, seed: UInt64) {
            self.n = n
            self.errorColumn = errorColumn
            stride = n + 4
            var random = KernelInputs(seed: seed)
            L = [Double](repeating: 0, count: stride * n)
            for j in 0..<n {
                L[j * stride + j] = random.uniform(0.6...2)
                for i in (j + 1)..<max(n, j + 1) { L[j * stride + i] = random.uniform(-0.3...0.3) }
            }
            B = []
            for _ in 0..<n {
                for _ in 0..<errorColumn { B.append(random.uniform(0...1)) }
                B += [random.uniform(-3...3), random.uniform(-3...3), 0, 0]
            }
        }

        /// Runs the solve: V and z in place of B, and the reductions.
        func solve(_ isa: loonsim_isa) -> (B: [Double], explained: [Double], u: [Double], v: [Double]) {
            var B = self.B
            var explained = [Double](repeating: .nan, count: errorColumn)
            var u = explained, v = explained
            loonsim_gp_solve(isa, n, L, stride, &B, columnStride, errorColumn, &explained, &u, &v)
            return (B, explained, u, v)
        }

        /// The documented arithmetic, element by element: blocks of 8 rows, the update by the rows
        /// above as a chain of fused multiply-adds from 0, the triangle with separate roundings.
        func reference() -> (B: [Double], explained: [Double], u: [Double], v: [Double]) {
            let M = columnStride
            var V = B
            var explained = [Double](repeating: 0, count: errorColumn)
            for column in Array(errorColumn..<(errorColumn + 2)) + Array(0..<errorColumn) {
                var squares = 0.0
                for i0 in Swift.stride(from: 0, to: n, by: 8) {
                    let rows = min(8, n - i0)
                    var blockSquares = 0.0
                    for i in i0..<(i0 + rows) {
                        var a = V[i * M + column]
                        if i0 > 0 {
                            var product = 0.0
                            for j in 0..<i0 { product = product.addingProduct(L[j * stride + i], V[j * M + column]) }
                            a = a - product
                        }
                        for j in i0..<i { a = a - L[j * stride + i] * V[j * M + column] }
                        let value = a * (1 / L[i * stride + i])
                        V[i * M + column] = value
                        if rows == 8 { squares = squares + value * value } else { blockSquares = blockSquares + value * value }
                    }
                    if rows < 8 { squares = squares + blockSquares }
                }
                if column < errorColumn { explained[column] = squares }
            }
            var u = [Double](repeating: 0, count: errorColumn), v = u
            for k in 0..<errorColumn {
                for i in 0..<n {
                    u[k] = u[k].addingProduct(V[i * M + k], V[i * M + errorColumn])
                    v[k] = v[k].addingProduct(V[i * M + k], V[i * M + errorColumn + 1])
                }
            }
            return (V, explained, u, v)
        }
    }

    /// Sizes with partial last blocks and every tail of the wide vectors.
    let shapes = [(1, 4), (5, 8), (8, 12), (13, 16), (16, 20), (23, 28), (120, 116), (131, 124)]

    func testEveryInstructionSetFollowsTheDocumentedArithmeticToTheLastBit() {
        for (index, (n, errorColumn)) in shapes.enumerated() {
            let problem = Problem(n: n, errorColumn: errorColumn, seed: UInt64(index + 1))
            let expected = problem.reference()
            for isa in supportedInstructionSets {
                let solved = problem.solve(isa)
                let what = "n = \(n), \(errorColumn) columns, instruction set \(isa.rawValue)"
                // V and z (the error block's zero columns stay zero); the reductions.
                XCTAssertEqual(bits(solved.B), bits(expected.B), what)
                XCTAssertEqual(bits(solved.explained), bits(expected.explained), what)
                XCTAssertEqual(bits(solved.u), bits(expected.u), what)
                XCTAssertEqual(bits(solved.v), bits(expected.v), what)
            }
        }
    }

    func testTheSolveInvertsTheFactorAndReducesAsThePosteriorNeeds() {
        let problem = Problem(n: 45, errorColumn: 20, seed: 9)
        let solved = problem.solve(loonsim_best_isa())
        let (n, M, stride) = (problem.n, problem.columnStride, problem.stride)
        for column in 0..<(problem.errorColumn + 2) {
            for i in 0..<n {
                var product = 0.0
                for j in 0...i { product += problem.L[j * stride + i] * solved.B[j * M + column] }
                XCTAssertEqual(product, problem.B[i * M + column], accuracy: 1e-12, "(L·V)[\(i)][\(column)]")
            }
        }
        for k in 0..<problem.errorColumn {
            let column = (0..<n).map { solved.B[$0 * M + k] }
            let zU = (0..<n).map { solved.B[$0 * M + problem.errorColumn] }
            let zV = (0..<n).map { solved.B[$0 * M + problem.errorColumn + 1] }
            XCTAssertEqual(solved.explained[k], column.map { $0 * $0 }.reduce(0, +), accuracy: 1e-12)
            XCTAssertEqual(solved.u[k], zip(column, zU).map(*).reduce(0, +), accuracy: 1e-12)
            XCTAssertEqual(solved.v[k], zip(column, zV).map(*).reduce(0, +), accuracy: 1e-12)
        }
    }
}
