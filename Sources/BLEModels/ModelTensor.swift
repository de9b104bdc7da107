/// A float32 tensor taken from a model file: its shape and its values in row-major order.
public struct ModelTensor: Equatable, Sendable {
    /// The extent of each dimension, slowest first; `[]` for a scalar.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values, last index fastest.
    public var values: [Float]

    /// Pairs `values` with `shape`; the counts must agree.
    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
    }

    /// The number of values the shape holds.
    public var count: Int { values.count }
}
