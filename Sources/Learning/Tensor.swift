/// A dense array of `Float`s with a shape, stored contiguously in row-major order (last index fastest).
///
/// `Tensor` is a value type with copy-on-write storage: copying one is cheap, and the
/// copy is made only when one of two sharers is mutated. Layers keep the tensors they
/// return and reuse their storage on the next call, so callers should not hold on to a
/// layer's output across calls if they care about allocations.
///
/// Hot loops should go through ``withUnsafeBufferPointer(_:)`` and
/// ``withUnsafeMutableBufferPointer(_:)`` (or BLAS), not through the subscript.
public struct Tensor: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The extent of each dimension, slowest first.
    public private(set) var shape: [Int]
    /// The values in row-major order; `scalars.count == shape.reduce(1, *)`.
    public private(set) var scalars: [Float]

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) holds \(shape.reduce(1, *)) values but \(scalars.count) were given")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` whose values `body` writes, without zeroing them first.
    ///
    /// `body` must write every value: the storage starts with whatever memory held.
    /// Layers use this for outputs they overwrite entirely, which saves clearing or
    /// copying a buffer that the next layer still holds as its cached input.
    init(shape: [Int], overwrittenBy body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        let count = shape.reduce(1, *)
        self.shape = shape
        self.scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            body(buffer)
            initializedCount = count
        }
    }

    /// A tensor of `shape` with every value equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of `shape` filled with zeros.
    public init(zeros shape: [Int]) {
        self.init(shape: shape, repeating: 0)
    }

    /// An empty rank-1 tensor.
    public init() {
        self.init(shape: [0], scalars: [])
    }

    /// The number of values.
    public var count: Int { scalars.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The extent of the last dimension (the width of one row).
    public var rowWidth: Int { shape.last ?? 1 }

    /// The number of rows: the product of all dimensions but the last.
    public var rowCount: Int { rowWidth == 0 ? 0 : count / rowWidth }

    /// The value at a full multi-index (bounds-checked; for tests and set-up, not hot loops).
    public subscript(indices: Int...) -> Float {
        get { scalars[flatIndex(indices)] }
        set { scalars[flatIndex(indices)] = newValue }
    }

    /// The value at a flat (row-major) position.
    public subscript(flat index: Int) -> Float {
        get { scalars[index] }
        set { scalars[index] = newValue }
    }

    /// The same values viewed with another shape of the same count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Gives the tensor `newShape`, keeping the storage and its capacity: the first values stay as
    /// they were, and values past the old count are zeros.
    ///
    /// Layers use this to reuse their buffers from one call to the next, whose row counts vary
    /// (tokens per batch): the storage grows to the largest count seen and is then never
    /// allocated, faulted in or cleared again. Callers that need zeros call ``zero()``.
    public mutating func resize(to newShape: [Int]) {
        let newCount = newShape.reduce(1, *)
        if newCount < scalars.count {
            scalars.removeLast(scalars.count - newCount)
        } else if newCount > scalars.count {
            scalars.append(contentsOf: repeatElement(0, count: newCount - scalars.count))
        }
        shape = newShape
    }

    /// Sets every value to zero, keeping the shape.
    public mutating func zero() {
        scalars.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Calls `body` with the values in row-major order.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the values in row-major order, for writing. The count must not change.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer { buffer in try body(buffer) }
    }

    /// The raw bytes of the values (little-endian IEEE 754 on every platform loonsim runs on).
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try scalars.withUnsafeBytes(body)
    }

    /// Whether both tensors have the same shape and bit-identical values (NaNs included).
    public func isBitIdentical(to other: Tensor) -> Bool {
        shape == other.shape && scalars.elementsEqual(other.scalars) { $0.bitPattern == $1.bitPattern }
    }

    public var description: String {
        let head = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }

    private func flatIndex(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "index \(indices) does not match shape \(shape)")
        var flat = 0
        for (index, extent) in zip(indices, shape) {
            precondition(index >= 0 && index < extent, "index \(indices) out of bounds for shape \(shape)")
            flat = flat * extent + index
        }
        return flat
    }
}
