@testable import Learning
import TestSupport
import XCTest

final class VectorMathTests: XCTestCase {
    func testReductionsAgreeWithPlainLoopsForEveryLengthAroundTheBlockSizes() {
        for count in [0, 1, 3, 4, 5, 15, 16, 17, 33, 64] {
            // One spare value past the end, which the reductions must not read.
            let x = randomTensor([count + 1], seed: UInt64(count)).scalars
            let y = randomTensor([count + 1], seed: UInt64(count + 100)).scalars
            let (sum, dot, maximum) = x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    (VectorMath.sum(xp.baseAddress!, count: count),
                     VectorMath.dot(xp.baseAddress!, yp.baseAddress!, count: count),
                     VectorMath.maximum(xp.baseAddress!, count: count))
                }
            }
            let (xs, ys) = (x.prefix(count), y.prefix(count))
            assertClose(sum, xs.map(Double.init).reduce(0, +), absolute: 1e-5, "sum of \(count)")
            assertClose(dot, zip(xs, ys).map { Double($0) * Double($1) }.reduce(0, +), absolute: 1e-5, "dot of \(count)")
            XCTAssertEqual(maximum, xs.max() ?? -.infinity, "maximum of \(count)")
        }
    }
}
