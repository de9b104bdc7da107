/// Reads MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) from bytes in memory.
///
/// It decodes every MessagePack type: nil, bool, ints, float32/64, str, bin,
/// array, map and ext (the timestamp extension is returned as a plain `ext -1`).
/// Flax's checkpoint serialisation (§3.4 of ble-reference.md) uses maps, str,
/// and ext type 1 whose payload is again MessagePack. Nesting is limited to
/// ``maximumDepth`` so that crafted input cannot exhaust the stack.
public struct MsgPackReader {
    /// The deepest nesting of arrays and maps accepted.
    public static let maximumDepth = 64

    private let bytes: ArraySlice<UInt8>
    /// The index of the next byte to read (an index into the slice the reader was given).
    public private(set) var position: Int

    /// Prepares to read `bytes` from their start.
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Prepares to read `bytes` from their start.
    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position >= bytes.endIndex }

    /// Decodes one whole document and checks that no bytes follow it.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws -> MsgPackValue {
        var reader = MsgPackReader(bytes)
        let value = try reader.readValue()
        guard reader.isAtEnd else {
            throw reader.malformed("\(bytes.endIndex - reader.position) unexpected bytes after the value")
        }
        return value
    }

    /// Decodes the next value.
    public mutating func readValue() throws -> MsgPackValue {
        try readValue(depth: 0)
    }

    private mutating func readValue(depth: Int) throws -> MsgPackValue {
        guard depth <= Self.maximumDepth else { throw malformed("nested deeper than \(Self.maximumDepth) levels") }
        let start = position
        let marker = try readByte()
        switch marker {
        case 0x00...0x7f: return .int(Int64(marker))
        case 0x80...0x8f: return try readMap(count: Int(marker & 0x0f), depth: depth)
        case 0x90...0x9f: return try readArray(count: Int(marker & 0x0f), depth: depth)
        case 0xa0...0xbf: return try readString(count: Int(marker & 0x1f))
        case 0xc0: return .nil
        case 0xc2: return .bool(false)
        case 0xc3: return .bool(true)
        case 0xc4: return .binary(try readBytes(Int(try readUnsigned(1))))
        case 0xc5: return .binary(try readBytes(Int(try readUnsigned(2))))
        case 0xc6: return .binary(try readBytes(Int(try readUnsigned(4))))
        case 0xc7: return try readExt(count: Int(try readUnsigned(1)))
        case 0xc8: return try readExt(count: Int(try readUnsigned(2)))
        case 0xc9: return try readExt(count: Int(try readUnsigned(4)))
        case 0xca: return .float(Double(Float(bitPattern: UInt32(try readUnsigned(4)))))
        case 0xcb: return .float(Double(bitPattern: try readUnsigned(8)))
        case 0xcc: return .int(Int64(try readUnsigned(1)))
        case 0xcd: return .int(Int64(try readUnsigned(2)))
        case 0xce: return .int(Int64(try readUnsigned(4)))
        case 0xcf:
            let value = try readUnsigned(8)
            return value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
        case 0xd0: return .int(Int64(Int8(truncatingIfNeeded: try readUnsigned(1))))
        case 0xd1: return .int(Int64(Int16(truncatingIfNeeded: try readUnsigned(2))))
        case 0xd2: return .int(Int64(Int32(truncatingIfNeeded: try readUnsigned(4))))
        case 0xd3: return .int(Int64(bitPattern: try readUnsigned(8)))
        case 0xd4: return try readExt(count: 1)
        case 0xd5: return try readExt(count: 2)
        case 0xd6: return try readExt(count: 4)
        case 0xd7: return try readExt(count: 8)
        case 0xd8: return try readExt(count: 16)
        case 0xd9: return try readString(count: Int(try readUnsigned(1)))
        case 0xda: return try readString(count: Int(try readUnsigned(2)))
        case 0xdb: return try readString(count: Int(try readUnsigned(4)))
        case 0xdc: return try readArray(count: Int(try readUnsigned(2)), depth: depth)
        case 0xdd: return try readArray(count: Int(try readUnsigned(4)), depth: depth)
        case 0xde: return try readMap(count: Int(try readUnsigned(2)), depth: depth)
        case 0xdf: return try readMap(count: Int(try readUnsigned(4)), depth: depth)
        case 0xe0...0xff: return .int(Int64(Int8(bitPattern: marker)))
        default:
            position = start
            throw malformed("byte 0xc1 is never used in MessagePack")
        }
    }

    private mutating func readArray(count: Int, depth: Int) throws -> MsgPackValue {
        // Each element takes at least one byte: reject impossible counts before reserving memory.
        guard count <= bytes.endIndex - position else { throw malformed("array of \(count) values runs past the end") }
        var values: [MsgPackValue] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readValue(depth: depth + 1)) }
        return .array(values)
    }

    private mutating func readMap(count: Int, depth: Int) throws -> MsgPackValue {
        guard count <= (bytes.endIndex - position) / 2 else {
            throw malformed("map of \(count) entries runs past the end")
        }
        var entries: [(key: MsgPackValue, value: MsgPackValue)] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let key = try readValue(depth: depth + 1)
            let value = try readValue(depth: depth + 1)
            entries.append((key, value))
        }
        return .map(entries)
    }

    private mutating func readString(count: Int) throws -> MsgPackValue {
        let start = position
        let raw = try readBytes(count)
        guard let text = String(validating: raw, as: UTF8.self) else {
            position = start
            throw malformed("string of \(count) bytes is not valid UTF-8")
        }
        return .string(text)
    }

    private mutating func readExt(count: Int) throws -> MsgPackValue {
        let type = Int8(bitPattern: try readByte())
        return .ext(type: type, data: try readBytes(count))
    }

    private mutating func readByte() throws -> UInt8 {
        guard position < bytes.endIndex else { throw malformed("unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    /// Reads a big-endian unsigned integer of `width` bytes.
    private mutating func readUnsigned(_ width: Int) throws -> UInt64 {
        guard bytes.endIndex - position >= width else { throw malformed("unexpected end of data") }
        var value: UInt64 = 0
        for index in position..<(position + width) { value = value << 8 | UInt64(bytes[index]) }
        position += width
        return value
    }

    private mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - position >= count else {
            throw malformed("\(count)-byte value runs past the end of the data")
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    func malformed(_ problem: String) -> WireFormatError {
        WireFormatError(format: "msgpack", offset: position - bytes.startIndex, problem: problem)
    }
}
