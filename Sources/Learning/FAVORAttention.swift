import CDenseKernels

/// FAVOR+ attention (Choromanski et al., "Rethinking Attention with Performers", ICLR 2021):
/// softmax attention approximated in time and memory linear in the sequence length.
///
/// With q, k scaled by d^(−1/4) (so that exp(q·k) is the softmax kernel exp(Q·K/√d)),
/// positive random features
///
///     φ(x) = (exp(ωᵢ·x − ‖x‖²/2 − c) + ε) / √m,   i = 1…m,
///
/// give E[φ(q)·φ(k)] ∝ exp(q·k), and bidirectional attention becomes
///
///     out = D⁻¹ φ(Q) (φ(K)ᵀ V),   D = diag(φ(Q) (φ(K)ᵀ 1)),
///
/// which never forms the n×n matrix. Stabilisation, like the authors' implementation (which
/// subtracts the largest ω·x; here the largest exponent, so the top feature is exactly 1):
/// c is the largest exponent `ωᵢ·x − ‖x‖²/2` of the row for a query, and of all attendable
/// keys of the sequence for a key (such constants cancel in D⁻¹, so the largest exponential
/// is 1 and nothing overflows); ε = ``stabilizer`` keeps D positive. The backward pass
/// differentiates through c as well (it flows to the entry that attains the maximum), so
/// the gradients are exact for this function, ε included. Masked keys get φ = 0; a query
/// with no attendable key gets 0.
///
/// Each head has its own m×d feature matrix, a checkpointed buffer; ``redrawFeatures(using:)``
/// draws a new one (the encoder does so on a schedule).
public struct FAVORAttention: AttentionKernel {
    public let headCount: Int
    public let headWidth: Int
    /// m, the number of random features per head.
    public let featureCount: Int
    /// How the features are drawn.
    public let featureKind: RandomFeatureKind
    /// ε, added to every feature before the 1/√m normalisation (the authors use 1e−6).
    public let stabilizer: Float
    /// ω for every head: `[headCount, featureCount, headWidth]`.
    public var features: Tensor

    private var query = Tensor()
    private var key = Tensor()
    private var value = Tensor()
    private var layout = SequenceLayout(lengths: [])
    private var queryFeatures = Tensor()    // φ(Q): [rows, heads·m]
    private var keyFeatures = Tensor()      // φ(K), masked: [rows, heads·m]
    private var keyValueSums = Tensor()     // φ(K)ᵀV per (sequence, head): [sequences, heads, m, d]
    private var keyFeatureSums = Tensor()   // φ(K)ᵀ1 per (sequence, head): [sequences, heads, m]
    private var denominators = Tensor()     // D per row and head: [rows, heads]
    private var queryMaxima: [Int] = []     // per (row, head): the feature that set c
    private var keyMaxima: [Int] = []       // per (sequence, head): row·m + feature that set c, or −1
    private var output = Tensor()
    // Backward scratch.
    private var numeratorGradient = Tensor()      // [rows, heads·d]
    private var denominatorGradient = Tensor()    // [rows, heads]
    private var featureGradient = Tensor()        // dφ, then du, for one (sequence, head): [n, m]
    private var keyValueSumGradient = Tensor()    // [m, d]
    private var keyFeatureSumGradient = Tensor()  // [m]
    private var exponentGradientRowSums = Tensor() // Σ_f du per row: [n]
    private var queryGradient = Tensor()
    private var keyGradient = Tensor()
    private var valueGradient = Tensor()

    /// A kernel with features drawn from `generator`.
    public init(headCount: Int, headWidth: Int, featureCount: Int, featureKind: RandomFeatureKind = .orthogonal,
                stabilizer: Float = 1e-6, using generator: inout Xoshiro256StarStar) {
        precondition(headCount > 0 && headWidth > 0 && featureCount > 0, "FAVORAttention needs positive sizes")
        self.stabilizer = stabilizer
        self.headCount = headCount
        self.headWidth = headWidth
        self.featureCount = featureCount
        self.featureKind = featureKind
        features = Tensor(zeros: [headCount, featureCount, headWidth])
        redrawFeatures(using: &generator)
    }

    public mutating func redrawFeatures(using generator: inout Xoshiro256StarStar) {
        var all: [Float] = []
        for _ in 0..<headCount {
            all += RandomFeatures.draw(count: featureCount, dimension: headWidth, kind: featureKind,
                                       using: &generator).scalars
        }
        features = Tensor(shape: [headCount, featureCount, headWidth], scalars: all)
    }

    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {
        visit("features", &features)
    }

    public var intermediateByteCount: Int {
        let tensors = [queryFeatures, keyFeatures, keyValueSums, keyFeatureSums, denominators, numeratorGradient,
                       denominatorGradient, featureGradient, keyValueSumGradient, keyFeatureSumGradient,
                       exponentGradientRowSums]
        return tensors.reduce(0) { $0 + $1.count } * MemoryLayout<Float>.size
            + (queryMaxima.count + keyMaxima.count) * MemoryLayout<Int>.size
    }

    public mutating func forward(query: Tensor, key: Tensor, value: Tensor, layout: SequenceLayout) -> Tensor {
        let (heads, d, m) = (headCount, headWidth, featureCount)
        let width = heads * d
        let rowCount = layout.rowCount
        for (name, tensor) in [("query", query), ("key", key), ("value", value)] {
            precondition(tensor.shape == [rowCount, width],
                         "FAVORAttention: \(name) has shape \(tensor.shape), expected [\(rowCount), \(width)]")
        }
        (self.query, self.key, self.value, self.layout) = (query, key, value, layout)
        queryFeatures.resize(to: [rowCount, heads * m])
        keyFeatures.resize(to: [rowCount, heads * m])
        keyValueSums.resize(to: [layout.sequenceCount, heads, m, d])
        keyFeatureSums.resize(to: [layout.sequenceCount, heads, m])
        denominators.resize(to: [rowCount, heads])
        if queryMaxima.count != rowCount * heads { queryMaxima = [Int](repeating: 0, count: rowCount * heads) }
        if keyMaxima.count != layout.sequenceCount * heads { keyMaxima = [Int](repeating: -1, count: layout.sequenceCount * heads) }
        output.resize(to: [rowCount, width])
        let scale = 1 / Float(d).squareRoot().squareRoot()  // d^(−1/4)
        let stabilizer = self.stabilizer

        query.withUnsafeBufferPointer { q in
        key.withUnsafeBufferPointer { k in
        value.withUnsafeBufferPointer { v in
        features.withUnsafeBufferPointer { omega in
        layout.keyMask.withUnsafeBufferPointer { mask in
        queryFeatures.withUnsafeMutableBufferPointer { phiQ in
        keyFeatures.withUnsafeMutableBufferPointer { phiK in
        keyValueSums.withUnsafeMutableBufferPointer { kv in
        keyFeatureSums.withUnsafeMutableBufferPointer { kSum in
        denominators.withUnsafeMutableBufferPointer { denominator in
        queryMaxima.withUnsafeMutableBufferPointer { queryMaximum in
        keyMaxima.withUnsafeMutableBufferPointer { keyMaximum in
        output.withUnsafeMutableBufferPointer { out in
            for s in 0..<layout.sequenceCount {
                let rows = layout.rows(of: s)
                let (n, r0) = (rows.count, rows.lowerBound)
                guard n > 0 else { continue }
                for h in 0..<heads {
                    let head = r0 * width + h * d
                    let (qh, kh, vh, outH) = (q.baseAddress! + head, k.baseAddress! + head, v.baseAddress! + head,
                                              out.baseAddress! + head)
                    let omegaH = omega.baseAddress! + h * m * d
                    let phiQh = phiQ.baseAddress! + r0 * heads * m + h * m
                    let phiKh = phiK.baseAddress! + r0 * heads * m + h * m
                    let kvH = kv.baseAddress! + (s * heads + h) * m * d
                    let kSumH = kSum.baseAddress! + (s * heads + h) * m

                    // φ(Q), φ(K): projections of the d^(−1/4)-scaled inputs, then stabilised exponentials.
                    BLAS.gemm(transposeB: true, m: n, n: m, k: d, alpha: scale, a: qh, lda: width,
                              b: omegaH, ldb: d, c: phiQh, ldc: heads * m)
                    BLAS.gemm(transposeB: true, m: n, n: m, k: d, alpha: scale, a: kh, lda: width,
                              b: omegaH, ldb: d, c: phiKh, ldc: heads * m)
                    Self.queryFeatures(phiQh, rows: n, stride: heads * m, m: m, inputs: qh, inputStride: width, d: d,
                                       scale: scale, stabilizer: stabilizer,
                                       maxima: queryMaximum.baseAddress! + r0 * heads + h, maximaStride: heads)
                    keyMaximum[s * heads + h] = Self.keyFeatures(phiKh, rows: n, stride: heads * m, m: m, inputs: kh,
                                                                 inputStride: width, d: d, scale: scale,
                                                                 stabilizer: stabilizer, mask: mask.baseAddress! + r0)

                    // φ(K)ᵀV and φ(K)ᵀ1.
                    BLAS.gemm(transposeA: true, m: m, n: d, k: n, a: phiKh, lda: heads * m, b: vh, ldb: width,
                              c: kvH, ldc: d)
                    loonsim_column_sums(phiKh, n, heads * m, m, kSumH)

                    // Numerator φ(Q)(φ(K)ᵀV), then each row divided by D = φ(Q)·φ(K)ᵀ1.
                    BLAS.gemm(m: n, n: d, k: m, a: phiQh, lda: heads * m, b: kvH, ldb: d, c: outH, ldc: width)
                    loonsim_favor_normalize(phiQh, n, heads * m, m, kSumH, outH, width, d,
                                            denominator.baseAddress! + r0 * heads + h, heads)
                }
            }
        }}}}}}}}}}}}}
        return output
    }

    public mutating func backward(_ outputGradient: Tensor) -> (query: Tensor, key: Tensor, value: Tensor) {
        precondition(outputGradient.shape == output.shape, "FAVORAttention backward: gradient \(outputGradient.shape) for output \(output.shape)")
        let (heads, d, m, layout) = (headCount, headWidth, featureCount, self.layout)
        let width = heads * d
        let rowCount = layout.rowCount
        let longest = (0..<layout.sequenceCount).map { layout.rows(of: $0).count }.max() ?? 0
        numeratorGradient.resize(to: [rowCount, width])
        denominatorGradient.resize(to: [rowCount, heads])
        featureGradient.resize(to: [longest, m])
        keyValueSumGradient.resize(to: [m, d])
        keyFeatureSumGradient.resize(to: [m])
        exponentGradientRowSums.resize(to: [longest])
        queryGradient.resize(to: [rowCount, width])
        keyGradient.resize(to: [rowCount, width])
        valueGradient.resize(to: [rowCount, width])
        let scale = 1 / Float(d).squareRoot().squareRoot()
        let featureFloor = stabilizer / Float(m).squareRoot()  // φ − ε/√m = exp(u − c)/√m = dφ/du

        query.withUnsafeBufferPointer { q in
        key.withUnsafeBufferPointer { k in
        value.withUnsafeBufferPointer { v in
        features.withUnsafeBufferPointer { omega in
        layout.keyMask.withUnsafeBufferPointer { mask in
        queryFeatures.withUnsafeBufferPointer { phiQ in
        keyFeatures.withUnsafeBufferPointer { phiK in
        keyValueSums.withUnsafeBufferPointer { kv in
        keyFeatureSums.withUnsafeBufferPointer { kSum in
        denominators.withUnsafeBufferPointer { denominator in
        queryMaxima.withUnsafeBufferPointer { queryMaximum in
        keyMaxima.withUnsafeBufferPointer { keyMaximum in
        output.withUnsafeBufferPointer { out in
        outputGradient.withUnsafeBufferPointer { dOut in
        numeratorGradient.withUnsafeMutableBufferPointer { dNum in
        denominatorGradient.withUnsafeMutableBufferPointer { dDen in
        featureGradient.withUnsafeMutableBufferPointer { dPhiBuffer in
        keyValueSumGradient.withUnsafeMutableBufferPointer { dKVBuffer in
        keyFeatureSumGradient.withUnsafeMutableBufferPointer { dKSum in
        exponentGradientRowSums.withUnsafeMutableBufferPointer { rowSumBuffer in
        queryGradient.withUnsafeMutableBufferPointer { dq in
        keyGradient.withUnsafeMutableBufferPointer { dk in
        valueGradient.withUnsafeMutableBufferPointer { dv in
            let (dPhi, dKV, rowSums) = (dPhiBuffer.baseAddress!, dKVBuffer.baseAddress!, rowSumBuffer.baseAddress!)
            for s in 0..<layout.sequenceCount {
                let rows = layout.rows(of: s)
                let (n, r0) = (rows.count, rows.lowerBound)
                guard n > 0 else { continue }
                for h in 0..<heads {
                    let head = r0 * width + h * d
                    let (qh, kh, vh) = (q.baseAddress! + head, k.baseAddress! + head, v.baseAddress! + head)
                    let (outH, dOutH, dNumH) = (out.baseAddress! + head, dOut.baseAddress! + head, dNum.baseAddress! + head)
                    let (dqH, dkH, dvH) = (dq.baseAddress! + head, dk.baseAddress! + head, dv.baseAddress! + head)
                    let omegaH = omega.baseAddress! + h * m * d
                    let phiQh = phiQ.baseAddress! + r0 * heads * m + h * m
                    let phiKh = phiK.baseAddress! + r0 * heads * m + h * m
                    let kvH = kv.baseAddress! + (s * heads + h) * m * d
                    let kSumH = kSum.baseAddress! + (s * heads + h) * m

                    // out = num/D: dNum = dOut/D, dD = −(dOut·out)/D.
                    for i in 0..<n {
                        let den = denominator[(r0 + i) * heads + h]
                        let inverse: Float = den > 0 ? 1 / den : 0
                        for c in 0..<d { dNumH[i * width + c] = dOutH[i * width + c] * inverse }
                        dDen[(r0 + i) * heads + h] = -VectorMath.dot(dOutH + i * width, outH + i * width, count: d) * inverse
                    }

                    // d(φ(K)ᵀV) = φ(Q)ᵀ·dNum and d(φ(K)ᵀ1) = φ(Q)ᵀ·dD.
                    BLAS.gemm(transposeA: true, m: m, n: d, k: n, a: phiQh, lda: heads * m, b: dNumH, ldb: width,
                              c: dKV, ldc: d)
                    dKSum.update(repeating: 0)
                    for i in 0..<n {
                        let dDenI = dDen[(r0 + i) * heads + h]
                        let row = phiQh + i * heads * m
                        for j in 0..<m { dKSum[j] += row[j] * dDenI }
                    }

                    // Queries: dφ(Q) = dNum·(φ(K)ᵀV)ᵀ + dD·(φ(K)ᵀ1)ᵀ, then through the exponentials to dQ.
                    BLAS.gemm(transposeB: true, m: n, n: m, k: d, a: dNumH, lda: width, b: kvH, ldb: d, c: dPhi, ldc: m)
                    for i in 0..<n {
                        let dDenI = dDen[(r0 + i) * heads + h]
                        for j in 0..<m { dPhi[i * m + j] += dDenI * kSumH[j] }
                    }
                    Self.exponentGradient(dPhi, features: phiQh, featureStride: heads * m, mask: nil, floor: featureFloor,
                                          rows: n, m: m, rowSums: rowSums)
                    for i in 0..<n {
                        // c is this row's maximum: its gradient, −Σ_f du, goes to the entry that set it.
                        dPhi[i * m + queryMaximum[(r0 + i) * heads + h]] -= rowSums[i]
                        rowSums[i] = 0
                    }
                    Self.projectionBackward(dPhi, rows: n, m: m, omega: omegaH, d: d, scale: scale, inputs: qh,
                                            inputGradient: dqH, stride: width, rowSums: rowSums)

                    // Values and keys: dV = φ(K)·d(φ(K)ᵀV); dφ(K) = V·d(φ(K)ᵀV)ᵀ + 1·d(φ(K)ᵀ1)ᵀ.
                    BLAS.gemm(m: n, n: d, k: m, a: phiKh, lda: heads * m, b: dKV, ldb: d, c: dvH, ldc: width)
                    BLAS.gemm(transposeB: true, m: n, n: m, k: d, a: vh, lda: width, b: dKV, ldb: d, c: dPhi, ldc: m)
                    for i in 0..<n {
                        for j in 0..<m { dPhi[i * m + j] += dKSum[j] }
                    }
                    Self.exponentGradient(dPhi, features: phiKh, featureStride: heads * m, mask: mask.baseAddress! + r0,
                                          floor: featureFloor, rows: n, m: m, rowSums: rowSums)
                    let maximum = keyMaximum[s * heads + h]
                    if maximum >= 0 {
                        // c is the sequence's maximum over attendable keys: −Σ du goes to the entry that set it.
                        let total = VectorMath.sum(rowSums, count: n)
                        dPhi[maximum] -= total
                        rowSums[maximum / m] -= total
                    }
                    Self.projectionBackward(dPhi, rows: n, m: m, omega: omegaH, d: d, scale: scale, inputs: kh,
                                            inputGradient: dkH, stride: width, rowSums: rowSums)
                }
            }
        }}}}}}}}}}}}}}}}}}}}}}}
        return (queryGradient, keyGradient, valueGradient)
    }

    /// Turns query projections z = s·ω·q (in place, `rows × m`, row stride `stride`) into
    /// φ = (exp(u − c) + ε)/√m with u = z − s²‖q‖²/2 and c the row's maximum of u, whose
    /// feature index it stores in `maxima`.
    private static func queryFeatures(
        _ z: UnsafeMutablePointer<Float>, rows: Int, stride: Int, m: Int, inputs x: UnsafePointer<Float>,
        inputStride: Int, d: Int, scale: Float, stabilizer: Float, maxima: UnsafeMutablePointer<Int>, maximaStride: Int
    ) {
        withRowMaxima(rows: rows) { rowMaxima, rowArgmax in
            // u and each row's c, then (fastExp(u − c) + ε)/√m, in C (the same bits as the Swift definitions).
            loonsim_favor_exponents(z, rows, stride, m, x, inputStride, d, 0.5 * scale * scale, rowMaxima, rowArgmax)
            loonsim_favor_features(z, rows, stride, m, rowMaxima, 1, stabilizer, 1 / Float(m).squareRoot())
            for i in 0..<rows { maxima[i * maximaStride] = rowArgmax[i] }
        }
    }

    /// Like ``queryFeatures``, for keys: one c over the attendable rows, φ = 0 where masked.
    /// Returns `row·m + feature` of the entry that set c, or −1 if no key is attendable.
    private static func keyFeatures(
        _ z: UnsafeMutablePointer<Float>, rows: Int, stride: Int, m: Int, inputs x: UnsafePointer<Float>,
        inputStride: Int, d: Int, scale: Float, stabilizer: Float, mask: UnsafePointer<Float>
    ) -> Int {
        withRowMaxima(rows: rows) { rowMaxima, rowArgmax in
            loonsim_favor_exponents(z, rows, stride, m, x, inputStride, d, 0.5 * scale * scale, rowMaxima, rowArgmax)
            var (maximum, position) = (-Float.infinity, -1)
            for i in 0..<rows where mask[i] != 0 && rowMaxima[i] > maximum {
                (maximum, position) = (rowMaxima[i], i * m + rowArgmax[i])
            }
            loonsim_favor_features(z, rows, stride, m, &maximum, 0, stabilizer, 1 / Float(m).squareRoot())
            for i in 0..<rows where mask[i] == 0 { (z + i * stride).update(repeating: 0, count: m) }
            return position
        }
    }

    /// Runs `body` with stack scratch for each row's largest exponent and its index.
    private static func withRowMaxima<Result>(
        rows: Int, _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Int>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows) { maxima in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: rows) { argmax in
                body(maxima.baseAddress!, argmax.baseAddress!)
            }
        }
    }

    /// dφ → du in place (u the exponent before c is subtracted): du = dφ·exp(u − c)/√m =
    /// dφ·(φ − ε/√m), zero where masked; stores each row's Σ du in `rowSums`.
    private static func exponentGradient(
        _ dPhi: UnsafeMutablePointer<Float>, features phi: UnsafePointer<Float>, featureStride: Int,
        mask: UnsafePointer<Float>?, floor: Float, rows: Int, m: Int, rowSums: UnsafeMutablePointer<Float>
    ) {
        for i in 0..<rows {
            let (phiRow, dRow) = (phi + i * featureStride, dPhi + i * m)
            let keep: Float = mask.map { $0[i] } ?? 1
            for j in 0..<m { dRow[j] = keep * dRow[j] * (phiRow[j] - floor) }
            rowSums[i] = VectorMath.sum(dRow, count: m)
        }
    }

    /// u = s·ω·x − s²‖x‖²/2 ⇒ dx = s·du·ω − s²·(Σ_f du_f)·x, with the row sums given.
    private static func projectionBackward(
        _ du: UnsafePointer<Float>, rows: Int, m: Int, omega: UnsafePointer<Float>, d: Int, scale: Float,
        inputs x: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>, stride: Int,
        rowSums: UnsafePointer<Float>
    ) {
        BLAS.gemm(m: rows, n: d, k: m, alpha: scale, a: du, lda: m, b: omega, ldb: d, c: dx, ldc: stride)
        let scaleSquared = scale * scale
        for i in 0..<rows {
            let factor = scaleSquared * rowSums[i]
            for c in 0..<d { dx[i * stride + c] -= factor * x[i * stride + c] }
        }
    }
}
