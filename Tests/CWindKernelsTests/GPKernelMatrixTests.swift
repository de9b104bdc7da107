import CWindKernels
import Foundation
import XCTest

final class GPKernelMatrixTests: XCTestCase {
    /// A query column against `rows` observations (scaled inputs as the wind GP has them).
    struct Problem {
        var x: [Double] = [], y: [Double] = [], p: [Double] = [], t: [Double] = []
        var levels: [Double] = []
        var query = (x: 0.4, y: -0.3, t: 2.5)

        init(rows: Int, columns: Int, seed: UInt64, far: Bool = false) {
            var random = KernelInputs(seed: seed)
            for _ in 0..<rows {
                x.append(random.uniform(-1...1)); y.append(random.uniform(-1...1))
                p.append(random.uniform(15...42)); t.append(random.uniform(2...2.6))
            }
            // Far rows put some distances beyond the table's limit (690 length-scales and more).
            if far { for i in stride(from: 0, to: rows, by: 3) { x[i] = random.uniform(650...720) } }
            levels = (0..<columns).map { 15 + 0.153 * Double($0) }
        }

        func values(_ isa: loonsim_isa, outStride: Int) -> [Double] {
            let columns = levels.count
            var out = [Double](repeating: -1, count: x.count * outStride)
            loonsim_gp_kernel_matrix(isa, x.count, columns, query.x, query.y, query.t, x, y, p, t, levels, &out, outStride)
            return out
        }
    }

    func testEveryInstructionSetGivesThePortableBits() {
        for (rows, columns, far) in [(1, 4, false), (7, 12, false), (120, 116, false), (33, 120, true), (9, 8, true)] {
            let problem = Problem(rows: rows, columns: columns, seed: UInt64(rows), far: far)
            let portable = problem.values(LOONSIM_ISA_PORTABLE, outStride: columns + 4)
            for isa in supportedInstructionSets.dropFirst() {
                XCTAssertEqual(bits(problem.values(isa, outStride: columns + 4)), bits(portable),
                               "\(rows) × \(columns), instruction set \(isa.rawValue)")
            }
        }
    }

    func testTheValuesAreTheMaternKernelAndLeaveTheRestOfTheRowAlone() {
        let problem = Problem(rows: 10, columns: 20, seed: 5, far: true)
        for isa in supportedInstructionSets {
            let out = problem.values(isa, outStride: 24)
            for i in 0..<10 {
                for k in 0..<20 {
                    let dx = problem.query.x - problem.x[i], dy = problem.query.y - problem.y[i]
                    let dp = problem.levels[k] - problem.p[i], dt = problem.query.t - problem.t[i]
                    let expected = Foundation.exp(-((dx * dx + dy * dy) + dp * dp + dt * dt).squareRoot())
                    XCTAssertEqual(out[i * 24 + k], expected, accuracy: expected.ulp, "row \(i), level \(k)")
                }
                XCTAssertEqual(Array(out[(i * 24 + 20)..<(i * 24 + 24)]), [-1, -1, -1, -1], "row \(i) past the columns")
            }
        }
    }
}
