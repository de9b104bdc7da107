import BLEModels
import XCTest

final class ProtobufWireReaderTests: XCTestCase {

    private func fields(_ bytes: [UInt8]) throws -> [ProtobufField] {
        var reader = ProtobufWireReader(bytes)
        return try reader.allFields()
    }

    func testVarintsDecodeAcrossSeveralBytes() throws {
        // The protobuf guide's example: field 1 = 150 is 08 96 01.
        XCTAssertEqual(try fields([0x08, 0x96, 0x01]), [ProtobufField(number: 1, value: .varint(150))])
        // int64 −1 is ten bytes, the last carrying the top bit.
        let minusOne: [UInt8] = [0x10] + [UInt8](repeating: 0xff, count: 9) + [0x01]
        XCTAssertEqual(try fields(minusOne).first?.varint.map { Int64(bitPattern: $0) }, -1)
    }

    func testEveryWireTypeInUseIsRead() throws {
        let bytes: [UInt8] = [0x0d, 0x00, 0x00, 0xc0, 0x3f]                       // 1: fixed32 1.5f
            + [0x11, 0x01, 0, 0, 0, 0, 0, 0, 0x80]                                   // 2: fixed64
            + Protobuf.stringField(3, "hi")                                          // 3: length-delimited
            + Protobuf.varintField(2_000, 7)                                         // a two-byte tag
        XCTAssertEqual(try fields(bytes), [
            ProtobufField(number: 1, value: .fixed32(Float(1.5).bitPattern)),
            ProtobufField(number: 2, value: .fixed64(0x8000_0000_0000_0001)),
            ProtobufField(number: 3, value: .lengthDelimited(Array("hi".utf8)[...])),
            ProtobufField(number: 2_000, value: .varint(7)),
        ])
        XCTAssertEqual(try fields(bytes)[2].string, "hi")
    }

    func testEmbeddedMessagesAreReadFromTheirFieldsBytes() throws {
        let inner = Protobuf.varintField(1, 42)
        let outer = try fields(Protobuf.bytesField(5, inner))
        var reader = ProtobufWireReader(try XCTUnwrap(outer.first?.bytes))
        XCTAssertEqual(try reader.nextField(), ProtobufField(number: 1, value: .varint(42)))
        XCTAssertNil(try reader.nextField())
    }

    func testPackedFieldsDecodeToTheirValues() throws {
        XCTAssertEqual(try ProtobufWireReader.packedVarints((Protobuf.varint(3) + Protobuf.varint(300))[...]), [3, 300])
        XCTAssertEqual(try ProtobufWireReader.packedFloats(littleEndianBytes([1, -2.5, 1e-3])[...]), [1, -2.5, 1e-3])
        XCTAssertThrowsError(try ProtobufWireReader.packedFloats([0, 0, 0][...]))
    }

    func testMalformedMessagesAreRejected() {
        XCTAssertThrowsError(try fields([0x08, 0x96])) {
            XCTAssertTrue("\($0)".contains("varint runs past the end"), "\($0)")
        }
        XCTAssertThrowsError(try fields([0x1a, 0x05, 0x01])) {
            XCTAssertEqual("\($0)", "malformed protobuf at byte 2: field 3 of 5 bytes runs past the end of the message")
        }
        XCTAssertThrowsError(try fields([0x0b])) { XCTAssertTrue("\($0)".contains("group"), "\($0)") }
        XCTAssertThrowsError(try fields([0x0e])) { XCTAssertTrue("\($0)".contains("unknown wire type 6"), "\($0)") }
        XCTAssertThrowsError(try fields([0x00, 0x00])) { XCTAssertTrue("\($0)".contains("field number 0"), "\($0)") }
        XCTAssertThrowsError(try fields([0x08] + [UInt8](repeating: 0xff, count: 10) + [0x01])) {
            XCTAssertTrue("\($0)".contains("longer than 64 bits"), "\($0)")
        }
        XCTAssertThrowsError(try fields([0x0d, 0x00, 0x00])) { XCTAssertTrue("\($0)".contains("past the end"), "\($0)") }
    }
}
