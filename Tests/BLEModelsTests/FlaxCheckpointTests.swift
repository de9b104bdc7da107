import BLEModels
import XCTest

final class FlaxCheckpointTests: XCTestCase {

    func testArraysAreKeyedByTheirDictPath() throws {
        let bytes = MsgPack.map([("params", MsgPack.map([
            ("Dense_0", MsgPack.map([
                ("kernel", MsgPack.flaxArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])),
                ("bias", MsgPack.flaxArray(shape: [3], values: [-1, 0, 0.25])),
            ])),
        ]))])
        let checkpoint = try FlaxCheckpoint(bytes: bytes)
        XCTAssertEqual(checkpoint.tensors.keys.sorted(), ["params/Dense_0/bias", "params/Dense_0/kernel"])
        XCTAssertEqual(checkpoint.tensors["params/Dense_0/kernel"], ModelTensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(checkpoint.tensors["params/Dense_0/bias"]?.values, [-1, 0, 0.25])
    }

    func testScalarsHaveAnEmptyShape() throws {
        let checkpoint = try FlaxCheckpoint(bytes: MsgPack.map([("scale", MsgPack.flaxArray(shape: [], values: [2]))]))
        XCTAssertEqual(checkpoint.tensors["scale"], ModelTensor(shape: [], values: [2]))
    }

    func testArraysOtherThanFloat32AreRefused() {
        let bytes = MsgPack.map([("w", MsgPack.flaxArray(shape: [1], values: [0, 0], dtype: "float64"))])
        XCTAssertThrowsError(try FlaxCheckpoint(bytes: bytes)) {
            XCTAssertEqual("\($0)", "'w' array dtype is float64, only float32 is supported")
        }
    }

    func testDataThatDoesNotFillTheShapeIsRefused() {
        let bytes = MsgPack.map([("w", MsgPack.flaxArray(shape: [2, 2], values: [1, 2, 3]))])
        XCTAssertThrowsError(try FlaxCheckpoint(bytes: bytes)) {
            XCTAssertEqual("\($0)", "'w' array data has 12 bytes, shape [2, 2] needs 16")
        }
    }

    func testValuesThatAreNeitherDictsNorArraysAreRefused() {
        XCTAssertThrowsError(try FlaxCheckpoint(bytes: MsgPack.map([("step", [0x05])]))) {
            XCTAssertEqual("\($0)", "'step' holds a msgpack int, expected a map or an array (ext 1)")
        }
        XCTAssertThrowsError(try FlaxCheckpoint(bytes: MsgPack.map([("w", MsgPack.ext(1, [0x01]))]))) {
            XCTAssertEqual("\($0)", "'w' array payload is not [shape, dtype, data]")
        }
        XCTAssertThrowsError(try FlaxCheckpoint(bytes: MsgPack.map([("w", MsgPack.map([("__msgpack_chunked_array__", [0xc3])]))]))) {
            XCTAssertTrue("\($0)".contains("chunked array"), "\($0)")
        }
    }
}
