import Agents
import CDenseKernels
import XCTest

/// The dense kernel sums each output as one chain of fused multiply-adds in input order, so its
/// bits depend neither on the batch nor on which CPU path runs it.
final class FixedOrderDenseTests: XCTestCase {
    /// A deterministic spread of values in [−1, 1).
    private func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
        }
    }

    /// The definition: `act(bias + s)` with `s ← fma(x_k, w_k, s)` from 0, in Swift's exact `addingProduct`.
    private func reference(rows: Int, inputs: Int, outputs: Int, x: [Float], w: [Float], bias: [Float]?,
                           relu: Bool) -> [Float] {
        var y = [Float](repeating: 0, count: rows * outputs)
        for r in 0..<rows {
            for o in 0..<outputs {
                var s: Float = 0
                for k in 0..<inputs { s = s.addingProduct(x[r * inputs + k], w[k * outputs + o]) }
                var v = bias.map { s + $0[o] } ?? s
                if relu && !(v > 0) { v = 0 }
                y[r * outputs + o] = v
            }
        }
        return y
    }

    private func run(_ path: loonsim_isa?, rows: Int, inputs: Int, outputs: Int, x: [Float], w: [Float],
                     bias: [Float]?, relu: Bool) -> [Float] {
        var y = [Float](repeating: .nan, count: rows * outputs)
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                y.withUnsafeMutableBufferPointer { y in
                    let b = bias?.withUnsafeBufferPointer { $0.baseAddress }
                    if let path {
                        loonsim_dense_forward_on(path, Int32(rows), Int32(inputs), Int32(outputs), x.baseAddress,
                                                 Int32(inputs), w.baseAddress, b, y.baseAddress, Int32(outputs),
                                                 relu ? 1 : 0)
                    } else {
                        FixedOrderDense.forward(rows: rows, inputs: inputs, outputs: outputs, x: x.baseAddress!,
                                                ldx: inputs, weights: w.baseAddress!, bias: b, y: y.baseAddress!,
                                                ldy: outputs, activation: relu ? .relu : .identity)
                    }
                }
            }
        }
        return y
    }

    /// Shapes with full and partial vector blocks, row counts that leave partial tiles, and last
    /// blocks of one to four registers (AVX-512 tiles them 12, 12, 8 and 6 rows at a time).
    private let shapes = [(rows: 13, inputs: 37, outputs: 153), (rows: 7, inputs: 64, outputs: 64),
                          (rows: 1, inputs: 5, outputs: 3), (rows: 20, inputs: 600, outputs: 33),
                          (rows: 25, inputs: 32, outputs: 32), (rows: 30, inputs: 17, outputs: 16),
                          (rows: 19, inputs: 40, outputs: 48), (rows: 14, inputs: 32, outputs: 96),
                          (rows: 26, inputs: 9, outputs: 47)]

    func testEveryPathGivesTheDefinitionsBits() {
        for (index, shape) in shapes.enumerated() {
            let x = values(shape.rows * shape.inputs, seed: UInt64(index))
            let w = values(shape.inputs * shape.outputs, seed: UInt64(100 + index))
            let bias = index % 2 == 0 ? values(shape.outputs, seed: UInt64(200 + index)) : nil
            let relu = index % 3 != 1
            let expected = reference(rows: shape.rows, inputs: shape.inputs, outputs: shape.outputs, x: x, w: w,
                                     bias: bias, relu: relu).map(\.bitPattern)
            // Only the instruction sets this CPU runs (another would silently run the portable code).
            for path in [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512] where loonsim_isa_supported(path) != 0 {
                let y = run(path, rows: shape.rows, inputs: shape.inputs, outputs: shape.outputs, x: x, w: w,
                            bias: bias, relu: relu)
                XCTAssertEqual(y.map(\.bitPattern), expected, "shape \(shape), path \(path.rawValue)")
            }
        }
    }

    func testARowInABatchHasTheBitsItHasAlone() {
        let (rows, inputs, outputs) = (17, 100, 70)
        let x = values(rows * inputs, seed: 7), w = values(inputs * outputs, seed: 8), bias = values(outputs, seed: 9)
        let batch = run(nil, rows: rows, inputs: inputs, outputs: outputs, x: x, w: w, bias: bias, relu: true)
        for row in 0..<rows {
            let alone = run(nil, rows: 1, inputs: inputs, outputs: outputs,
                            x: Array(x[(row * inputs)..<((row + 1) * inputs)]), w: w, bias: bias, relu: true)
            XCTAssertEqual(alone.map(\.bitPattern), batch[(row * outputs)..<((row + 1) * outputs)].map(\.bitPattern))
        }
    }

    func testEachStepIsOneFusedMultiplyAdd() {
        // s = 1·(−1) = −1, then s + (1 + 2⁻¹²)² = 2⁻¹¹ + 2⁻²⁴ exactly when fused; a separate multiply
        // would round the square to 1 + 2⁻¹¹ (a tie, to even) and leave 2⁻¹¹.
        let x: [Float] = [1, 1 + 0x1p-12], w: [Float] = [-1, 1 + 0x1p-12]
        let y = run(nil, rows: 1, inputs: 2, outputs: 1, x: x, w: w, bias: nil, relu: false)
        XCTAssertEqual(y, [0x1p-11 + 0x1p-24])
    }

    func testReLUClampsNegativesAndKeepsPositives() {
        let y = run(nil, rows: 1, inputs: 1, outputs: 3, x: [2], w: [1, -1, 0.25], bias: [0, 0, -1], relu: true)
        XCTAssertEqual(y, [2, 0, 0])
    }

    func testReLUMapsNaNAndNegativeZeroToPositiveZeroOnEveryPath() {
        // Outputs: NaN·1 = NaN, and 0·(−1) + (−0) = −0 before the ReLU.
        for path in [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512] where loonsim_isa_supported(path) != 0 {
            let y = run(path, rows: 1, inputs: 1, outputs: 2, x: [.nan], w: [1, 0], bias: [0, -0.0], relu: true)
            XCTAssertEqual(y[0].bitPattern, Float(0).bitPattern, "path \(path.rawValue)")
            XCTAssertEqual(y[1].bitPattern, Float(0).bitPattern, "path \(path.rawValue)")
        }
    }

    func testStridedRowsAreReadAndWrittenInPlace() {
        // x rows of 5 inside a stride of 7, y rows of 3 inside a stride of 4: the gaps stay untouched.
        let x: [Float] = [1, 2, 3, 4, 5, 99, 99, 6, 7, 8, 9, 10, 99, 99]
        let w = values(5 * 3, seed: 3)
        var y = [Float](repeating: -7, count: 8)
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                y.withUnsafeMutableBufferPointer { y in
                    FixedOrderDense.forward(rows: 2, inputs: 5, outputs: 3, x: x.baseAddress!, ldx: 7, weights: w.baseAddress!,
                                            bias: nil, y: y.baseAddress!, ldy: 4)
                }
            }
        }
        let packed = reference(rows: 2, inputs: 5, outputs: 3, x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], w: w, bias: nil, relu: false)
        XCTAssertEqual(Array(y[0..<3]) + Array(y[4..<7]), packed)
        XCTAssertEqual([y[3], y[7]], [-7, -7])
    }
}
