import Learning
import XCTest

final class SequenceLayoutTests: XCTestCase {
    func testSplitsRowsIntoConsecutiveSequences() {
        let layout = SequenceLayout(lengths: [3, 0, 2])
        XCTAssertEqual(layout.sequenceCount, 3)
        XCTAssertEqual(layout.rowCount, 5)
        XCTAssertEqual(layout.rows(of: 0), 0..<3)
        XCTAssertEqual(layout.rows(of: 1), 3..<3)
        XCTAssertEqual(layout.rows(of: 2), 3..<5)
        XCTAssertEqual(layout.keyMask, [1, 1, 1, 1, 1])
    }
}
