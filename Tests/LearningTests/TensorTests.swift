@testable import Learning
import TestSupport
import XCTest

final class TensorTests: XCTestCase {
    func testIndexesInRowMajorOrder() {
        var tensor = Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(tensor[1, 2], 5)
        XCTAssertEqual(tensor[0, 1], 1)
        tensor[1, 0] = -1
        XCTAssertEqual(tensor.scalars, [0, 1, 2, -1, 4, 5])
        XCTAssertEqual([tensor.rowCount, tensor.rowWidth], [2, 3])
    }

    func testCopiesAreIndependentValues() {
        let original = Tensor(shape: [3], scalars: [1, 2, 3])
        var copy = original
        copy.scale(by: 2)
        XCTAssertEqual(original.scalars, [1, 2, 3])
        XCTAssertEqual(copy.scalars, [2, 4, 6])
    }

    func testBitIdentityDistinguishesSignedZerosAndMatchesNaNs() {
        let nan = Tensor(shape: [1], scalars: [.nan])
        XCTAssertTrue(nan.isBitIdentical(to: nan))
        XCTAssertFalse(Tensor(shape: [1], scalars: [0]).isBitIdentical(to: Tensor(shape: [1], scalars: [-0.0])))
    }

    func testResizeKeepsTheLeadingValuesAndZeroFillsOnlyWhatIsNew() {
        var tensor = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        tensor.resize(to: [3, 2])
        XCTAssertEqual(tensor, Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        tensor.resize(to: [4])
        XCTAssertEqual(tensor, Tensor(shape: [4], scalars: [1, 2, 3, 4]))
        tensor.resize(to: [2, 4])
        XCTAssertEqual(tensor, Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, 0, 0, 0, 0]))
    }

    func testResizeWithinTheLargestCountSeenReusesTheStorage() {
        var tensor = Tensor(zeros: [1_000])
        let address = tensor.withUnsafeBufferPointer { $0.baseAddress }
        tensor.resize(to: [10, 7])
        tensor.resize(to: [999])
        XCTAssertEqual(tensor.withUnsafeBufferPointer { $0.baseAddress }, address)
    }

    func testTheBlockedSquaredNormAgreesWithTheSequentialOneAndIgnoresTheThreadCount() {
        let values = (0..<100_003).map { Float(($0 * 7919) % 2001) / 1000 - 1 }
        let tensor = Tensor(shape: [values.count], scalars: values)
        let blocked = tensor.squaredNormInBlocks(threads: 2)
        XCTAssertEqual(blocked, tensor.squaredNorm, accuracy: tensor.squaredNorm * 1e-11)
        XCTAssertEqual(blocked.bitPattern, tensor.squaredNormInBlocks(threads: 1).bitPattern)
        XCTAssertEqual(Tensor(shape: [3], scalars: [1, 2, 2]).squaredNormInBlocks(threads: 2), 9)
    }

    func testArithmetic() {
        var a = Tensor(shape: [2], scalars: [1, 2])
        let b = Tensor(shape: [2], scalars: [10, 20])
        XCTAssertEqual((a + b).scalars, [11, 22])
        a.add(b)
        XCTAssertEqual(a.scalars, [11, 22])
        XCTAssertEqual(a.squaredNorm, 605)
    }
}
