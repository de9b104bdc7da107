import Foundation

/// Builds MessagePack bytes by hand, for feeding crafted input to the readers under test.
enum MsgPack {
    static func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        precondition(bytes.count < 256)
        return bytes.count < 32 ? [0xa0 | UInt8(bytes.count)] + bytes : [0xd9, UInt8(bytes.count)] + bytes
    }

    static func uint(_ value: Int) -> [UInt8] {
        switch value {
        case 0..<128: return [UInt8(value)]
        case 128..<65536: return [0xcd, UInt8(value >> 8), UInt8(value & 0xff)]
        default: return [0xce] + bigEndian(UInt32(value))
        }
    }

    static func array(_ items: [[UInt8]]) -> [UInt8] {
        precondition(items.count < 16)
        return [0x90 | UInt8(items.count)] + items.flatMap { $0 }
    }

    static func map(_ entries: [(String, [UInt8])]) -> [UInt8] {
        precondition(entries.count < 16)
        return [0x80 | UInt8(entries.count)] + entries.flatMap { string($0.0) + $0.1 }
    }

    static func binary(_ bytes: [UInt8]) -> [UInt8] {
        [0xc6] + bigEndian(UInt32(bytes.count)) + bytes
    }

    static func ext(_ type: Int8, _ payload: [UInt8]) -> [UInt8] {
        [0xc9] + bigEndian(UInt32(payload.count)) + [UInt8(bitPattern: type)] + payload
    }

    /// A Flax array: ext 1 holding `[shape, dtype, little-endian data]`.
    static func flaxArray(shape: [Int], values: [Float], dtype: String = "float32") -> [UInt8] {
        ext(1, array([array(shape.map(uint)), string(dtype), binary(littleEndianBytes(values))]))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }
}

/// Builds protobuf wire-format bytes by hand.
enum Protobuf {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            let low = UInt8(value & 0x7f)
            value >>= 7
            bytes.append(value == 0 ? low : low | 0x80)
        } while value != 0
        return bytes
    }

    static func varintField(_ number: Int, _ value: UInt64) -> [UInt8] {
        varint(UInt64(number << 3)) + varint(value)
    }

    static func bytesField(_ number: Int, _ bytes: [UInt8]) -> [UInt8] {
        varint(UInt64(number << 3 | 2)) + varint(UInt64(bytes.count)) + bytes
    }

    static func stringField(_ number: Int, _ text: String) -> [UInt8] {
        bytesField(number, Array(text.utf8))
    }

    static func fixed32Field(_ number: Int, _ bits: UInt32) -> [UInt8] {
        varint(UInt64(number << 3 | 5)) + withUnsafeBytes(of: bits.littleEndian, Array.init)
    }

    /// A `TensorShapeProto` with the given extents.
    static func shape(_ dims: [Int]) -> [UInt8] {
        dims.flatMap { bytesField(2, varintField(1, UInt64(bitPattern: Int64($0)))) }
    }

    /// A `NodeDef`; `tensor` (a `TensorProto`) becomes its `value` attribute.
    static func node(_ name: String, op: String, inputs: [String] = [], tensor: [UInt8]? = nil) -> [UInt8] {
        var bytes = stringField(1, name) + stringField(2, op) + inputs.flatMap { stringField(3, $0) }
        if let tensor {
            let attrValue = bytesField(8, tensor)
            bytes += bytesField(5, stringField(1, "value") + bytesField(2, attrValue))
        }
        return bytes
    }

    /// A float32 `TensorProto` holding `values` as `tensor_content`.
    static func floatTensor(shape dims: [Int], values: [Float]) -> [UInt8] {
        varintField(1, 1) + bytesField(2, shape(dims)) + bytesField(4, littleEndianBytes(values))
    }

    /// A `GraphDef` of the given `NodeDef`s.
    static func graph(_ nodes: [[UInt8]]) -> [UInt8] {
        nodes.flatMap { bytesField(1, $0) }
    }

    /// A perciatelli44-shaped graph (observation → 8 × MatMul/BiasAdd, Relu on 7 → Reshape)
    /// whose weights have the given shapes (`widths[k]` → `widths[k + 1]`), filled with `fill`.
    static func mlpGraph(widths: [Int], fill: Float = 0.5) -> [UInt8] {
        var nodes = [node("observation", op: "Placeholder")]
        var previous = "observation"
        for layer in 0..<(widths.count - 1) {
            let scope = layer == 0 ? "Online/fully_connected" : "Online/fully_connected_\(layer)"
            let (inputs, outputs) = (widths[layer], widths[layer + 1])
            nodes.append(node("\(scope)/weights", op: "Const",
                              tensor: floatTensor(shape: [inputs, outputs], values: .init(repeating: fill, count: inputs * outputs))))
            nodes.append(node("\(scope)/weights/read", op: "Identity", inputs: ["\(scope)/weights"]))
            nodes.append(node("\(scope)/biases", op: "Const",
                              tensor: floatTensor(shape: [outputs], values: .init(repeating: fill, count: outputs))))
            nodes.append(node("\(scope)/biases/read", op: "Identity", inputs: ["\(scope)/biases"]))
            nodes.append(node("\(scope)/MatMul", op: "MatMul", inputs: [previous, "\(scope)/weights/read"]))
            nodes.append(node("\(scope)/BiasAdd", op: "BiasAdd", inputs: ["\(scope)/MatMul", "\(scope)/biases/read"]))
            previous = "\(scope)/BiasAdd"
            if layer < widths.count - 2 {
                nodes.append(node("\(scope)/Relu", op: "Relu", inputs: [previous]))
                previous = "\(scope)/Relu"
            }
        }
        nodes.append(node("Online/Reshape", op: "Reshape", inputs: [previous, "Online/Reshape/shape"]))
        return graph(nodes)
    }
}

func littleEndianBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
}

/// Writes a zip archive with stored (uncompressed) entries, as a crafted stand-in for a wheel.
enum StoredZip {
    static func write(_ entries: [(path: String, contents: [UInt8])], to path: String) throws {
        var archive: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.path.utf8)
            let crc = crc32(entry.contents)
            let offset = UInt32(archive.count)
            let common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
                + le32(UInt32(entry.contents.count)) + le32(UInt32(entry.contents.count)) + le16(UInt16(name.count))
            archive += le32(0x0403_4b50) + common + le16(0) + name + entry.contents
            directory += le32(0x0201_4b50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le16(0)
                + le32(0) + le32(offset) + name
        }
        let count = UInt16(entries.count)
        let end = le32(0x0605_4b50) + le16(0) + le16(0) + le16(count) + le16(count)
            + le32(UInt32(directory.count)) + le32(UInt32(archive.count)) + le16(0)
        try Data(archive + directory + end).write(to: URL(fileURLWithPath: path))
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }
}
