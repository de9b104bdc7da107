import BLEModels
import XCTest

final class MsgPackReaderTests: XCTestCase {

    private func decode(_ bytes: [UInt8]) throws -> MsgPackValue {
        try MsgPackReader.decode(bytes[...])
    }

    func testIntegersOfEveryWidthDecodeToTheirValues() throws {
        XCTAssertEqual(try decode([0x07]), .int(7))
        XCTAssertEqual(try decode([0xff]), .int(-1))
        XCTAssertEqual(try decode([0xe0]), .int(-32))
        XCTAssertEqual(try decode([0xcc, 0xc8]), .int(200))
        XCTAssertEqual(try decode([0xcd, 0x03, 0xe8]), .int(1000))
        XCTAssertEqual(try decode([0xce, 0x00, 0x01, 0x00, 0x00]), .int(65536))
        XCTAssertEqual(try decode([0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), .uint(.max))
        XCTAssertEqual(try decode([0xd0, 0x80]), .int(-128))
        XCTAssertEqual(try decode([0xd1, 0xfc, 0x18]), .int(-1000))
        XCTAssertEqual(try decode([0xd2, 0xff, 0xff, 0xff, 0xfe]), .int(-2))
        XCTAssertEqual(try decode([0xd3, 0x80, 0, 0, 0, 0, 0, 0, 0]), .int(.min))
    }

    func testScalarsDecode() throws {
        XCTAssertEqual(try decode([0xc0]), .nil)
        XCTAssertEqual(try decode([0xc2]), .bool(false))
        XCTAssertEqual(try decode([0xc3]), .bool(true))
        XCTAssertEqual(try decode([0xca, 0x3f, 0xc0, 0x00, 0x00]), .float(1.5))
        XCTAssertEqual(try decode([0xcb, 0x40, 0x09, 0x21, 0xfb, 0x54, 0x44, 0x2d, 0x18]), .float(Double.pi))
    }

    func testStringsBinariesAndExtensionsKeepTheirBytes() throws {
        XCTAssertEqual(try decode([0xa3] + Array("abc".utf8)), .string("abc"))
        XCTAssertEqual(try decode([0xd9, 0x03] + Array("hé".utf8)), .string("hé"))
        XCTAssertEqual(try decode([0xc4, 0x02, 0xde, 0xad]), .binary([0xde, 0xad]))
        XCTAssertEqual(try decode([0xc5, 0x00, 0x01, 0x2a]), .binary([0x2a]))
        XCTAssertEqual(try decode([0xd4, 0x01, 0x09]), .ext(type: 1, data: [0x09]))
        XCTAssertEqual(try decode([0xc7, 0x02, 0xff, 0x01, 0x02]), .ext(type: -1, data: [0x01, 0x02]))
        XCTAssertEqual(try decode([0xc8, 0x00, 0x01, 0x01, 0x05]), .ext(type: 1, data: [0x05]))
    }

    func testMapsAndArraysNestInFileOrder() throws {
        let bytes = MsgPack.map([("b", MsgPack.array([[0x01], [0xc3]])), ("a", [0xc0])])
        XCTAssertEqual(try decode(bytes), .map([(.string("b"), .array([.int(1), .bool(true)])), (.string("a"), .nil)]))
        XCTAssertEqual(try decode([0xdc, 0x00, 0x02, 0x01, 0x02]), .array([.int(1), .int(2)]))
        XCTAssertEqual(try decode([0xde, 0x00, 0x01, 0x01, 0x02]), .map([(.int(1), .int(2))]))
    }

    func testTruncatedInputIsRejectedWithItsOffset() {
        XCTAssertThrowsError(try decode([0xcd, 0x03])) { error in
            XCTAssertEqual((error as? WireFormatError)?.format, "msgpack")
            XCTAssertTrue("\(error)".contains("unexpected end of data"), "\(error)")
        }
        XCTAssertThrowsError(try decode([0xc6, 0x00, 0x00, 0x01, 0x00, 0x01])) { error in
            XCTAssertTrue("\(error)".contains("runs past the end"), "\(error)")
        }
        XCTAssertThrowsError(try decode([0xdd, 0xff, 0xff, 0xff, 0xff])) { error in
            XCTAssertTrue("\(error)".contains("runs past the end"), "\(error)")
        }
    }

    func testBytesThatAreNotMsgPackAreRejected() {
        XCTAssertThrowsError(try decode([0xc1])) { XCTAssertTrue("\($0)".contains("0xc1"), "\($0)") }
        XCTAssertThrowsError(try decode([0xa2, 0xff, 0xfe])) { XCTAssertTrue("\($0)".contains("UTF-8"), "\($0)") }
        XCTAssertThrowsError(try decode([0x01, 0x02])) {
            XCTAssertEqual("\($0)", "malformed msgpack at byte 1: 1 unexpected bytes after the value")
        }
    }

    func testNestingDeeperThanTheLimitIsRejectedRatherThanOverflowingTheStack() {
        let deep = [UInt8](repeating: 0x91, count: MsgPackReader.maximumDepth + 2) + [0xc0]
        XCTAssertThrowsError(try decode(deep)) { XCTAssertTrue("\($0)".contains("nested deeper"), "\($0)") }
    }

    func testSeveralValuesCanBeReadOneAfterAnother() throws {
        var reader = MsgPackReader([0x01, 0xa1, 0x78])
        XCTAssertEqual(try reader.readValue(), .int(1))
        XCTAssertEqual(try reader.readValue(), .string("x"))
        XCTAssertTrue(reader.isAtEnd)
    }
}
