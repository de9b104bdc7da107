import Foundation
import HDF5

/// Converts BLE's shipped models (Flax msgpack decoder, TF frozen graph agent) into loonsim's HDF5 files, once.
///
/// Each output file holds the model's tensors as float32 datasets named as in
/// ``BLEModelFile/tensorLayout``, bit-for-bit equal to BLE's, plus root
/// attributes that say where they came from: `format`, `model`, `source`,
/// `source_sha256`, `source_bytes`, `ble_version`, `license`, `converted_by`,
/// `parameter_count`. Every file is validated completely before anything is
/// written, and each output is written atomically.
public enum BLEModelConverter {

    /// The command line that produces the committed files, recorded in each of them.
    public static let convertedBy = "loonsim models import-ble"

    /// A model's tensors, taken out of BLE's file and checked against its layout.
    public struct ExtractedModel: Sendable {
        /// Which model.
        public var file: BLEModelFile
        /// The tensors, in ``BLEModelFile/tensorLayout`` order.
        public var tensors: [ModelTensor]
        /// The file they came from.
        public var source: BLEModelBytes

        /// The number of float32 values over all tensors.
        public var parameterCount: Int { tensors.reduce(0) { $0 + $1.count } }
    }

    /// What one import wrote.
    public struct ImportedModel: Sendable {
        /// Which model.
        public var file: BLEModelFile
        /// The HDF5 file written.
        public var outputPath: String
        /// The number of float32 values stored.
        public var parameterCount: Int
        /// Where BLE's file came from, and its SHA-256.
        public var provenance: String
        public var sourceSHA256: String
    }

    /// Reads both models from `sourcePath` (BLE's wheel or a models folder) and writes them under `outputRoot`
    /// at ``BLEModelFile/outputPath``, creating the folders as needed.
    ///
    /// - Parameters:
    ///   - bleVersion: the BLE version to record; nil takes it from the wheel's METADATA (else `unknown`).
    ///   - deflateLevel: zlib level for chunked, compressed datasets, or nil to store them contiguously.
    public static func importModels(
        from sourcePath: String, outputRoot: String, bleVersion: String? = nil, deflateLevel: Int? = nil
    ) throws -> [ImportedModel] {
        let source = try BLEModelSource(path: sourcePath)
        let version = bleVersion ?? source.bleVersion ?? "unknown"
        let models = try BLEModelFile.allCases.map { try extract(source.read($0)) }
        return try models.map { model in
            let path = (outputRoot as NSString).appendingPathComponent(model.file.outputPath)
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw BLEModelError(file: folder, problem: "cannot create the folder (\(error.localizedDescription))")
            }
            try write(model, to: path, bleVersion: version, deflateLevel: deflateLevel)
            return ImportedModel(file: model.file, outputPath: path, parameterCount: model.parameterCount,
                                 provenance: model.source.provenance, sourceSHA256: model.source.sha256)
        }
    }

    /// Decodes one of BLE's model files and checks that it holds exactly the expected tensors and shapes.
    public static func extract(_ source: BLEModelBytes) throws -> ExtractedModel {
        do {
            let found: [String: ModelTensor]
            switch source.file {
            case .offlineskies22Decoder: found = try FlaxCheckpoint(bytes: source.bytes).tensors
            case .perciatelli44: found = try perciatelli44Constants(TensorFlowGraph(bytes: source.bytes))
            }
            let layout = source.file.tensorLayout
            let tensors = try layout.map { entry -> ModelTensor in
                guard let tensor = found[entry.sourceName] else {
                    throw BLEModelError(file: source.displayName,
                                        problem: "has no tensor '\(entry.sourceName)'; is this BLE's \(source.file.rawValue)?")
                }
                guard tensor.shape == entry.shape else {
                    throw BLEModelError(file: source.displayName,
                                        problem: "tensor '\(entry.sourceName)' has shape \(tensor.shape), expected \(entry.shape)")
                }
                return tensor
            }
            let expected = Set(layout.map(\.sourceName))
            if let extra = found.keys.sorted().first(where: { !expected.contains($0) }) {
                throw BLEModelError(file: source.displayName,
                                    problem: "holds unexpected tensor '\(extra)'; the model differs from BLE's")
            }
            return ExtractedModel(file: source.file, tensors: tensors, source: source)
        } catch let error as BLEModelError {
            throw error
        } catch {
            throw BLEModelError(file: source.displayName, problem: "\(error)")
        }
    }

    /// Writes an extracted model to `path` atomically (the folder must exist).
    public static func write(_ model: ExtractedModel, to path: String, bleVersion: String, deflateLevel: Int? = nil) throws {
        try HDF5File.write(to: path) { file in
            var groups: [String: HDF5Group] = [:]
            for (entry, tensor) in zip(model.file.tensorLayout, model.tensors) {
                let parts = entry.datasetPath.split(separator: "/").map(String.init)
                var location: HDF5Location = file
                var prefix = ""
                for part in parts.dropLast() {
                    prefix += "/" + part
                    if let group = groups[prefix] {
                        location = group
                    } else {
                        let group = try location.createGroup(part)
                        groups[prefix] = group
                        location = group
                    }
                }
                let dataset = try location.createDataset(
                    parts.last!, shape: tensor.shape, values: tensor.values,
                    chunks: deflateLevel == nil ? nil : chunkShape(tensor.shape), deflateLevel: deflateLevel)
                try dataset.setAttribute("source_name", entry.sourceName)
            }
            try file.setAttribute("format", model.file.outputFormat)
            try file.setAttribute("model", (model.file.rawValue as NSString).deletingPathExtension)
            try file.setAttribute("source", model.source.provenance)
            try file.setAttribute("source_sha256", model.source.sha256)
            try file.setAttribute("source_bytes", Int64(model.source.bytes.count))
            try file.setAttribute("ble_version", bleVersion)
            try file.setAttribute("license", "Apache-2.0 (Balloon Learning Environment; see WindFields/LICENSE-BLE.txt and NOTICE)")
            try file.setAttribute("converted_by", convertedBy)
            try file.setAttribute("parameter_count", Int64(model.parameterCount))
        }
    }

    /// Whole rows of about 1 MiB: a layer reads its kernel in one pass, so chunks only serve compression.
    static func chunkShape(_ shape: [Int]) -> [Int] {
        guard let columns = shape.last, shape.count > 1 else { return [max(shape.first ?? 1, 1)] }
        let rows = max(1, min(shape[0], (1 << 18) / max(columns, 1)))
        return [rows] + shape.dropFirst().map { max($0, 1) }
    }

    /// The float32 `Const` tensors of the perciatelli44 graph, after checking that the graph is
    /// BLE's MLP: for each layer, `MatMul` of the previous output and the weights, `BiasAdd` of the
    /// biases, then `Relu` on every layer but the last (ble-reference.md §6.6).
    static func perciatelli44Constants(_ graph: TensorFlowGraph) throws -> [String: ModelTensor] {
        var byName: [String: TensorFlowGraph.Node] = [:]
        for node in graph.nodes { byName[node.name] = node }
        // Follows Identity nodes (TF1's `weights/read`) back to what they forward.
        func resolve(_ name: String) -> String {
            var current = name
            for _ in 0..<8 {
                guard let node = byName[current], node.op == "Identity", let input = node.inputs.first else { break }
                current = input
            }
            return current
        }
        func require(_ name: String, op: String, inputs: [String]) throws {
            guard let node = byName[name] else {
                throw GraphError(node: name, problem: "is missing; the graph is not BLE's perciatelli44 MLP")
            }
            let resolved = node.inputs.prefix(inputs.count).map(resolve)
            guard node.op == op, resolved == inputs else {
                throw GraphError(node: name, problem: "is \(node.op)\(resolved), expected \(op)\(inputs); the graph is not BLE's perciatelli44 MLP")
            }
        }
        var previous = "observation"
        for layer in 0..<8 {
            let scope = layer == 0 ? "Online/fully_connected" : "Online/fully_connected_\(layer)"
            try require("\(scope)/MatMul", op: "MatMul", inputs: [previous, "\(scope)/weights"])
            try require("\(scope)/BiasAdd", op: "BiasAdd", inputs: ["\(scope)/MatMul", "\(scope)/biases"])
            previous = "\(scope)/BiasAdd"
            if layer < 7 {
                try require("\(scope)/Relu", op: "Relu", inputs: [previous])
                previous = "\(scope)/Relu"
            } else if byName["\(scope)/Relu"] != nil {
                throw GraphError(node: "\(scope)/Relu", problem: "exists; BLE's output layer is linear")
            }
        }
        try require("Online/Reshape", op: "Reshape", inputs: [previous])
        var constants: [String: ModelTensor] = [:]
        for node in graph.nodes {
            guard let constant = node.constant, constant.dtype == TensorFlowGraph.floatDType else { continue }
            constants[node.name] = constant.floats
        }
        return constants
    }
}
