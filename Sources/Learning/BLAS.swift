import CBLAS

/// Single-precision matrix products through OpenBLAS, on raw row-major buffers.
///
/// OpenBLAS is pinned to one thread on first use: loonsim parallelises across
/// environments, and two BLAS threads slowed the small products we run
/// (see shared/design/swift-numerics-notes.md).
public enum BLAS {
    private static let singleThreaded: Void = { openblas_set_num_threads(1) }()

    /// `C ← α·op(A)·op(B) + β·C` for row-major matrices (`sgemm`).
    ///
    /// `op(A)` is `m×k`, `op(B)` is `k×n`, `C` is `m×n`; `lda`, `ldb`, `ldc` are the row
    /// strides of the matrices as stored (so a head's columns inside a wider matrix can
    /// be used in place). With `β = 0`, `C` need not be initialised.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = singleThreaded
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // An empty product: C ← β·C, with β = 0 meaning "overwrite" even if C held NaNs.
            for row in 0..<m {
                for column in 0..<n { c[row * ldc + column] = beta == 0 ? 0 : beta * c[row * ldc + column] }
            }
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

extension Tensor {
    /// The matrix product of the last two dimensions, batched over any leading ones.
    ///
    /// `a` is `[…, m, k]` (or `[…, k, m]` with `transposeA`) and `b` is `[…, k, n]` (or
    /// `[…, n, k]` with `transposeB`). A rank-2 `b` is shared by every matrix of a batched
    /// `a`; otherwise both must have the same leading dimensions. The result is `[…, m, n]`.
    public static func matmul(_ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false) -> Tensor {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul needs matrices, got shapes \(a.shape) and \(b.shape)")
        let (aRows, aColumns) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (bRows, bColumns) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns)
        let (kB, n) = transposeB ? (bColumns, bRows) : (bRows, bColumns)
        precondition(k == kB, "matmul inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") · \(b.shape)\(transposeB ? "ᵀ" : "")")
        let batchShape = Array(a.shape.dropLast(2))
        let sharesB = b.rank == 2
        precondition(sharesB || Array(b.shape.dropLast(2)) == batchShape,
                     "matmul batch dimensions differ: \(a.shape) and \(b.shape)")
        let batch = batchShape.reduce(1, *)
        var result = Tensor(zeros: batchShape + [m, n])
        guard result.count > 0, k > 0 else { return result }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    for index in 0..<batch {
                        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                  a: a.baseAddress! + index * aRows * aColumns, lda: aColumns,
                                  b: b.baseAddress! + (sharesB ? 0 : index * bRows * bColumns), ldb: bColumns,
                                  c: c.baseAddress! + index * m * n, ldc: n)
                    }
                }
            }
        }
        return result
    }
}
