import CWindKernels
import Foundation
import XCTest
@testable import StationKeeping

/// VectorExp (Swift, SIMD4) and CWindKernels' exponential are one function, bit for bit.
final class VectorExpTests: XCTestCase {
    func testTheCKernelsGiveVectorExpsBitsOnEveryInstructionSet() {
        var inputs: [Double] = []
        var x = -45.0
        while x <= 0 { inputs.append(x); x += 0.000_91 }
        for k in stride(from: -707.0, through: 707, by: 0.029) { inputs.append(k) }
        // Groups that straddle the table's limits, and the values libm handles for the table.
        inputs += [-1, -2, -800, -3, -699.99, -700, -0.5, -1, .nan, -1, -2, -3, .infinity, -.infinity, 0, -0.0]
        while inputs.count % 4 != 0 { inputs.append(-1) }
        var swift = [Double](repeating: 0, count: inputs.count)
        for start in stride(from: 0, to: inputs.count, by: 4) {
            let values = VectorExp.exp(SIMD4(inputs[start], inputs[start + 1], inputs[start + 2], inputs[start + 3]),
                                       table: VectorExp.table)
            for lane in 0..<4 { swift[start + lane] = values[lane] }
        }
        for isa in [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512] where loonsim_isa_supported(isa) != 0 {
            var c = [Double](repeating: 0, count: inputs.count)
            loonsim_exp_groups(isa, inputs, &c, inputs.count)
            XCTAssertEqual(c.map(\.bitPattern), swift.map(\.bitPattern), "instruction set \(isa.rawValue)")
        }
    }
}
