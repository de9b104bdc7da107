import CHDF5

/// An open HDF5 object (file, group or dataset) that owns its handle.
///
/// The handle is closed exactly once: by ``close()`` or, failing that, when the
/// last reference goes away. Objects opened from a file keep the file open.
public class HDF5Object: @unchecked Sendable {
    /// The raw HDF5 identifier; valid until ``close()``.
    public private(set) var id: hid_t
    /// The path of the file this object lives in, as the caller gave it.
    public let filePath: String
    /// The object's path inside the file (`/` for the root).
    public let objectPath: String
    private let closeHandle: (hid_t) -> herr_t
    // Objects inside a file hold their parent, so the file outlives them.
    private let parent: HDF5Object?

    init(id: hid_t, filePath: String, objectPath: String, parent: HDF5Object?, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.filePath = filePath
        self.objectPath = objectPath
        self.parent = parent
        self.closeHandle = close
    }

    /// Closes the handle now; later calls do nothing.
    public func close() {
        HDF5Library.locked {
            if id >= 0 { _ = closeHandle(id) }
            id = -1
        }
    }

    deinit { close() }

    /// How this object is named in error messages.
    var objectDescription: String? { objectPath == "/" ? nil : "'\(objectPath)'" }

    func error(_ problem: String) -> HDF5Error {
        HDF5Error(file: filePath, object: objectDescription, problem: problem)
    }

    func failure(_ what: String) -> HDF5Error {
        HDF5Error.failed(file: filePath, object: objectDescription, what)
    }

    func childPath(_ name: String) -> String {
        objectPath == "/" ? "/" + name : objectPath + "/" + name
    }
}

/// A handle that closes itself at the end of a scope (dataspaces, types, property lists).
struct ScopedHandle: ~Copyable {
    let id: hid_t
    private let closeHandle: (hid_t) -> herr_t

    init(_ id: hid_t, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.closeHandle = close
    }

    var isValid: Bool { id >= 0 }

    deinit { if id >= 0 { _ = closeHandle(id) } }
}
