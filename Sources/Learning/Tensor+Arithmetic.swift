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

    /// The sum of squares in double precision, in blocks of 4 096 values summed on up to `threads`
    /// threads (four running sums per block), the block sums then added in order.
    ///
    /// Deterministic and independent of `threads`, but rounded differently from ``squaredNorm``:
    /// for figures that are only reported, where ``squaredNorm``'s one long chain of dependent
    /// additions is a serial cost (BLE's 2.9 M-parameter MLP: ~3 ms per update).
    public func squaredNormInBlocks(threads: Int) -> Double {
        let blockSize = 4_096
        let blockCount = (count + blockSize - 1) / blockSize
        guard blockCount > 1 else { return squaredNorm }
        var blockSums = [Double](repeating: 0, count: blockCount)
        withUnsafeBufferPointer { s in
            blockSums.withUnsafeMutableBufferPointer { sums in
                let buffers = UncheckedBox((s, sums))
                parallelRanges(blockCount, threads: threads, minimumPerThread: 16) { blocks in
                    let (s, sums) = buffers.value
                    for block in blocks {
                        let (start, end) = (block * blockSize, min(s.count, (block + 1) * blockSize))
                        var (a, b, c, d) = (0.0, 0.0, 0.0, 0.0)
                        var i = start
                        while i + 4 <= end {
                            a += Double(s[i]) * Double(s[i])
                            b += Double(s[i + 1]) * Double(s[i + 1])
                            c += Double(s[i + 2]) * Double(s[i + 2])
                            d += Double(s[i + 3]) * Double(s[i + 3])
                            i += 4
                        }
                        while i < end { a += Double(s[i]) * Double(s[i]); i += 1 }
                        sums[block] = (a + b) + (c + d)
                    }
                }
            }
        }
        return blockSums.reduce(0, +)
    }
}
