import BLEModels
import Foundation
import HDF5
import TestSupport
import WindField
import XCTest

/// Converting BLE's wheel reproduces the committed model files exactly.
///
/// Needs BLE's wheel: `$BLE_WHEEL`, or `/tmp/ble/balloon_learning_environment-1.0.1-py3-none-any.whl`.
final class BLEWheelConversionTests: XCTestCase {

    private static var wheelPath: String? {
        let candidates = [ProcessInfo.processInfo.environment["BLE_WHEEL"],
                          "/tmp/ble/balloon_learning_environment-1.0.1-py3-none-any.whl"]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    private func wheel() throws -> String {
        guard let path = Self.wheelPath else { throw XCTSkip("BLE's wheel is not here; set BLE_WHEEL to convert it") }
        return path
    }

    private func committed(_ file: BLEModelFile) -> String {
        (SharedData.repositoryRoot as NSString).appendingPathComponent(file.outputPath)
    }

    func testConvertingTheWheelReproducesTheCommittedTensorsExactly() throws {
        let output = SharedData.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let imported = try BLEModelConverter.importModels(from: try wheel(), outputRoot: output)
        XCTAssertEqual(imported.map(\.file), BLEModelFile.allCases)
        for model in imported {
            let fresh = try HDF5File.open(model.outputPath)
            let shipped = try HDF5File.open(committed(model.file))
            for entry in model.file.tensorLayout {
                let parts = entry.datasetPath.split(separator: "/").map(String.init)
                let a = try fresh.group(parts[0]).dataset(parts[1])
                let b = try shipped.group(parts[0]).dataset(parts[1])
                XCTAssertEqual(try a.shape(), entry.shape, entry.datasetPath)
                XCTAssertEqual(try b.shape(), entry.shape, entry.datasetPath)
                let (x, y) = (try a.read(as: Float.self), try b.read(as: Float.self))
                XCTAssertTrue(x.elementsEqual(y) { $0.bitPattern == $1.bitPattern }, "\(entry.datasetPath) differs")
            }
            for attribute in ["format", "model", "source", "source_sha256", "ble_version", "license", "converted_by"] {
                XCTAssertEqual(try fresh.stringAttribute(attribute), try shipped.stringAttribute(attribute), attribute)
            }
            XCTAssertEqual(try fresh.stringAttribute("ble_version"), "1.0.1")
            XCTAssertEqual(try fresh.stringAttribute("source_sha256"), model.sourceSHA256)
        }
    }

    func testTheWheelsModelsMatchItsRecordAndBLEsSizes() throws {
        let source = try BLEModelSource(path: try wheel())
        XCTAssertTrue(source.isWheel)
        XCTAssertEqual(source.bleVersion, "1.0.1")
        let decoder = try source.read(.offlineskies22Decoder)
        let agent = try source.read(.perciatelli44)
        // ble-reference.md §0: 25.9 MB and 11.7 MB.
        XCTAssertEqual(decoder.bytes.count, 25_925_919)
        XCTAssertEqual(agent.bytes.count, 11_669_658)
        XCTAssertEqual(decoder.provenance,
                       "balloon_learning_environment-1.0.1-py3-none-any.whl:balloon_learning_environment/models/offlineskies22_decoder.msgpack")
    }

    func testAnUnpackedModelsFolderConvertsLikeTheWheel() throws {
        let source = try BLEModelSource(path: try wheel())
        let folder = SharedData.temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let models = (folder as NSString).appendingPathComponent("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        var fromWheel: [BLEModelConverter.ExtractedModel] = []
        for file in BLEModelFile.allCases {
            let bytes = try source.read(file)
            try Data(bytes.bytes).write(to: URL(fileURLWithPath: (models as NSString).appendingPathComponent(file.rawValue)))
            fromWheel.append(try BLEModelConverter.extract(bytes))
        }
        let folderSource = try BLEModelSource(path: folder)
        XCTAssertFalse(folderSource.isWheel)
        for (file, wheelModel) in zip(BLEModelFile.allCases, fromWheel) {
            let bytes = try folderSource.read(file)
            XCTAssertEqual(bytes.sha256, wheelModel.source.sha256)
            XCTAssertEqual(try BLEModelConverter.extract(bytes).tensors, wheelModel.tensors)
        }
    }
}
