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
            for path in supportedKernelPaths {
                var out = z
                out.withUnsafeMutableBufferPointer { buffer in
                    loonsim_favor_features_on(path, buffer.baseAddress, rows, stride, m, maxima, maximaStride,
                                              1e-4, 1 / Float(m).squareRoot())
                }
                XCTAssertEqual(out.map(\.bitPattern), expected.map(\.bitPattern), "path \(path.rawValue), maxima stride \(maximaStride)")
            }
        }
    }


    func testExponentsAndRowMaximaMatchTheSwiftDefinitionOnEveryPath() {
        // Input widths with and without a tail past the blocks of 16, rows of 37 in a stride of 40
        // (padding untouched), and rows with a repeated maximum, whose first index must be found.
        let (rows, m, stride) = (24, 37, 40)
        for d in [16, 20, 32, 7] {
            let inputStride = d + 3
            var x = kernelTestValues(rows * inputStride, seed: UInt64(d), range: 4)
            for k in 0..<d { x[6 * inputStride + k] = k % 2 == 0 ? 0 : -0.0 }
            var z = kernelTestValues(rows * stride, seed: 99, range: 30)
            for i in Swift.stride(from: 0, to: rows, by: 5) { z[i * stride + 30] = 100; z[i * stride + 3] = 100 }
            // Rows whose maximum sits in the last, partial block; with NaN (skipped) before and after it;
            // of −∞ and NaN only; of signed zeros; with +∞.
            z[1 * stride + 35] = 1e6
            (z[2 * stride + 0], z[2 * stride + 36], z[2 * stride + 34]) = (.nan, .nan, 2e6)
            for j in 0..<m { z[3 * stride + j] = j % 2 == 0 ? .nan : -.infinity }
            for j in 0..<m { z[4 * stride + j] = .nan }
            for j in 0..<m { z[6 * stride + j] = j % 3 == 0 ? -0.0 : 0.0 }
            z[7 * stride + 20] = .infinity
            let halfScaleSquared: Float = 0.5 * 0.5 * 0.5
            var expected = z
            var (expectedMaxima, expectedArgmax) = ([Float](), [Int]())
            x.withUnsafeBufferPointer { input in
                expected.withUnsafeMutableBufferPointer { out in
                    for i in 0..<rows {
                        let row = out.baseAddress! + i * stride
                        let shift = halfScaleSquared * VectorMath.dot(input.baseAddress! + i * inputStride,
                                                                      input.baseAddress! + i * inputStride, count: d)
                        for j in 0..<m { row[j] -= shift }
                        let maximum = VectorMath.maximum(row, count: m)
                        expectedMaxima.append(maximum)
                        expectedArgmax.append(VectorMath.firstIndex(of: maximum, in: row, count: m))
                    }
                }
            }
            for path in supportedKernelPaths {
                var out = z
                var maxima = [Float](repeating: .nan, count: rows)
                var argmax = [Int](repeating: -1, count: rows)
                out.withUnsafeMutableBufferPointer { buffer in
                    loonsim_favor_exponents_on(path, buffer.baseAddress, rows, stride, m, x, inputStride, d,
                                               halfScaleSquared, &maxima, &argmax)
                }
                let label = "path \(path.rawValue), d \(d)"
                XCTAssertEqual(out.map(\.bitPattern), expected.map(\.bitPattern), label)
                // A zero maximum may carry either sign (it only enters as u − c, where both give the same φ).
                XCTAssertTrue(zip(maxima, expectedMaxima).allSatisfy { $0 == $1 }, "\(label): \(maxima) vs \(expectedMaxima)")
                XCTAssertEqual(argmax, expectedArgmax, label)
            }
            XCTAssertEqual(expectedArgmax[0], 3, "the first of two equal maxima")
            XCTAssertEqual(Array(expectedArgmax[1...4]), [35, 34, 1, 0], "the tail block; NaN skipped; −∞ found; all NaN")
        }
    }

    func testColumnSumsAndNormalizationMatchTheSwiftDefinition() {
        let (rows, m, stride, d, outStride) = (19, 32, 35, 16, 18)
        let phi = kernelTestValues(rows * stride, seed: 5, range: 2).map { abs($0) }
        var sums = [Float](repeating: .nan, count: m)
        loonsim_column_sums(phi, rows, stride, m, &sums)
        var expectedSums = [Float](repeating: 0, count: m)
        for i in 0..<rows { for j in 0..<m { expectedSums[j] += phi[i * stride + j] } }
        XCTAssertEqual(sums.map(\.bitPattern), expectedSums.map(\.bitPattern))

        var out = kernelTestValues(rows * outStride, seed: 6, range: 3)
        var expectedOut = out
        var denominators = [Float](repeating: .nan, count: rows * 2)
        var expectedDenominators = denominators
        var zeroSums = sums
        zeroSums[0] = -1e9  // makes some denominators negative: their rows become 0
        for keySums in [sums, zeroSums] {
            phi.withUnsafeBufferPointer { p in
                for i in 0..<rows {
                    let sum = VectorMath.dot(p.baseAddress! + i * stride, keySums, count: m)
                    expectedDenominators[i * 2] = sum
                    let inverse: Float = sum > 0 ? 1 / sum : 0
                    for c in 0..<d { expectedOut[i * outStride + c] *= inverse }
                }
            }
            loonsim_favor_normalize(phi, rows, stride, m, keySums, &out, outStride, d, &denominators, 2)
            XCTAssertEqual(out.map(\.bitPattern), expectedOut.map(\.bitPattern))
            XCTAssertEqual(denominators.map(\.bitPattern), expectedDenominators.map(\.bitPattern))
        }
        XCTAssertTrue(expectedOut.contains(0), "a row with a non-positive denominator is zeroed")
    }
}
