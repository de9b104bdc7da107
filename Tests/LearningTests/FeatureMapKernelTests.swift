import CDenseKernels
@testable import Learning
import XCTest

/// The C feature map computes Learning's `fastExp` formula to the bit on every instruction set.
final class FeatureMapKernelTests: XCTestCase {
    /// `(fastExp(z − c) + ε)/√m` in Swift, the definition.
    private func reference(_ z: [Float], maxima: [Float], m: Int, stride: Int, maximaStride: Int,
                           stabilizer: Float, inverseSqrtM: Float) -> [Float] {
        var out = z
        for i in 0..<(z.count / stride) {
            for j in 0..<m {
                out[i * stride + j] = (fastExp(z[i * stride + j] - maxima[i * maximaStride]) + stabilizer) * inverseSqrtM
            }
        }
        return out
    }

    func testEveryPathGivesSwiftsFastExpBits() {
        // Exponents over the whole clamped range and past both ends, rows of 37 (two vectors and a
        // tail) in a stride of 40 whose padding must stay untouched.
        let (rows, m, stride) = (64, 37, 40)
        var state: UInt64 = 11
        let z: [Float] = (0..<(rows * stride)).map { index in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Float(state >> 40) / Float(1 << 24)
            return index % 97 == 0 ? -1e30 : index % 89 == 0 ? 1e30 : (unit * 220 - 120)
        }
        let perRow: [Float] = (0..<rows).map { Float($0 % 7) - 3 }
        for (maxima, maximaStride) in [(perRow, 1), ([Float(2.5)], 0)] {
            let expected = reference(z, maxima: maxima, m: m, stride: stride, maximaStride: maximaStride,
                                     stabilizer: 1e-4, inverseSqrtM: 1 / Float(m).squareRoot())
            for path in [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512] where loonsim_isa_supported(path) != 0 {
                var out = z
                out.withUnsafeMutableBufferPointer { buffer in
                    loonsim_favor_features_on(path, buffer.baseAddress, rows, stride, m, maxima, maximaStride,
                                              1e-4, 1 / Float(m).squareRoot())
                }
                XCTAssertEqual(out.map(\.bitPattern), expected.map(\.bitPattern), "path \(path.rawValue), maxima stride \(maximaStride)")
            }
        }
    }
}
