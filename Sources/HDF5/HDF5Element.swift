import CHDF5
import CHDF5Shim

/// A Swift number type that maps onto one of HDF5's native element types.
///
/// Reads convert from the file's type to this one (HDF5 does the conversion),
/// so a float64 dataset can be read as `Float` and an int16 one as `Int16`.
public protocol HDF5Element: Numeric, Sendable {
    /// HDF5's in-memory type for this Swift type (a library constant, not to be closed).
    static var hdf5NativeType: hid_t { get }
}

extension Float: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_float() } }
extension Double: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_double() } }
extension Int8: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_int8() } }
extension UInt8: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_uint8() } }
extension Int16: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_int16() } }
extension Int32: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_int32() } }
extension Int64: HDF5Element { public static var hdf5NativeType: hid_t { loonsim_h5t_native_int64() } }

/// The kind of values a dataset or attribute holds in the file.
public enum HDF5ElementKind: Equatable, Sendable {
    case float(bytes: Int)
    case integer(bytes: Int, signed: Bool)
    case string
    case other

    /// Reads the kind of an HDF5 datatype (does not close it).
    init(typeID: hid_t) {
        let size = Int(H5Tget_size(typeID))
        switch H5Tget_class(typeID) {
        case H5T_FLOAT: self = .float(bytes: size)
        case H5T_INTEGER: self = .integer(bytes: size, signed: H5Tget_sign(typeID) != H5T_SGN_NONE)
        case H5T_STRING: self = .string
        default: self = .other
        }
    }

    /// Whether the values are numbers (integers or floating point).
    public var isNumeric: Bool {
        switch self {
        case .float, .integer: return true
        case .string, .other: return false
        }
    }

    /// A short name for messages: `float32`, `int16`, `string`.
    public var name: String {
        switch self {
        case .float(let bytes): return "float\(bytes * 8)"
        case .integer(let bytes, let signed): return "\(signed ? "" : "u")int\(bytes * 8)"
        case .string: return "string"
        case .other: return "non-numeric"
        }
    }
}
