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
            var names: [String] = []
            for index in 0..<info.num_attrs {
                let length = H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0,
                                                HDF5Library.defaultProperties)
                guard length >= 0 else { throw failure("cannot read attribute name") }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                _ = H5Aget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count,
                                       HDF5Library.defaultProperties)
                names.append(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            return names
        }
    }

    /// Reads a text attribute (fixed or variable length, ASCII or UTF-8); nil when absent.
    ///
    /// An attribute holding several strings is joined with newlines.
    public func stringAttribute(_ name: String) throws -> String? {
        try HDF5Library.locked {
            guard hasAttribute(name) else { return nil }
            let attribute = try openAttribute(name)
            let fileType = ScopedHandle(H5Aget_type(attribute.id), close: H5Tclose)
            let space = ScopedHandle(H5Aget_space(attribute.id), close: H5Sclose)
            let what = attributeDescription(name)
            guard fileType.isValid, space.isValid else { throw HDF5Error.failed(file: filePath, object: what, "cannot read") }
            guard H5Tget_class(fileType.id) == H5T_STRING else {
                throw HDF5Error(file: filePath, object: what, problem: "is not text")
            }
            let count = max(Int(H5Sget_simple_extent_npoints(space.id)), 1)
            let memoryType = ScopedHandle(H5Tcopy(loonsim_h5t_c_s1()), close: H5Tclose)
            H5Tset_cset(memoryType.id, H5Tget_cset(fileType.id))
            var strings: [String] = []
            if H5Tis_variable_str(fileType.id) > 0 {
                H5Tset_size(memoryType.id, loonsim_h5t_variable())
                var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
                guard H5Aread(attribute.id, memoryType.id, &pointers) >= 0 else {
                    throw HDF5Error.failed(file: filePath, object: what, "cannot read")
                }
                strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
                H5Dvlen_reclaim(memoryType.id, space.id, HDF5Library.defaultProperties, &pointers)
            } else {
                let size = Int(H5Tget_size(fileType.id))
                H5Tset_size(memoryType.id, size)
                var bytes = [UInt8](repeating: 0, count: size * count)
                guard H5Aread(attribute.id, memoryType.id, &bytes) >= 0 else {
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

    /// Reads a numeric attribute as doubles (one per element); nil when absent.
    public func numericAttribute(_ name: String) throws -> [Double]? {
        try HDF5Library.locked {
            guard hasAttribute(name) else { return nil }
            let attribute = try openAttribute(name)
            let fileType = ScopedHandle(H5Aget_type(attribute.id), close: H5Tclose)
            let space = ScopedHandle(H5Aget_space(attribute.id), close: H5Sclose)
            let what = attributeDescription(name)
            guard fileType.isValid, space.isValid else { throw HDF5Error.failed(file: filePath, object: what, "cannot read") }
            let kind = HDF5ElementKind(typeID: fileType.id)
            guard kind.isNumeric else {
                throw HDF5Error(file: filePath, object: what, problem: "holds \(kind.name), expected a number")
            }
            let count = max(Int(H5Sget_simple_extent_npoints(space.id)), 1)
            var values = [Double](repeating: 0, count: count)
            guard H5Aread(attribute.id, loonsim_h5t_native_double(), &values) >= 0 else {
                throw HDF5Error.failed(file: filePath, object: what, "cannot read")
            }
            return values
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
