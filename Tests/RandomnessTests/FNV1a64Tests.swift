import Randomness
import XCTest

final class FNV1a64Tests: XCTestCase {
    func testMatchesPublishedValues() {
        XCTAssertEqual(FNV1a64.hash([]), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(FNV1a64.hash(Array("a".utf8)), 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(FNV1a64.hash(Array("foobar".utf8)), 0x8594_4171_F739_67E8)
    }

    func testTextIsTerminatedSoBoundariesCount() {
        var ab = FNV1a64(), a = FNV1a64()
        ab.combine("ab"); ab.combine("c")
        a.combine("a"); a.combine("bc")
        XCTAssertNotEqual(ab.value, a.value)
    }
}
