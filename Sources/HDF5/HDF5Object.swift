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

    /// The `count` names that one of HDF5's `…get_name_by_idx` functions gives, asked twice per
    /// index (`nameAt(index, nil, 0)` for the length, then with a buffer of that length + 1).
    func names(count: hsize_t, unreadable: String,
               _ nameAt: (_ index: hsize_t, _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int) -> Int) throws -> [String] {
        var names: [String] = []
        for index in 0..<count {
            let length = nameAt(index, nil, 0)
            guard length >= 0 else { throw failure(unreadable) }
            var buffer = [CChar](repeating: 0, count: length + 1)
            _ = nameAt(index, &buffer, buffer.count)
            names.append(String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return names
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
