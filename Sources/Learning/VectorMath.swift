/// Reductions over short contiguous float arrays, with four independent SIMD lanes.
///
/// Swift keeps the order of floating-point additions, so a plain `sum += x[i]` loop runs
/// one addition at a time. These split the work over 4×4 partial sums (a fixed order:
/// the results are the same on every run and platform) and finish with the tail.
enum VectorMath {
    /// Σ xᵢ.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var (a, b, c, d) = (SIMD4<Float>(), SIMD4<Float>(), SIMD4<Float>(), SIMD4<Float>())
        let raw = UnsafeRawPointer(x)
        var i = 0
        while i + 16 <= count {
            a += raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
            b += raw.loadUnaligned(fromByteOffset: 4 * (i + 4), as: SIMD4<Float>.self)
            c += raw.loadUnaligned(fromByteOffset: 4 * (i + 8), as: SIMD4<Float>.self)
            d += raw.loadUnaligned(fromByteOffset: 4 * (i + 12), as: SIMD4<Float>.self)
            i += 16
        }
        var total = ((a + b) + (c + d)).sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// Σ xᵢ·yᵢ.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
        var (a, b, c, d) = (SIMD4<Float>(), SIMD4<Float>(), SIMD4<Float>(), SIMD4<Float>())
        let (rx, ry) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
        var i = 0
        while i + 16 <= count {
            a += rx.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
                * ry.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
            b += rx.loadUnaligned(fromByteOffset: 4 * (i + 4), as: SIMD4<Float>.self)
                * ry.loadUnaligned(fromByteOffset: 4 * (i + 4), as: SIMD4<Float>.self)
            c += rx.loadUnaligned(fromByteOffset: 4 * (i + 8), as: SIMD4<Float>.self)
                * ry.loadUnaligned(fromByteOffset: 4 * (i + 8), as: SIMD4<Float>.self)
            d += rx.loadUnaligned(fromByteOffset: 4 * (i + 12), as: SIMD4<Float>.self)
                * ry.loadUnaligned(fromByteOffset: 4 * (i + 12), as: SIMD4<Float>.self)
            i += 16
        }
        var total = ((a + b) + (c + d)).sum()
        while i < count { total += x[i] * y[i]; i += 1 }
        return total
    }

    /// max xᵢ (−∞ for an empty array).
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD4<Float>(repeating: -.infinity)
        let raw = UnsafeRawPointer(x)
        var i = 0
        while i + 4 <= count {
            lanes = pointwiseMax(lanes, raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self))
            i += 4
        }
        var result = lanes.max()
        while i < count { result = max(result, x[i]); i += 1 }
        return result
    }

    /// The first i with xᵢ == value (0 if none; call it with a value taken from x).
    @inline(__always)
    static func firstIndex(of value: Float, in x: UnsafePointer<Float>, count: Int) -> Int {
        for i in 0..<count where x[i] == value { return i }
        return 0
    }
}
