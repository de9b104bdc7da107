import CDenseKernels
@testable import Learning
import XCTest

/// The C layer norm computes LayerNorm's arithmetic, written out in Swift here, to the bit on every path.
final class LayerNormKernelTests: XCTestCase {

    func testForwardAndBackwardMatchTheSwiftArithmeticOnEveryPath() {
        // Widths with and without a tail past the blocks of 16; rows far from zero mean.
        for width in [32, 16, 48, 64, 40, 7] {
            let rows = 23
            let x = kernelTestValues(rows * width, seed: UInt64(width), range: 6, offset: 2.5)
            let gamma = kernelTestValues(width, seed: 2, range: 1, offset: 1)
            let beta = kernelTestValues(width, seed: 3, range: 0.4)
            let dy = kernelTestValues(rows * width, seed: 4, range: 2)
            let epsilon: Float = 1e-5

            // The definition: LayerNorm's arithmetic in Swift.
            var (xHat, y, inverse) = ([Float](repeating: 0, count: rows * width), [Float](repeating: 0, count: rows * width),
                                      [Float](repeating: 0, count: rows))
            var (dGamma, dBeta, dx) = (kernelTestValues(width, seed: 5, range: 1), kernelTestValues(width, seed: 6, range: 1),
                                       [Float](repeating: 0, count: rows * width))
            let (startGamma, startBeta) = (dGamma, dBeta)
            x.withUnsafeBufferPointer { xs in
                xHat.withUnsafeMutableBufferPointer { h in
                    for row in 0..<rows {
                        let (xRow, hRow) = (xs.baseAddress! + row * width, h.baseAddress! + row * width)
                        let mean = VectorMath.sum(xRow, count: width) / Float(width)
                        for j in 0..<width { hRow[j] = xRow[j] - mean }
                        let variance = VectorMath.dot(hRow, hRow, count: width) / Float(width)
                        inverse[row] = 1 / (variance + epsilon).squareRoot()
                        for j in 0..<width {
                            hRow[j] *= inverse[row]
                            y[row * width + j] = gamma[j] * hRow[j] + beta[j]
                        }
                    }
                }
            }
            var scaled = [Float](repeating: 0, count: width)
            for row in 0..<rows {
                for j in 0..<width {
                    scaled[j] = gamma[j] * dy[row * width + j]
                    dGamma[j] += dy[row * width + j] * xHat[row * width + j]
                    dBeta[j] += dy[row * width + j]
                }
                let meanGradient = VectorMath.sum(scaled, count: width) / Float(width)
                let meanProjected = xHat.withUnsafeBufferPointer {
                    VectorMath.dot(scaled, $0.baseAddress! + row * width, count: width)
                } / Float(width)
                for j in 0..<width {
                    dx[row * width + j] = inverse[row] * (scaled[j] - meanGradient - xHat[row * width + j] * meanProjected)
                }
            }

            for path in supportedKernelPaths {
                var (outHat, outY, outInverse) = ([Float](repeating: .nan, count: rows * width),
                                                  [Float](repeating: .nan, count: rows * width),
                                                  [Float](repeating: .nan, count: rows))
                loonsim_layer_norm_forward_on(path, x, rows, width, gamma, beta, epsilon, &outHat, &outInverse, &outY)
                let label = "path \(path.rawValue), width \(width)"
                XCTAssertEqual(outY.map(\.bitPattern), y.map(\.bitPattern), label)
                XCTAssertEqual(outHat.map(\.bitPattern), xHat.map(\.bitPattern), label)
                XCTAssertEqual(outInverse.map(\.bitPattern), inverse.map(\.bitPattern), label)

                var (outGamma, outBeta, outDx) = (startGamma, startBeta, [Float](repeating: .nan, count: rows * width))
                var scratch = [Float](repeating: 0, count: width)
                loonsim_layer_norm_backward_on(path, dy, xHat, inverse, rows, width, gamma, &outGamma, &outBeta, &outDx,
                                               &scratch)
                XCTAssertEqual(outDx.map(\.bitPattern), dx.map(\.bitPattern), label)
                XCTAssertEqual(outGamma.map(\.bitPattern), dGamma.map(\.bitPattern), label)
                XCTAssertEqual(outBeta.map(\.bitPattern), dBeta.map(\.bitPattern), label)
            }
        }
    }
}
