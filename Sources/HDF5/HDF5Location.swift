import CHDF5
import CHDF5Shim

/// A file or group: something that holds named groups and datasets.
public class HDF5Location: HDF5Object, @unchecked Sendable {

    /// Whether a direct member called `name` exists.
    public func contains(_ name: String) -> Bool {
        HDF5Library.locked {
            let exists = H5Lexists(id, name, HDF5Library.defaultProperties) > 0
            _ = HDF5Library.takeErrorDetail()
            return exists
        }
    }

    /// The names of the direct members, in HDF5's name order.
    public func memberNames() throws -> [String] {
        try HDF5Library.locked {
            var info = H5G_info_t()
            guard H5Gget_info(id, &info) >= 0 else { throw failure("cannot list members") }
            return try names(count: info.nlinks, unreadable: "cannot read member name") { index, buffer, size in
                H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, HDF5Library.defaultProperties)
            }
        }
    }

    /// Opens the member group `name`.
    public func group(_ name: String) throws -> HDF5Group {
        try HDF5Library.locked {
            guard contains(name) else { throw error("group '\(childPath(name))' is missing") }
            let groupID = H5Gopen2(id, name, HDF5Library.defaultProperties)
            guard groupID >= 0 else {
                throw HDF5Error.failed(file: filePath, object: "'\(childPath(name))'", "cannot open as a group")
            }
            return HDF5Group(id: groupID, filePath: filePath, objectPath: childPath(name), parent: self,
                             close: H5Gclose)
        }
    }

    /// Creates the member group `name`.
    @discardableResult
    public func createGroup(_ name: String) throws -> HDF5Group {
        try HDF5Library.locked {
            let p = HDF5Library.defaultProperties
            let creation = HDF5Library.untimedCreationProperties(loonsim_h5p_group_create())
            let groupID = H5Gcreate2(id, name, p, creation.id, p)
            guard groupID >= 0 else {
                throw HDF5Error.failed(file: filePath, object: "'\(childPath(name))'", "cannot create group")
            }
            return HDF5Group(id: groupID, filePath: filePath, objectPath: childPath(name), parent: self,
                             close: H5Gclose)
        }
    }

    /// Opens the member dataset `name`; the error says so when it is missing.
    public func dataset(_ name: String) throws -> HDF5Dataset {
        try HDF5Library.locked {
            guard contains(name) else {
                throw HDF5Error(file: filePath, object: nil, problem: "dataset '\(childPath(name))' is missing")
            }
            let datasetID = H5Dopen2(id, name, HDF5Library.defaultProperties)
            guard datasetID >= 0 else {
                throw HDF5Error.failed(file: filePath, object: "'\(childPath(name))'", "cannot open as a dataset")
            }
            return HDF5Dataset(id: datasetID, filePath: filePath, objectPath: childPath(name), parent: self,
                               close: H5Dclose)
        }
    }

    /// Creates a dataset of `shape` (row-major, last index fastest) and writes `values` into it.
    ///
    /// - Parameters:
    ///   - chunks: chunk shape; nil stores the data contiguously. Required for `deflateLevel`.
    ///   - deflateLevel: zlib level 1–9 for chunked storage, or nil for none.
    @discardableResult
    public func createDataset<T: HDF5Element>(
        _ name: String, shape: [Int], values: [T], chunks: [Int]? = nil, deflateLevel: Int? = nil
    ) throws -> HDF5Dataset {
        try HDF5Library.locked {
            let objectName = "'\(childPath(name))'"
            let count = shape.reduce(1, *)
            guard count == values.count else {
                throw HDF5Error(file: filePath, object: objectName,
                                problem: "shape \(shape) holds \(count) values but \(values.count) were given")
            }
            var dims = shape.map { hsize_t($0) }
            let space = ScopedHandle(H5Screate_simple(Int32(dims.count), &dims, nil), close: H5Sclose)
            let properties = HDF5Library.untimedCreationProperties(loonsim_h5p_dataset_create())
            guard space.isValid, properties.isValid else { throw failure("cannot prepare dataset \(name)") }
            if let chunks {
                guard chunks.count == shape.count, zip(chunks, shape).allSatisfy({ $0 >= 1 && $0 <= max($1, 1) })
                else {
                    throw HDF5Error(file: filePath, object: objectName,
                                    problem: "chunk shape \(chunks) does not fit shape \(shape)")
                }
                var chunkDims = chunks.map { hsize_t($0) }
                H5Pset_chunk(properties.id, Int32(chunkDims.count), &chunkDims)
                if let deflateLevel { H5Pset_deflate(properties.id, UInt32(deflateLevel)) }
            }
            let p = HDF5Library.defaultProperties
            let datasetID = H5Dcreate2(id, name, T.hdf5NativeType, space.id, p, properties.id, p)
            guard datasetID >= 0 else {
                throw HDF5Error.failed(file: filePath, object: objectName, "cannot create dataset")
            }
            let dataset = HDF5Dataset(id: datasetID, filePath: filePath, objectPath: childPath(name),
                                      parent: self, close: H5Dclose)
            if count > 0 {
                let status = values.withUnsafeBytes { raw in
                    H5Dwrite(datasetID, T.hdf5NativeType, loonsim_h5s_all(), loonsim_h5s_all(), p, raw.baseAddress)
                }
                guard status >= 0 else {
                    throw HDF5Error.failed(file: filePath, object: objectName, "cannot write values")
                }
            }
            return dataset
        }
    }
}

/// A group inside an HDF5 file.
public final class HDF5Group: HDF5Location, @unchecked Sendable {}
