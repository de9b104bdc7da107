/// The arrays of a Flax checkpoint written by `flax.serialization.to_bytes` (msgpack).
///
/// Flax writes the nested parameter dict as msgpack maps with string keys. Each
/// array is an ext value of type 1 whose payload is msgpack `[shape, dtype, data]`:
/// `shape` an array of ints, `dtype` NumPy's name (`float32`), `data` the raw
/// little-endian bytes in C order (ble-reference.md §3.4). Only float32 arrays
/// are accepted; BLE's decoder holds nothing else. Arrays larger than Flax's
/// chunking threshold (2³⁰ bytes, stored as `__msgpack_chunked_array__`) are not
/// supported; BLE's largest is 17.6 MB.
public struct FlaxCheckpoint: Sendable {
    /// Flax's msgpack ext type code for a NumPy array.
    static let ndarrayExtType: Int8 = 1

    /// Every array, keyed by its path of dict keys joined with `/` (`params/Dense_0/kernel`).
    public var tensors: [String: ModelTensor]

    /// Decodes checkpoint bytes; the error names the offending path.
    public init(bytes: [UInt8]) throws {
        var tensors: [String: ModelTensor] = [:]
        try Self.collect(try MsgPackReader.decode(bytes[...]), path: "", into: &tensors)
        self.tensors = tensors
    }

    private static func collect(_ value: MsgPackValue, path: String, into tensors: inout [String: ModelTensor]) throws {
        switch value {
        case .map(let entries):
            for (key, child) in entries {
                guard let name = key.stringValue else {
                    throw CheckpointError(path: path, problem: "has a \(key.kindName) key, expected str keys only")
                }
                if name == "__msgpack_chunked_array__" {
                    throw CheckpointError(path: path, problem: "is a chunked array (over 1 GiB), which is not supported")
                }
                let childPath = path.isEmpty ? name : path + "/" + name
                guard tensors[childPath] == nil else { throw CheckpointError(path: childPath, problem: "appears twice") }
                try collect(child, path: childPath, into: &tensors)
            }
        case .ext(let type, let payload) where type == ndarrayExtType:
            tensors[path] = try decodeArray(payload, path: path)
        default:
            throw CheckpointError(path: path, problem: "holds a msgpack \(value.kindName), expected a map or an array (ext 1)")
        }
    }

    private static func decodeArray(_ payload: ArraySlice<UInt8>, path: String) throws -> ModelTensor {
        let fields: [MsgPackValue]
        do {
            guard case .array(let items) = try MsgPackReader.decode(payload), items.count == 3 else {
                throw CheckpointError(path: path, problem: "array payload is not [shape, dtype, data]")
            }
            fields = items
        } catch let error as WireFormatError {
            throw CheckpointError(path: path, problem: "array payload: \(error)")
        }
        guard case .array(let dims) = fields[0] else {
            throw CheckpointError(path: path, problem: "array shape is a \(fields[0].kindName), expected an array of ints")
        }
        var shape: [Int] = []
        for dim in dims {
            guard let size = dim.intValue, size >= 0 else {
                throw CheckpointError(path: path, problem: "array shape has a bad extent (\(dim))")
            }
            shape.append(size)
        }
        guard let dtype = fields[1].stringValue else {
            throw CheckpointError(path: path, problem: "array dtype is a \(fields[1].kindName), expected str")
        }
        guard dtype == "float32" || dtype == "<f4" else {
            throw CheckpointError(path: path, problem: "array dtype is \(dtype), only float32 is supported")
        }
        guard case .binary(let data) = fields[2] else {
            throw CheckpointError(path: path, problem: "array data is a \(fields[2].kindName), expected bin")
        }
        let (count, overflow) = shape.reduce((1, false)) { partial, size in
            let (product, overflow) = partial.0.multipliedReportingOverflow(by: size)
            return (product, partial.1 || overflow)
        }
        guard !overflow, data.count == 4 * count else {
            throw CheckpointError(path: path, problem: "array data has \(data.count) bytes, shape \(shape) needs \(4 * count)")
        }
        return ModelTensor(shape: shape, values: littleEndianFloats(data))
    }
}

/// A Flax checkpoint whose structure is not what Flax writes.
public struct CheckpointError: Error, CustomStringConvertible, Sendable {
    /// The `/`-joined path of dict keys where the problem is (empty for the top level).
    public var path: String
    /// What is wrong there.
    public var problem: String
    public var description: String { path.isEmpty ? "top level \(problem)" : "'\(path)' \(problem)" }
}
