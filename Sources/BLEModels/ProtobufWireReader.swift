/// One field of a protobuf message: its number and its undecoded value.
public struct ProtobufField: Equatable, Sendable {
    /// The field number from the message's `.proto` definition.
    public var number: Int
    /// The value, as the wire type carries it.
    public var value: Value

    /// A wire-format value. Interpretation (signed, float, string, sub-message) is up to the caller.
    public enum Value: Equatable, Sendable {
        /// Wire type 0: int32/64, uint32/64, bool, enum (zigzag for sint* is left to the caller).
        case varint(UInt64)
        /// Wire type 1: fixed64, sfixed64, double.
        case fixed64(UInt64)
        /// Wire type 2: string, bytes, an embedded message, or a packed repeated field.
        case lengthDelimited(ArraySlice<UInt8>)
        /// Wire type 5: fixed32, sfixed32, float.
        case fixed32(UInt32)

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case let (.varint(a), .varint(b)), let (.fixed64(a), .fixed64(b)): return a == b
            case let (.fixed32(a), .fixed32(b)): return a == b
            case let (.lengthDelimited(a), .lengthDelimited(b)): return a.elementsEqual(b)
            default: return false
            }
        }
    }

    public init(number: Int, value: Value) {
        self.number = number
        self.value = value
    }

    /// The bytes of a length-delimited field, else nil.
    public var bytes: ArraySlice<UInt8>? {
        if case .lengthDelimited(let bytes) = value { return bytes }
        return nil
    }

    /// The integer of a varint field, else nil.
    public var varint: UInt64? {
        if case .varint(let value) = value { return value }
        return nil
    }

    /// The text of a length-delimited field holding UTF-8, else nil.
    public var string: String? {
        bytes.flatMap { String(validating: $0, as: UTF8.self) }
    }
}

/// Walks the fields of one protobuf message in wire format
/// (https://protobuf.dev/programming-guides/encoding/), without a schema.
///
/// It knows the four wire types in use today (varint, fixed64, length-delimited,
/// fixed32) and rejects the deprecated groups (3, 4). Embedded messages are read
/// by giving a field's ``ProtobufField/bytes`` to a new reader.
public struct ProtobufWireReader {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    /// Prepares to read the message held in `bytes`.
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Prepares to read the message held in `bytes`.
    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// The next field, or nil at the end of the message.
    public mutating func nextField() throws -> ProtobufField? {
        guard position < bytes.endIndex else { return nil }
        let tag = try readVarint()
        let number = tag >> 3
        guard number >= 1, number <= 536_870_911 else { throw malformed("field number \(number) is out of range") }
        let value: ProtobufField.Value
        switch tag & 7 {
        case 0: value = .varint(try readVarint())
        case 1: value = .fixed64(try readLittleEndian(8))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw malformed("field \(number) of \(length) bytes runs past the end of the message")
            }
            value = .lengthDelimited(bytes[position..<(position + Int(length))])
            position += Int(length)
        case 5: value = .fixed32(UInt32(try readLittleEndian(4)))
        case 3, 4: throw malformed("field \(number) uses the deprecated group encoding")
        default: throw malformed("field \(number) has unknown wire type \(tag & 7)")
        }
        return ProtobufField(number: Int(number), value: value)
    }

    /// All remaining fields, in order.
    public mutating func allFields() throws -> [ProtobufField] {
        var fields: [ProtobufField] = []
        while let field = try nextField() { fields.append(field) }
        return fields
    }

    /// Reads the varints of a packed repeated field (or of any run of varints).
    public static func packedVarints(_ bytes: ArraySlice<UInt8>) throws -> [UInt64] {
        var reader = ProtobufWireReader(bytes)
        var values: [UInt64] = []
        while reader.position < bytes.endIndex { values.append(try reader.readVarint()) }
        return values
    }

    /// Reads a packed repeated `float` field: little-endian float32 values back to back.
    public static func packedFloats(_ bytes: ArraySlice<UInt8>) throws -> [Float] {
        guard bytes.count % 4 == 0 else {
            throw WireFormatError(format: "protobuf", offset: 0,
                                  problem: "packed float field of \(bytes.count) bytes is not a multiple of 4")
        }
        return littleEndianFloats(bytes)
    }

    private mutating func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw malformed("varint runs past the end of the message") }
            let byte = bytes[position]
            position += 1
            guard shift < 64, shift < 63 || byte <= 1 else { throw malformed("varint is longer than 64 bits") }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    private mutating func readLittleEndian(_ width: Int) throws -> UInt64 {
        guard bytes.endIndex - position >= width else { throw malformed("fixed-width value runs past the end") }
        var value: UInt64 = 0
        for index in (position..<(position + width)).reversed() { value = value << 8 | UInt64(bytes[index]) }
        position += width
        return value
    }

    private func malformed(_ problem: String) -> WireFormatError {
        WireFormatError(format: "protobuf", offset: position - bytes.startIndex, problem: problem)
    }
}

/// Reinterprets little-endian float32 bytes (the byte count must be a multiple of 4).
func littleEndianFloats(_ bytes: ArraySlice<UInt8>) -> [Float] {
    let count = bytes.count / 4
    return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        bytes.withUnsafeBytes { raw in
            #if _endian(little)
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<(4 * count)]))
            #else
            for index in 0..<count {
                buffer[index] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * index,
                                                                                         as: UInt32.self)))
            }
            #endif
        }
        initialized = count
    }
}
