import BLEModels
import Foundation
import HDF5
import TestSupport
import WindField
import XCTest

/// The converter refuses bad input with one clear line and writes nothing.
final class BLEModelConverterTests: XCTestCase {

    private var folder = ""

    override func setUp() {
        folder = SharedData.temporaryDirectory(name)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func importError(from source: String) -> String {
        let output = (folder as NSString).appendingPathComponent("out")
        do {
            _ = try BLEModelConverter.importModels(from: source, outputRoot: output)
            XCTFail("importing \(source) should fail")
            return ""
        } catch {
            XCTAssertFalse(FileManager.default.fileExists(atPath: output), "nothing may be written on failure")
            XCTAssertTrue(error is BLEModelError, "\(type(of: error)): \(error)")
            XCTAssertFalse("\(error)".contains("\n"), "one line: \(error)")
            return "\(error)"
        }
    }

    func testTheOutputPathsAreTheOnesLoonsimLoadsFrom() {
        XCTAssertEqual(BLEModelFile.offlineskies22Decoder.outputPath, DataFiles.vaeDecoderPath)
        XCTAssertEqual(BLEModelFile.perciatelli44.outputPath, DataFiles.perciatelli44Path)
    }

    func testTheLayoutsHoldBLEsParameterCounts() {
        // ble-reference.md §3.4 and §6.6.
        XCTAssertEqual(BLEModelFile.offlineskies22Decoder.tensorLayout.reduce(0) { $0 + $1.shape.reduce(1, *) }, 6_481_410)
        XCTAssertEqual(BLEModelFile.perciatelli44.tensorLayout.reduce(0) { $0 + $1.shape.reduce(1, *) }, 2_915_553)
    }

    func testAMissingSourceIsReported() {
        let missing = (folder as NSString).appendingPathComponent("nowhere.whl")
        XCTAssertEqual(importError(from: missing), "\(missing): no such file or folder")
    }

    func testAFileThatIsNotAZipIsReported() throws {
        let path = try file("ble.whl", Array("not a zip at all".utf8))
        XCTAssertEqual(importError(from: path),
                       "\(path): is not a zip archive (expected BLE's .whl or a models folder)")
    }

    func testAZipWithoutTheModelsIsReported() throws {
        let path = (folder as NSString).appendingPathComponent("other.whl")
        try StoredZip.write([("README.md", Array("hello".utf8))], to: path)
        XCTAssertEqual(importError(from: path),
                       "\(path): holds no balloon_learning_environment/models/offlineskies22_decoder.msgpack; is this BLE's wheel?")
    }

    func testAFolderWithoutTheModelsIsReported() throws {
        _ = try file("models/perciatelli44.pb", [])
        XCTAssertTrue(importError(from: folder).hasSuffix("holds no offlineskies22_decoder.msgpack (looked in ., models/ and balloon_learning_environment/models/)"))
    }

    func testMalformedMsgPackIsReportedWithTheFileAndOffset() throws {
        let decoder = try file("models/offlineskies22_decoder.msgpack", [0x81, 0xa6] + Array("params".utf8) + [0xc1])
        _ = try file("models/perciatelli44.pb", [])
        XCTAssertEqual(importError(from: folder), "\(decoder): malformed msgpack at byte 8: byte 0xc1 is never used in MessagePack")
    }

    func testADecoderTensorOfTheWrongShapeIsReported() throws {
        let decoder = try file("offlineskies22_decoder.msgpack", MsgPack.map([("params", MsgPack.map([
            ("Dense_0", MsgPack.map([("kernel", MsgPack.flaxArray(shape: [2, 2], values: [1, 2, 3, 4]))])),
        ]))]))
        _ = try file("perciatelli44.pb", [])
        XCTAssertEqual(importError(from: folder),
                       "\(decoder): tensor 'params/Dense_0/kernel' has shape [2, 2], expected [64, 1000]")
    }

    func testADecoderWithoutATensorIsReported() throws {
        let decoder = try file("offlineskies22_decoder.msgpack", MsgPack.map([("params", MsgPack.map([]))]))
        _ = try file("perciatelli44.pb", [])
        XCTAssertEqual(importError(from: folder),
                       "\(decoder): has no tensor 'params/Dense_0/kernel'; is this BLE's offlineskies22_decoder.msgpack?")
    }

    func testMalformedProtobufIsReported() throws {
        let graph = try file("perciatelli44.pb", [0x0a, 0x7f, 0x00])
        let source = BLEModelBytes(file: .perciatelli44, bytes: [0x0a, 0x7f, 0x00], displayName: graph, provenance: "")
        XCTAssertThrowsError(try BLEModelConverter.extract(source)) {
            XCTAssertEqual("\($0)", "\(graph): malformed protobuf at byte 2: field 1 of 127 bytes runs past the end of the message")
        }
    }

    func testAGraphThatIsNotTheMLPIsReported() throws {
        let graph = Protobuf.graph([Protobuf.node("observation", op: "Placeholder")])
        let source = BLEModelBytes(file: .perciatelli44, bytes: graph, displayName: "p.pb", provenance: "")
        XCTAssertThrowsError(try BLEModelConverter.extract(source)) {
            XCTAssertEqual("\($0)", "p.pb: node 'Online/fully_connected/MatMul': is missing; the graph is not BLE's perciatelli44 MLP")
        }
    }

    func testAnAgentTensorOfTheWrongShapeIsReported() throws {
        let graph = Protobuf.mlpGraph(widths: [4] + [Int](repeating: 3, count: 7) + [6])
        let source = BLEModelBytes(file: .perciatelli44, bytes: graph, displayName: "p.pb", provenance: "")
        XCTAssertThrowsError(try BLEModelConverter.extract(source)) {
            XCTAssertEqual("\($0)", "p.pb: tensor 'Online/fully_connected/weights' has shape [4, 3], expected [1099, 600]")
        }
    }

    func testAGoodDecoderIsNotWrittenWhenTheAgentIsBad() throws {
        // A full-size decoder of zeros passes every check; the broken agent must still stop the import.
        let layers = BLEModelFile.offlineskies22Decoder.tensorLayout
        var groups: [String: [(String, [UInt8])]] = [:]
        for entry in layers {
            let parts = entry.sourceName.split(separator: "/").map(String.init)
            groups[parts[1], default: []].append((parts[2], MsgPack.flaxArray(
                shape: entry.shape, values: [Float](repeating: 0, count: entry.shape.reduce(1, *)))))
        }
        let params = MsgPack.map(groups.keys.sorted().map { ($0, MsgPack.map(groups[$0]!)) })
        _ = try file("models/offlineskies22_decoder.msgpack", MsgPack.map([("params", params)]))
        let agent = try file("models/perciatelli44.pb", Protobuf.graph([Protobuf.node("observation", op: "Placeholder")]))
        XCTAssertEqual(importError(from: folder),
                       "\(agent): node 'Online/fully_connected/MatMul': is missing; the graph is not BLE's perciatelli44 MLP")
    }

    func testAnMLPGraphWithTheRightShapesConvertsToHDF5() throws {
        // perciatelli44's topology and shapes, every weight 0.5: small enough to build here (11.7 MB).
        let graph = Protobuf.mlpGraph(widths: Perciatelli44Widths.all, fill: 0.5)
        let model = try BLEModelConverter.extract(
            BLEModelBytes(file: .perciatelli44, bytes: graph, displayName: "p.pb", provenance: "crafted"))
        XCTAssertEqual(model.parameterCount, 2_915_553)
        let path = (folder as NSString).appendingPathComponent("p.h5")
        try BLEModelConverter.write(model, to: path, bleVersion: "test")
        let file = try HDF5File.open(path)
        XCTAssertEqual(try file.group("fully_connected_7").dataset("weights").shape(), [600, 153])
        XCTAssertEqual(try file.group("fully_connected").dataset("biases").read(as: Float.self),
                       [Float](repeating: 0.5, count: 600))
        XCTAssertEqual(try file.group("fully_connected").dataset("weights").stringAttribute("source_name"),
                       "Online/fully_connected/weights")
        XCTAssertEqual(try file.stringAttribute("ble_version"), "test")
        XCTAssertEqual(try file.stringAttribute("source"), "crafted")
        XCTAssertEqual(try file.numericAttribute("parameter_count"), [2_915_553])
    }
}

enum Perciatelli44Widths {
    static let all = [1099] + [Int](repeating: 600, count: 7) + [153]
}
