import CWindKernels
import Foundation
import XCTest

final class ExpGroupsTests: XCTestCase {
    /// Inputs over the kernel's range and beyond, with groups of four that straddle the table's
    /// limits (±700), NaN and infinities, so that some groups go to libm whole.
    func inputs() -> [Double] {
        var random = KernelInputs(seed: 3)
        var values: [Double] = []
        for _ in 0..<40_000 { values.append(-random.uniform(0...45)) }
        for _ in 0..<4_000 { values.append(random.uniform(-720...720)) }
        values += [0, -0.0, 1e-300, -1e-300, -699.999, 699.999, -700, 700, -708.3, 708.3, .nan, -.infinity,
                   .infinity, -1, -2, -3, -800, -0.5, -0.25, -0.125]
        while values.count % 4 != 0 { values.append(-1) }
        return values
    }

    func exp(_ x: [Double], _ isa: loonsim_isa) -> [Double] {
        var y = [Double](repeating: 0, count: x.count)
        loonsim_exp_groups(isa, x, &y, x.count)
        return y
    }

    func testEveryInstructionSetGivesThePortableBits() {
        let x = inputs()
        let portable = exp(x, LOONSIM_ISA_PORTABLE)
        for isa in supportedInstructionSets.dropFirst() {
            XCTAssertEqual(bits(exp(x, isa)), bits(portable), "instruction set \(isa.rawValue)")
        }
    }

    func testAGroupWithALaneOutsideTheTableGoesToLibmWhole() {
        for isa in supportedInstructionSets {
            let x = [-1.0, -2, -800, -3, -0.5, -0.25, -0.125, -4]
            let y = exp(x, isa)
            // The first group: libm's exp for every lane (-800 underflows to 0).
            XCTAssertEqual(bits(Array(y[0..<4])), bits([Foundation.exp(-1.0), Foundation.exp(-2), 0, Foundation.exp(-3)]))
            // The second group: the table's exponential, within half an ulp or so of libm's.
            for lane in 4..<8 {
                XCTAssertEqual(y[lane], Foundation.exp(x[lane]), accuracy: Foundation.exp(x[lane]).ulp, "lane \(lane)")
            }
            let edges = exp([.nan, .infinity, -.infinity, 0], isa)
            XCTAssertTrue(edges[0].isNaN)
            XCTAssertEqual(Array(edges[1...]), [.infinity, 0, 1])
        }
    }

    func testTheTableExponentialIsWithinHalfAnUlp() {
        let x = inputs().filter { $0 > -700 && $0 < 0 }
        let count = x.count / 4 * 4
        let y = exp(Array(x[..<count]), loonsim_best_isa())
        var worst = 0.0
        for (input, value) in zip(x[..<count], y) {
            #if arch(x86_64) && !os(Windows)
            let exact = Foundation.exp(Float80(input))
            worst = max(worst, Double(abs(Float80(value) - exact) / Float80(Double(exact).ulp)))
            #else
            worst = max(worst, abs(value - Foundation.exp(input)) / Foundation.exp(input).ulp - 0.5)
            #endif
        }
        XCTAssertLessThanOrEqual(worst, 0.52, "largest error, ulp")
    }
}
