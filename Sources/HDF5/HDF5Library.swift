import CHDF5
import CHDF5Shim
import Foundation

/// Process-wide HDF5 set-up and serialisation.
///
/// Debian's HDF5 is the serial (not thread-safe) build, so every call into the
/// library goes through one recursive lock. The first use also silences HDF5's
/// own printing of error stacks: loonsim turns failures into ``HDF5Error``s.
enum HDF5Library {
    private static let lock: NSRecursiveLock = {
        let lock = NSRecursiveLock()
        H5open()
        loonsim_h5_silence_errors()
        return lock
    }()

    static func locked<T>(_ body: () throws -> T) rethrows -> T {
        let lock = Self.lock
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// HDF5's innermost message for the last failure (empty if none); clears the stack.
    static func takeErrorDetail() -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        loonsim_h5_take_error(&buffer, buffer.count)
        let end = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static var defaultProperties: hid_t { loonsim_h5p_default() }

    /// A new creation property list of class `kind` (file, group or dataset) whose objects record
    /// no creation and modification times, so that the same content gives the same bytes.
    static func untimedCreationProperties(_ kind: hid_t) -> ScopedHandle {
        let properties = ScopedHandle(H5Pcreate(kind), close: H5Pclose)
        if properties.isValid { H5Pset_obj_track_times(properties.id, false) }
        return properties
    }
}

extension HDF5Error {
    /// An error for a failed HDF5 call, with HDF5's own detail appended when it has one.
    static func failed(file: String, object: String?, _ what: String) -> HDF5Error {
        let detail = HDF5Library.takeErrorDetail()
        let problem = detail.isEmpty ? what : "\(what) (\(detail.lowercased()))"
        return HDF5Error(file: file, object: object, problem: problem)
    }
}
