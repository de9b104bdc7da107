/// One decoded MessagePack value.
///
/// Strings and binaries share the storage of the bytes they were read from
/// (``ArraySlice``), so reading a large checkpoint does not copy its tensors.
public enum MsgPackValue: Equatable, Sendable {
    case `nil`
    case bool(Bool)
    /// Any integer that fits `Int64` (negative fixints, int8…int64, and uint8…uint64 up to `Int64.max`).
    case int(Int64)
    /// A uint64 above `Int64.max`.
    case uint(UInt64)
    /// float32 values are widened to `Double`.
    case float(Double)
    case string(String)
    case binary(ArraySlice<UInt8>)
    case array([MsgPackValue])
    /// Key–value pairs in file order (MessagePack keys may be of any type and may repeat).
    case map([(key: MsgPackValue, value: MsgPackValue)])
    /// An extension value: an application-defined type code and its payload.
    case ext(type: Int8, data: ArraySlice<UInt8>)

    public static func == (lhs: MsgPackValue, rhs: MsgPackValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.uint(a), .uint(b)): return a == b
        case let (.float(a), .float(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.binary(a), .binary(b)): return a.elementsEqual(b)
        case let (.array(a), .array(b)): return a == b
        case let (.map(a), .map(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.ext(t1, d1), .ext(t2, d2)): return t1 == t2 && d1.elementsEqual(d2)
        default: return false
        }
    }

    /// The value as an `Int`, if it is an integer that fits.
    public var intValue: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .uint(let value): return Int(exactly: value)
        default: return nil
        }
    }

    /// The text, if the value is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A short name of the value's kind, for error messages (`map`, `str`, `ext 1`).
    public var kindName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "bool"
        case .int, .uint: return "int"
        case .float: return "float"
        case .string: return "str"
        case .binary: return "bin"
        case .array: return "array"
        case .map: return "map"
        case .ext(let type, _): return "ext \(type)"
        }
    }
}
