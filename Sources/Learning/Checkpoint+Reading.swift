import Foundation
import HDF5

extension Checkpoint {
    /// Reads the checkpoint at `path`, building the encoder from the configuration stored in it.
    ///
    /// With `expectedConfiguration`, the stored configuration must equal it (resuming a
    /// run with its own settings); otherwise the error lists the settings that differ.
    /// Throws ``CheckpointError`` for a missing, foreign, newer, truncated or damaged file.
    public static func read(from path: String, expecting expectedConfiguration: EncoderConfiguration? = nil) throws -> Checkpoint {
        try mappingHDF5Errors(file: path) {
            try CheckpointReader(path: path).read(expecting: expectedConfiguration)
        }
    }
}

/// Reads one checkpoint file, failing with a one-line ``CheckpointError``.
private struct CheckpointReader {
    let path: String
    let file: HDF5File

    init(path: String) throws {
        self.path = path
        file = try HDF5File.open(path)
    }

    func fail(_ problem: String) -> CheckpointError { CheckpointError(file: path, problem: problem) }

    func read(expecting expectedConfiguration: EncoderConfiguration?) throws -> Checkpoint {
        guard let format = try file.stringAttribute("format") else {
            throw fail("is not a loonsim encoder checkpoint (no 'format' attribute)")
        }
        guard format == Checkpoint.formatName else {
            throw fail("is a '\(format)' file, not a loonsim encoder checkpoint"
                       + (format.hasPrefix("loonsim-ble-perciatelli44") ? " (fly it as --agent perciatelli44)" : ""))
        }
        guard let version = try file.numericAttribute("format_version")?.first else {
            throw fail("has no 'format_version' attribute")
        }
        guard version == Double(Checkpoint.formatVersion) else {
            throw fail("has checkpoint format version \(Int(version)); this loonsim reads version \(Checkpoint.formatVersion)")
        }
        guard let configurationJSON = try file.stringAttribute("configuration") else {
            throw fail("has no 'configuration' attribute")
        }
        let configuration: EncoderConfiguration = try decode(configurationJSON, what: "model configuration")
        guard configuration.problems.isEmpty else {
            throw fail("model configuration is invalid: \(configuration.problems.joined(separator: "; "))")
        }
        if let expectedConfiguration, expectedConfiguration != configuration {
            let differences = (try? Self.differences(stored: configurationJSON,
                                                     expected: Checkpoint.json(expectedConfiguration, file: path)))
                ?? "settings differ"
            throw fail("holds a model of another architecture: \(differences)")
        }

        var encoder = ObservationEncoder(configuration: configuration)
        let parameters = try readTensors(group: "parameters", like: encoder.namedParameters, kind: "parameter")
        let buffers = try readTensors(group: "buffers", like: encoder.namedBuffers, kind: "buffer")
        try encoder.setParameters(parameters)
        try encoder.setBuffers(buffers)
        encoder.featureDrawCount = try integerAttribute("feature_draw_count", of: file)

        var optimizer: Adam?
        var optimizerJSON: String?
        if file.contains("optimizer") {
            let group = try file.group("optimizer")
            guard let json = try group.stringAttribute("configuration") else {
                throw fail("optimizer has no 'configuration' attribute")
            }
            optimizerJSON = json
            var adam = Adam(configuration: try decode(json, what: "optimizer configuration"))
            let step = try integerAttribute("step", of: group)
            let moments = step == 0 ? [] : encoder.namedParameters
            let first = try readTensors(group: "optimizer/first_moments", like: moments, kind: "first moment")
            let second = try readTensors(group: "optimizer/second_moments", like: moments, kind: "second moment")
            do {
                try adam.restore(step: step, firstMoments: first, secondMoments: second)
            } catch {
                throw fail(error.problem)
            }
            optimizer = adam
        }

        var metadata: [String: String] = [:]
        if file.contains("metadata") {
            let group = try file.group("metadata")
            for key in try group.attributeNames() { metadata[key] = try group.stringAttribute(key) }
        }

        guard let storedChecksum = try file.stringAttribute("checksum") else {
            throw fail("has no 'checksum' attribute (the write did not finish?)")
        }
        let computed = Checkpoint.checksumText(Checkpoint.checksum(
            configurationJSON: configurationJSON, featureDrawCount: encoder.featureDrawCount,
            parameters: parameters, buffers: buffers, optimizer: optimizer, optimizerJSON: optimizerJSON,
            metadata: metadata))
        guard storedChecksum == computed else {
            throw fail("checksum mismatch, the file is damaged (stored \(storedChecksum), computed \(computed))")
        }
        return Checkpoint(encoder: encoder, optimizer: optimizer, metadata: metadata)
    }

    /// The tensors of `group`, named and shaped like `expected`, in its order; no more, no fewer.
    func readTensors(group path: String, like expected: [NamedTensor], kind: String) throws -> [NamedTensor] {
        if expected.isEmpty, !Self.contains(path, in: file) { return [] }
        guard Self.contains(path, in: file) else { throw fail("group '/\(path)' is missing") }
        var group: HDF5Location = file
        for component in path.split(separator: "/") { group = try group.group(String(component)) }
        let expectedNames = Set(expected.map(\.name))
        if let extra = try group.memberNames().first(where: { !expectedNames.contains($0) }) {
            throw fail("\(kind) '\(extra)' does not belong to this architecture")
        }
        return try expected.map { named in
            guard group.contains(named.name) else { throw fail("\(kind) '\(named.name)' is missing") }
            let dataset = try group.dataset(named.name)
            let shape = try dataset.shape()
            guard shape == named.tensor.shape else {
                throw fail("\(kind) '\(named.name)' has shape \(shape), expected \(named.tensor.shape)")
            }
            return NamedTensor(named.name, Tensor(shape: shape, scalars: try dataset.read(as: Float.self)))
        }
    }

    func integerAttribute(_ name: String, of object: HDF5Object) throws -> Int {
        guard let value = try object.numericAttribute(name)?.first else {
            throw fail("attribute '\(name)' is missing")
        }
        guard value >= 0, value < 0x1p53, value == value.rounded() else {
            throw fail("attribute '\(name)' is \(value), expected a non-negative integer")
        }
        return Int(value)
    }

    func decode<T: Decodable>(_ json: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch let DecodingError.keyNotFound(key, _) {
            throw fail("\(what) lacks the setting '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw fail("\(what) has a bad value for '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.dataCorrupted(context) {
            let where_ = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw fail("\(what) is not valid JSON\(where_.isEmpty ? "" : " at '\(where_)'")")
        }
    }

    static func contains(_ path: String, in file: HDF5File) -> Bool {
        var location: HDF5Location = file
        for component in path.split(separator: "/").map(String.init) {
            guard location.contains(component), let next = try? location.group(component) else { return false }
            location = next
        }
        return true
    }

    /// "width 32 in the file, 16 expected; blockCount 3 in the file, 2 expected".
    static func differences(stored: String, expected: String) throws -> String {
        func object(_ json: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        }
        func text(_ value: Any?) -> String {
            guard let value else { return "absent" }
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
            else { return "\(value)" }
            return String(decoding: data, as: UTF8.self)
        }
        let (file, wanted) = (try object(stored), try object(expected))
        let keys = Set(file.keys).union(wanted.keys).sorted()
        let differing = keys.filter { text(file[$0]) != text(wanted[$0]) }
        return differing.map { "\($0) \(text(file[$0])) in the file, \(text(wanted[$0])) expected" }
            .joined(separator: "; ")
    }
}
