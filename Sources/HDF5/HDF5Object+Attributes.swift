import CHDF5
import CHDF5Shim

extension HDF5Object {

    /// Whether the object carries an attribute called `name`.
    public func hasAttribute(_ name: String) -> Bool {
        HDF5Library.locked {
            let exists = H5Aexists(id, name) > 0
            _ = HDF5Library.takeErrorDetail()
            return exists
        }
    }

    /// The names of the object's attributes.
    public func attributeNames() throws -> [String] {
        try HDF5Library.locked {
            var info = H5O_info_t()
            guard H5Oget_info2(id, &info, UInt32(H5O_INFO_NUM_ATTRS)) >= 0 else {
                throw failure("cannot list attributes")
            }
            return try names(count: info.num_attrs, unreadable: "cannot read attribute name") { index, buffer, size in
                H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, HDF5Library.defaultProperties)
            }
        }
    }

    /// Reads a text attribute (fixed or variable length, ASCII or UTF-8); nil when absent.
    ///
    /// An attribute holding several strings is joined with newlines.
    public func stringAttribute(_ name: String) throws -> String? {
        try HDF5Library.locked {
            try readAttribute(name) { attributeID, fileTypeID, spaceID, what in
                guard H5Tget_class(fileTypeID) == H5T_STRING else {
                    throw HDF5Error(file: filePath, object: what, problem: "is not text")
                }
                let count = max(Int(H5Sget_simple_extent_npoints(spaceID)), 1)
                let memoryType = ScopedHandle(H5Tcopy(loonsim_h5t_c_s1()), close: H5Tclose)
                H5Tset_cset(memoryType.id, H5Tget_cset(fileTypeID))
                var strings: [String] = []
                if H5Tis_variable_str(fileTypeID) > 0 {
                    H5Tset_size(memoryType.id, loonsim_h5t_variable())
                    var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
                    guard H5Aread(attributeID, memoryType.id, &pointers) >= 0 else {
                        throw HDF5Error.failed(file: filePath, object: what, "cannot read")
                    }
                    strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
                    H5Dvlen_reclaim(memoryType.id, spaceID, HDF5Library.defaultProperties, &pointers)
                } else {
                    let size = Int(H5Tget_size(fileTypeID))
                    H5Tset_size(memoryType.id, size)
                    var bytes = [UInt8](repeating: 0, count: size * count)
                    guard H5Aread(attributeID, memoryType.id, &bytes) >= 0 else {
                        throw HDF5Error.failed(file: filePath, object: what, "cannot read")
                    }
                    for index in 0..<count {
                        let slice = bytes[(index * size)..<((index + 1) * size)]
                        let end = slice.firstIndex(of: 0) ?? slice.endIndex
                        let text = String(decoding: slice[slice.startIndex..<end], as: UTF8.self)
                        strings.append(String(text.reversed().drop(while: { $0 == " " }).reversed()))
                    }
                }
                return strings.joined(separator: "\n")
            }
        }
    }

    /// Reads a numeric attribute as doubles (one per element); nil when absent.
    public func numericAttribute(_ name: String) throws -> [Double]? {
        try HDF5Library.locked {
            try readAttribute(name) { attributeID, fileTypeID, spaceID, what in
                let kind = HDF5ElementKind(typeID: fileTypeID)
                guard kind.isNumeric else {
                    throw HDF5Error(file: filePath, object: what, problem: "holds \(kind.name), expected a number")
                }
                let count = max(Int(H5Sget_simple_extent_npoints(spaceID)), 1)
                var values = [Double](repeating: 0, count: count)
                guard H5Aread(attributeID, loonsim_h5t_native_double(), &values) >= 0 else {
                    throw HDF5Error.failed(file: filePath, object: what, "cannot read")
                }
                return values
            }
        }
    }

    /// Writes (or replaces) a UTF-8 text attribute.
    public func setAttribute(_ name: String, _ text: String) throws {
        try HDF5Library.locked {
            let bytes = Array(text.utf8)
            let type = ScopedHandle(H5Tcopy(loonsim_h5t_c_s1()), close: H5Tclose)
            H5Tset_size(type.id, max(bytes.count, 1))
            H5Tset_cset(type.id, H5T_CSET_UTF8)
            let space = ScopedHandle(H5Screate(H5S_SCALAR), close: H5Sclose)
            var padded = bytes
            if padded.isEmpty { padded = [0] }
            try writeAttribute(name, type: type.id, space: space.id) { attributeID in
                H5Awrite(attributeID, type.id, &padded)
            }
        }
    }

    /// Writes (or replaces) a numeric attribute: a scalar for one value, else a 1-D array.
    public func setAttribute<T: HDF5Element>(_ name: String, _ values: [T]) throws {
        try HDF5Library.locked {
            var dims = [hsize_t(values.count)]
            let space = values.count == 1
                ? ScopedHandle(H5Screate(H5S_SCALAR), close: H5Sclose)
                : ScopedHandle(H5Screate_simple(1, &dims, nil), close: H5Sclose)
            try writeAttribute(name, type: T.hdf5NativeType, space: space.id) { attributeID in
                values.withUnsafeBytes { H5Awrite(attributeID, T.hdf5NativeType, $0.baseAddress) }
            }
        }
    }

    /// Writes (or replaces) a numeric scalar attribute.
    public func setAttribute<T: HDF5Element>(_ name: String, _ value: T) throws {
        try setAttribute(name, [value])
    }

    /// Runs `read` on attribute `name` with its file type, dataspace and description; nil when absent.
    private func readAttribute<T>(_ name: String,
                                  _ read: (_ attribute: hid_t, _ fileType: hid_t, _ space: hid_t, _ what: String) throws -> T)
        throws -> T?
    {
        guard hasAttribute(name) else { return nil }
        let attribute = try openAttribute(name)
        let fileType = ScopedHandle(H5Aget_type(attribute.id), close: H5Tclose)
        let space = ScopedHandle(H5Aget_space(attribute.id), close: H5Sclose)
        let what = attributeDescription(name)
        guard fileType.isValid, space.isValid else { throw HDF5Error.failed(file: filePath, object: what, "cannot read") }
        return try read(attribute.id, fileType.id, space.id, what)
    }

    private func writeAttribute(_ name: String, type: hid_t, space: hid_t, write: (hid_t) -> herr_t) throws {
        if hasAttribute(name) { H5Adelete(id, name) }
        let p = HDF5Library.defaultProperties
        let attribute = ScopedHandle(H5Acreate2(id, name, type, space, p, p), close: H5Aclose)
        guard attribute.isValid, write(attribute.id) >= 0 else {
            throw HDF5Error.failed(file: filePath, object: attributeDescription(name), "cannot write")
        }
    }

    private func openAttribute(_ name: String) throws -> ScopedHandle {
        let attribute = ScopedHandle(H5Aopen(id, name, HDF5Library.defaultProperties), close: H5Aclose)
        guard attribute.isValid else {
            throw HDF5Error.failed(file: filePath, object: attributeDescription(name), "cannot open")
        }
        return attribute
    }

    private func attributeDescription(_ name: String) -> String {
        objectPath == "/" ? "attribute '\(name)'" : "attribute '\(name)' of '\(objectPath)'"
    }
}
