import Foundation

/// Exact scaled dot-product attention (Vaswani et al. 2017), per sequence and head:
/// `out = softmax(Q·Kᵀ/√d)·V`, with masked keys given weight 0.
///
/// Quadratic in the sequence length n: it keeps the n×n probability matrix of every
/// sequence and head for the backward pass. It is the reference FAVOR+ approximates,
/// and the baseline of the attention benchmark. A query with no attendable key gets 0.
public struct SoftmaxAttention: AttentionKernel {
    public let headCount: Int
    public let headWidth: Int
    private var query = Tensor()
    private var key = Tensor()
    private var value = Tensor()
    private var layout = SequenceLayout(lengths: [])
    private var probabilities: [Float] = []     // per (sequence, head): n×n, row-major
    private var probabilityOffsets: [Int] = []  // start of each (sequence, head) block
    private var scoreGradient: [Float] = []     // n×n scratch for the largest sequence
    private var output = Tensor()
    private var queryGradient = Tensor()
    private var keyGradient = Tensor()
    private var valueGradient = Tensor()

    public init(headCount: Int, headWidth: Int) {
        self.headCount = headCount
        self.headWidth = headWidth
    }

    public var intermediateByteCount: Int {
        (probabilities.count + scoreGradient.count) * MemoryLayout<Float>.size
    }

    public mutating func forward(query: Tensor, key: Tensor, value: Tensor, layout: SequenceLayout) -> Tensor {
        let width = headCount * headWidth
        for (name, tensor) in [("query", query), ("key", key), ("value", value)] {
            precondition(tensor.shape == [layout.rowCount, width],
                         "SoftmaxAttention: \(name) has shape \(tensor.shape), expected [\(layout.rowCount), \(width)]")
        }
        (self.query, self.key, self.value, self.layout) = (query, key, value, layout)
        var offsets: [Int] = []
        var total = 0
        for s in 0..<layout.sequenceCount {
            let n = layout.rows(of: s).count
            for _ in 0..<headCount { offsets.append(total); total += n * n }
        }
        probabilityOffsets = offsets
        if probabilities.count != total { probabilities = [Float](repeating: 0, count: total) }
        output.resize(to: [layout.rowCount, width])
        let (headCount, headWidth) = (self.headCount, self.headWidth)
        let scale = 1 / Float(headWidth).squareRoot()
        query.withUnsafeBufferPointer { q in
        key.withUnsafeBufferPointer { k in
        value.withUnsafeBufferPointer { v in
        layout.keyMask.withUnsafeBufferPointer { mask in
        probabilities.withUnsafeMutableBufferPointer { p in
        output.withUnsafeMutableBufferPointer { out in
            for s in 0..<layout.sequenceCount {
                let rows = layout.rows(of: s)
                let n = rows.count
                guard n > 0 else { continue }
                for h in 0..<headCount {
                    let column = rows.lowerBound * width + h * headWidth
                    let block = p.baseAddress! + offsets[s * headCount + h]
                    // Scores Q·Kᵀ/√d, softmax over the attendable keys, then P·V.
                    BLAS.gemm(transposeB: true, m: n, n: n, k: headWidth, alpha: scale, a: q.baseAddress! + column,
                              lda: width, b: k.baseAddress! + column, ldb: width, c: block, ldc: n)
                    Self.softmaxRows(block, n: n, mask: mask.baseAddress! + rows.lowerBound)
                    BLAS.gemm(m: n, n: headWidth, k: n, a: block, lda: n, b: v.baseAddress! + column, ldb: width,
                              c: out.baseAddress! + column, ldc: width)
                }
            }
        }}}}}}
        return output
    }

    public mutating func backward(_ outputGradient: Tensor) -> (query: Tensor, key: Tensor, value: Tensor) {
        precondition(outputGradient.shape == output.shape, "SoftmaxAttention backward: gradient \(outputGradient.shape) for output \(output.shape)")
        let width = headCount * headWidth
        let (headCount, headWidth, layout) = (self.headCount, self.headWidth, self.layout)
        let scale = 1 / Float(headWidth).squareRoot()
        let longest = (0..<layout.sequenceCount).map { layout.rows(of: $0).count }.max() ?? 0
        if scoreGradient.count != longest * longest { scoreGradient = [Float](repeating: 0, count: longest * longest) }
        queryGradient.resize(to: output.shape)
        keyGradient.resize(to: output.shape)
        valueGradient.resize(to: output.shape)
        let offsets = probabilityOffsets
        query.withUnsafeBufferPointer { q in
        key.withUnsafeBufferPointer { k in
        value.withUnsafeBufferPointer { v in
        probabilities.withUnsafeBufferPointer { p in
        outputGradient.withUnsafeBufferPointer { dOut in
        scoreGradient.withUnsafeMutableBufferPointer { dScore in
        queryGradient.withUnsafeMutableBufferPointer { dq in
        keyGradient.withUnsafeMutableBufferPointer { dk in
        valueGradient.withUnsafeMutableBufferPointer { dv in
            for s in 0..<layout.sequenceCount {
                let rows = layout.rows(of: s)
                let n = rows.count
                guard n > 0 else { continue }
                for h in 0..<headCount {
                    let column = rows.lowerBound * width + h * headWidth
                    let block = p.baseAddress! + offsets[s * headCount + h]
                    let dS = dScore.baseAddress!
                    // dV = Pᵀ·dOut
                    BLAS.gemm(transposeA: true, m: n, n: headWidth, k: n, a: block, lda: n,
                              b: dOut.baseAddress! + column, ldb: width, c: dv.baseAddress! + column, ldc: width)
                    // dP = dOut·Vᵀ, then dS = P ⊙ (dP − rowsum(P ⊙ dP))
                    BLAS.gemm(transposeB: true, m: n, n: n, k: headWidth, a: dOut.baseAddress! + column, lda: width,
                              b: v.baseAddress! + column, ldb: width, c: dS, ldc: n)
                    for i in 0..<n {
                        let pRow = block + i * n
                        let dRow = dS + i * n
                        var weighted: Float = 0
                        for j in 0..<n { weighted += pRow[j] * dRow[j] }
                        for j in 0..<n { dRow[j] = pRow[j] * (dRow[j] - weighted) }
                    }
                    // dQ = scale·dS·K, dK = scale·dSᵀ·Q
                    BLAS.gemm(m: n, n: headWidth, k: n, alpha: scale, a: dS, lda: n,
                              b: k.baseAddress! + column, ldb: width, c: dq.baseAddress! + column, ldc: width)
                    BLAS.gemm(transposeA: true, m: n, n: headWidth, k: n, alpha: scale, a: dS, lda: n,
                              b: q.baseAddress! + column, ldb: width, c: dk.baseAddress! + column, ldc: width)
                }
            }
        }}}}}}}}}
        return (queryGradient, keyGradient, valueGradient)
    }

    /// Turns each row of scores into probabilities over the unmasked keys (max subtracted before exp).
    private static func softmaxRows(_ scores: UnsafeMutablePointer<Float>, n: Int, mask: UnsafePointer<Float>) {
        for i in 0..<n {
            let row = scores + i * n
            var largest = -Float.infinity
            for j in 0..<n where mask[j] != 0 { largest = max(largest, row[j]) }
            guard largest > -Float.infinity else {
                row.update(repeating: 0, count: n)
                continue
            }
            var sum: Float = 0
            for j in 0..<n {
                let e = mask[j] != 0 ? fastExp(row[j] - largest) : 0
                row[j] = e
                sum += e
            }
            let inverse = 1 / sum
            for j in 0..<n { row[j] *= inverse }
        }
    }
}
