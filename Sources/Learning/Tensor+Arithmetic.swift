extension Tensor {
    /// The elementwise sum of two tensors of one shape.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        precondition(a.shape == b.shape, "cannot add shapes \(a.shape) and \(b.shape)")
        return Tensor(shape: a.shape) { sum in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<sum.count { sum[i] = a[i] + b[i] }
                }
            }
        }
    }

    /// Adds `other` (same count) into this tensor, elementwise.
    public mutating func add(_ other: Tensor) {
        precondition(count == other.count, "cannot add \(other.count) values to \(count)")
        other.withUnsafeBufferPointer { o in
            withUnsafeMutableBufferPointer { s in
                for i in 0..<s.count { s[i] += o[i] }
            }
        }
    }

    /// Multiplies every value by `factor`.
    public mutating func scale(by factor: Float) {
        withUnsafeMutableBufferPointer { s in
            for i in 0..<s.count { s[i] *= factor }
        }
    }

    /// The sum of squared values, accumulated in Double.
    public var squaredNorm: Double {
        withUnsafeBufferPointer { s in
            var sum = 0.0
            for value in s { sum += Double(value) * Double(value) }
            return sum
        }
    }
}
