import Foundation
import HDF5
import Randomness

/// Everything needed to resume training an encoder: its configuration, parameters,
/// random-feature buffers, the optimizer state and free-form metadata, saved as HDF5.
///
/// The file (format version 1):
///
///     /                      attributes: format = "loonsim-encoder-checkpoint", format_version = 1,
///                            configuration (EncoderConfiguration as JSON), feature_draw_count,
///                            checksum = "fnv1a64:<16 hex digits>"
///     /parameters/<name>     float32, one dataset per parameter (dotted names, model order)
///     /buffers/<name>        float32, FAVOR+ feature matrices
///     /optimizer             (only with an optimizer) attributes: step, configuration (JSON)
///     /optimizer/first_moments/<name>, /optimizer/second_moments/<name>
///     /metadata              one text attribute per metadata entry
///
/// The checksum is FNV-1a 64 over the configuration, every tensor's name, shape and
/// bytes, the optimizer state and the metadata, in a fixed order; it is verified on
/// load. Writing is atomic (a temporary file renamed into place). Reading a damaged,
/// truncated or foreign file, or one of another architecture, throws a
/// ``CheckpointError``; it never crashes.
public struct Checkpoint: Sendable {
    /// The `format` attribute every checkpoint carries.
    public static let formatName = "loonsim-encoder-checkpoint"
    /// The format version this code writes and the newest it reads.
    public static let formatVersion: Int64 = 1

    /// The model, with its parameters, buffers and feature-draw count.
    public var encoder: ObservationEncoder
    /// The optimizer state, if training is to resume.
    public var optimizer: Adam?
    /// Free-form text entries (e.g. the trainer's step, run name); keys must not be empty.
    public var metadata: [String: String]

    public init(encoder: ObservationEncoder, optimizer: Adam? = nil, metadata: [String: String] = [:]) {
        self.encoder = encoder
        self.optimizer = optimizer
        self.metadata = metadata
    }

    /// Writes the checkpoint to `path` atomically: on failure whatever was there is untouched.
    public func write(to path: String) throws {
        let configurationJSON = try Self.json(encoder.configuration, file: path)
        let optimizerJSON = try optimizer.map { try Self.json($0.configuration, file: path) }
        let parameters = encoder.namedParameters
        let buffers = encoder.namedBuffers
        let checksum = Self.checksum(configurationJSON: configurationJSON, featureDrawCount: encoder.featureDrawCount,
                                     parameters: parameters, buffers: buffers, optimizer: optimizer,
                                     optimizerJSON: optimizerJSON, metadata: metadata)
        try Self.mappingHDF5Errors(file: path) {
            try HDF5File.write(to: path) { file in
                try file.setAttribute("format", Self.formatName)
                try file.setAttribute("format_version", Self.formatVersion)
                try file.setAttribute("configuration", configurationJSON)
                try file.setAttribute("feature_draw_count", Int64(encoder.featureDrawCount))
                try Self.writeTensors(parameters, into: file.createGroup("parameters"))
                try Self.writeTensors(buffers, into: file.createGroup("buffers"))
                if let optimizer, let optimizerJSON {
                    let group = try file.createGroup("optimizer")
                    try group.setAttribute("step", Int64(optimizer.step))
                    try group.setAttribute("configuration", optimizerJSON)
                    try Self.writeTensors(optimizer.firstMoments, into: group.createGroup("first_moments"))
                    try Self.writeTensors(optimizer.secondMoments, into: group.createGroup("second_moments"))
                }
                let metadataGroup = try file.createGroup("metadata")
                for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
                    try metadataGroup.setAttribute(key, value)
                }
                try file.setAttribute("checksum", Self.checksumText(checksum))
            }
        }
    }

    private static func writeTensors(_ tensors: [NamedTensor], into group: HDF5Group) throws {
        for named in tensors {
            try group.createDataset(named.name, shape: named.tensor.shape, values: named.tensor.scalars)
        }
    }

    // MARK: Shared by writing and reading

    static func json<T: Encodable>(_ value: T, file: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CheckpointError(file: file, problem: "cannot encode \(T.self) as JSON: \(error)")
        }
    }

    /// FNV-1a 64 over everything the checkpoint restores, in a fixed order.
    static func checksum(
        configurationJSON: String, featureDrawCount: Int, parameters: [NamedTensor], buffers: [NamedTensor],
        optimizer: Adam?, optimizerJSON: String?, metadata: [String: String]
    ) -> UInt64 {
        var hash = FNV1a64()
        func combine(_ tensors: [NamedTensor], section: String) {
            hash.combine(section)
            for named in tensors {
                hash.combine(named.name)
                hash.combine(Int64(named.tensor.rank))
                for extent in named.tensor.shape { hash.combine(Int64(extent)) }
                named.tensor.withUnsafeBytes { hash.combine($0) }
            }
        }
        hash.combine(configurationJSON)
        hash.combine(Int64(featureDrawCount))
        combine(parameters, section: "parameters")
        combine(buffers, section: "buffers")
        if let optimizer, let optimizerJSON {
            hash.combine("optimizer")
            hash.combine(optimizerJSON)
            hash.combine(Int64(optimizer.step))
            combine(optimizer.firstMoments, section: "first_moments")
            combine(optimizer.secondMoments, section: "second_moments")
        }
        hash.combine("metadata")
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            hash.combine(key)
            hash.combine(value)
        }
        return hash.value
    }

    static func checksumText(_ checksum: UInt64) -> String {
        let hex = String(checksum, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Runs `body`, turning HDF5's errors into ``CheckpointError``s for `file`.
    static func mappingHDF5Errors<T>(file: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as HDF5Error {
            let problem = error.object.map { "\($0): \(error.problem)" } ?? error.problem
            throw CheckpointError(file: file, problem: problem)
        }
    }
}
