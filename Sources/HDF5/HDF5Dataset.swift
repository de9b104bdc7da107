import CHDF5
import CHDF5Shim

/// A dataset: an n-dimensional array of numbers stored in row-major order.
public final class HDF5Dataset: HDF5Object, @unchecked Sendable {

    /// The extent of each dimension, slowest first (row-major).
    public func shape() throws -> [Int] {
        try HDF5Library.locked {
            let space = ScopedHandle(H5Dget_space(id), close: H5Sclose)
            guard space.isValid else { throw failure("cannot read shape") }
            let rank = Int(H5Sget_simple_extent_ndims(space.id))
            guard rank >= 0 else { throw failure("cannot read shape") }
            var dims = [hsize_t](repeating: 0, count: rank)
            H5Sget_simple_extent_dims(space.id, &dims, nil)
            return dims.map { Int($0) }
        }
    }

    /// The kind of the values as stored in the file.
    public func elementKind() throws -> HDF5ElementKind {
        try HDF5Library.locked {
            let type = ScopedHandle(H5Dget_type(id), close: H5Tclose)
            guard type.isValid else { throw failure("cannot read element type") }
            return HDF5ElementKind(typeID: type.id)
        }
    }

    /// Reads every value, converted to `T` by HDF5.
    public func read<T: HDF5Element>(as _: T.Type = T.self) throws -> [T] {
        try HDF5Library.locked {
            let kind = try elementKind()
            guard kind.isNumeric else { throw error("holds \(kind.name) values, expected numbers") }
            let count = try shape().reduce(1, *)
            var values = [T](repeating: 0, count: count)
            guard count > 0 else { return values }
            let p = HDF5Library.defaultProperties
            let status = values.withUnsafeMutableBytes { raw in
                H5Dread(id, T.hdf5NativeType, loonsim_h5s_all(), loonsim_h5s_all(), p, raw.baseAddress)
            }
            guard status >= 0 else { throw failure("cannot read values (file truncated or damaged?)") }
            return values
        }
    }

    /// Reads the block that starts at `start` and spans `count` along each dimension (a hyperslab).
    public func read<T: HDF5Element>(start: [Int], count: [Int], as _: T.Type = T.self) throws -> [T] {
        try HDF5Library.locked {
            let shape = try shape()
            guard start.count == shape.count, count.count == shape.count,
                  zip(zip(start, count), shape).allSatisfy({ $0.0 >= 0 && $0.1 >= 0 && $0.0 + $0.1 <= $1 })
            else { throw error("block at \(start) of size \(count) lies outside shape \(shape)") }
            let total = count.reduce(1, *)
            var values = [T](repeating: 0, count: total)
            guard total > 0 else { return values }
            let fileSpace = ScopedHandle(H5Dget_space(id), close: H5Sclose)
            var startDims = start.map { hsize_t($0) }
            var countDims = count.map { hsize_t($0) }
            guard fileSpace.isValid,
                  H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &startDims, nil, &countDims, nil) >= 0
            else { throw failure("cannot select block") }
            let memorySpace = ScopedHandle(H5Screate_simple(Int32(countDims.count), &countDims, nil), close: H5Sclose)
            let status = values.withUnsafeMutableBytes { raw in
                H5Dread(id, T.hdf5NativeType, memorySpace.id, fileSpace.id, HDF5Library.defaultProperties,
                        raw.baseAddress)
            }
            guard status >= 0 else { throw failure("cannot read block (file truncated or damaged?)") }
            return values
        }
    }
}

extension HDF5Dataset {
    /// The path of the dimension scale (coordinate variable) attached to each
    /// dimension, as NetCDF4 writes them; nil for a dimension without one.
    public func dimensionScaleNames() throws -> [String?] {
        let rank = try shape().count
        return HDF5Library.locked {
            (0..<rank).map { dimension in
                var buffer = [CChar](repeating: 0, count: 1024)
                let length = loonsim_h5ds_first_scale_name(id, UInt32(dimension), &buffer, buffer.count)
                guard length > 0 else { return nil }
                let name = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return name.hasPrefix("/") ? String(name.dropFirst()) : name
            }
        }
    }

    /// Marks this dataset as the dimension scale (coordinate variable) called `name`.
    public func makeDimensionScale(named name: String) throws {
        try HDF5Library.locked {
            guard H5DSset_scale(id, name) >= 0 else { throw failure("cannot make a dimension scale") }
        }
    }

    /// Attaches the dimension scale `scale` to dimension `dimension` of this dataset.
    public func attachDimensionScale(_ scale: HDF5Dataset, to dimension: Int) throws {
        try HDF5Library.locked {
            guard H5DSattach_scale(id, scale.id, UInt32(dimension)) >= 0 else {
                throw failure("cannot attach dimension scale \(scale.objectPath)")
            }
        }
    }
}
