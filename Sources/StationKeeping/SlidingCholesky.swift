import CBLAS
import Foundation

/// The Cholesky factor `L` (lower, `L·Lᵀ = A`) of a covariance matrix over a sliding window of
/// points, kept up to date in O(n²) per change instead of O(n³) per refactorisation.
///
/// * ``append(kernelRow:diagonal:)`` borders the matrix with a new last point: the new row of
///   `L` is `L⁻¹·k` (forward substitution), its diagonal `√(a − ‖L⁻¹k‖²)`.
/// * ``dropFirst()`` removes the first point: with `L = [[l₁₁, 0], [l₂₁, L₂₂]]` the factor of the
///   trailing block `A₂₂ = L₂₂L₂₂ᵀ + l₂₁l₂₁ᵀ` is the rank-one *update* of `L₂₂` by `l₂₁`, done with
///   Givens rotations (backward stable; no downdate, so no loss of definiteness).
///
/// The leading `k × k` block of `L` is the factor of the leading block of `A`, so a window that
/// keeps the first `k` points can use this factor as it is. ``solve`` applies `L⁻¹` to many
/// right-hand sides at once and reduces the result as the GP posterior needs.
///
/// Storage is column-major (`L[i][j]` at `j·rowStride + i`, LAPACK's layout): columns are
/// contiguous for the rotations, and a block of rows is a transposed operand for `dgemm`.
final class SlidingCholesky {
    /// Points in the factor.
    private(set) var count = 0
    /// Points the storage holds without growing.
    private(set) var capacity = 0
    /// Rows per column in storage (`capacity` plus a little padding).
    private(set) var rowStride = 0
    private(set) var storage: UnsafeMutablePointer<Double>
    /// Work vectors of `capacity + 4` entries: the new row in ``append`` and the rotated vector in
    /// ``dropFirst``; the reciprocal diagonal in ``solve``.
    private var work: UnsafeMutablePointer<Double>
    private var inverseDiagonal: UnsafeMutablePointer<Double>
    /// The means of ``solve``, interleaved (u, v) by column.
    private var means: UnsafeMutablePointer<Double>
    private var meansCapacity = 0
    /// The rows of the current block solved so far, and its coefficients, during ``solve``.
    private let solvedRows = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: SlidingCholesky.blockRows)
    private let coefficients = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: 64)

    init(capacity: Int = 128) {
        storage = .allocate(capacity: 1)
        work = .allocate(capacity: 1)
        inverseDiagonal = .allocate(capacity: 1)
        means = .allocate(capacity: 1)
        reserve(capacity)
    }

    deinit {
        storage.deallocate()
        work.deallocate()
        inverseDiagonal.deallocate()
        means.deallocate()
        solvedRows.deallocate()
        coefficients.deallocate()
    }

    /// Forgets every point (keeps the storage).
    func removeAll() { count = 0 }

    /// `L[i][j]` (for tests and diagnostics).
    func element(_ i: Int, _ j: Int) -> Double { i >= j ? storage[j * rowStride + i] : 0 }

    /// Makes room for `newCapacity` points, keeping the factor.
    func reserve(_ newCapacity: Int) {
        guard newCapacity > capacity else { return }
        let newStride = newCapacity + 4
        let newStorage = UnsafeMutablePointer<Double>.allocate(capacity: newStride * (newCapacity + 4))
        newStorage.initialize(repeating: 0, count: newStride * (newCapacity + 4))
        for j in 0..<count {
            (newStorage + j * newStride).update(from: storage + j * rowStride, count: count)
        }
        storage.deallocate()
        storage = newStorage
        work.deallocate()
        work = .allocate(capacity: newCapacity + 4)
        work.initialize(repeating: 0, count: newCapacity + 4)
        inverseDiagonal.deallocate()
        inverseDiagonal = .allocate(capacity: newCapacity + 4)
        inverseDiagonal.initialize(repeating: 0, count: newCapacity + 4)
        capacity = newCapacity
        rowStride = newStride
    }

    /// Adds a last point with covariances `kernelRow[0..<count]` to the points held and variance `diagonal`.
    ///
    /// Returns false (and leaves the factor unchanged) when the bordered matrix is not positive definite.
    @discardableResult
    func append(kernelRow: UnsafePointer<Double>, diagonal: Double) -> Bool {
        let n = count
        if n + 1 > capacity { reserve(max(2 * capacity, n + 1)) }
        let L = storage, stride = rowStride
        let l = work
        l.update(from: kernelRow, count: n)
        // Forward substitution, column by column: l_j = (k_j − Σ_{i<j} L_ji l_i)/L_jj.
        var square = 0.0
        for j in 0..<n {
            let column = L + j * stride
            let lj = l[j] / column[j]
            l[j] = lj
            square += lj * lj
            var i = j + 1
            while i < n {
                l[i] -= column[i] * lj
                i += 1
            }
        }
        let pivot = diagonal - square
        guard pivot > 0 else { return false }
        for j in 0..<n { L[j * stride + n] = l[j] }
        L[n * stride + n] = pivot.squareRoot()
        count = n + 1
        return true
    }

    /// Factors a whole matrix at once (LAPACK `dpotrf`): `fill(j, column)` writes `A[i][j]` into
    /// `column[i]` for `i > j`; the diagonal is `diagonal`. Returns false when it is not positive definite.
    func factorize(count n: Int, diagonal: Double, fill: (Int, UnsafeMutablePointer<Double>) -> Void) -> Bool {
        if n > capacity { reserve(max(2 * capacity, n)) }
        count = 0
        guard n > 0 else { return true }
        for j in 0..<n {
            let column = storage + j * rowStride
            column[j] = diagonal
            fill(j, column)
        }
        var uplo = CChar(UInt8(ascii: "L"))
        var order = Int32(n), leading = Int32(rowStride)
        var info: Int32 = 0
        dpotrf_(&uplo, &order, storage, &leading, &info)
        guard info == 0 else { return false }
        count = n
        return true
    }

    /// Removes the first point: the factor becomes that of the trailing block, shifted to index 0.
    func dropFirst() {
        let n = count
        guard n > 1 else { count = 0; return }
        let L = storage, stride = rowStride
        // x = l₂₁ (old rows 1..<n of column 0), indexed by the new row i′ = i − 1.
        let x = work
        x.update(from: L + 1, count: n - 1)
        // Old column j + 1 (rows j + 1..<n) rotated with x becomes new column j (rows j..<n − 1).
        for j in 0..<(n - 1) {
            let old = L + (j + 1) * stride + 1   // old[i′] = L_old[i′ + 1][j + 1]
            let new = L + j * stride             // new[i′] = L_new[i′][j]
            let diagonal = old[j], xj = x[j]
            let radius = (diagonal * diagonal + xj * xj).squareRoot()
            let c = diagonal / radius, s = xj / radius
            new[j] = radius
            var i = j + 1
            while i < n - 1 {
                let value = old[i], xi = x[i]
                new[i] = c * value + s * xi
                x[i] = c * xi - s * value
                i += 1
            }
        }
        count = n - 1
    }

    /// Forward substitution `V = L⁻¹·B` on the leading `n × n` block, fused with the reductions the
    /// GP posterior needs, for right-hand sides `B` (n rows, `columnStride` doubles a row, a multiple
    /// of 4). The block of four columns starting at `errorColumn` holds the targets (`e_u`, `e_v`, 0, 0);
    /// every other block holds kernel values.
    ///
    /// Writes, for every column k outside the error block, `explained[k] = Σᵢ V_ik²`,
    /// `meanU[k] = Σᵢ V_ik·(L⁻¹e_u)ᵢ` and `meanV[k]` likewise. `B` is overwritten with `V`.
    ///
    /// Blocked by 8 rows: the update of a block by the rows solved before it,
    /// `B_I −= L_{I,<I}·V_{<I}`, is a small `dgemm` (sized to stay on the calling thread, see
    /// ``singleThreadGEMMLimit``); the 8 × 8 triangle and the sums of squares run here, four columns
    /// at a time; the means are one more small `dgemm`, `Vᵀ·[z_u z_v]`.
    func solve(rows n: Int, rhs B: UnsafeMutablePointer<Double>, columnStride M: Int, errorColumn: Int,
               explained: UnsafeMutablePointer<Double>, meanU: UnsafeMutablePointer<Double>,
               meanV: UnsafeMutablePointer<Double>) {
        precondition(n <= count && M % 4 == 0 && errorColumn % 4 == 0 && errorColumn < M)
        let L = storage, stride = rowStride
        for i in 0..<n { inverseDiagonal[i] = 1 / L[i * stride + i] }
        explained.initialize(repeating: 0, count: M)
        let solved = self.solvedRows
        var i0 = 0
        while i0 < n {
            let rows = min(Self.blockRows, n - i0)
            if i0 > 0 {
                // B_I −= L_{I,<I}·V_{<I}: L_{I,<I} is read transposed from the column-major factor.
                let columnsPerCall = max(4, Self.singleThreadGEMMLimit / (rows * i0) / 4 * 4)
                var c0 = 0
                while c0 < M {
                    let columns = min(columnsPerCall, M - c0)
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(rows), Int32(columns), Int32(i0),
                                -1, L + i0, Int32(stride), B + c0, Int32(M), 1, B + i0 * M + c0, Int32(M))
                    c0 += columns
                }
            }
            // The diagonal block, four columns at a time.
            // Its coefficients, broadcast: c[r·8 + j] = L[i0 + r][i0 + j] (j < r), c[r·8 + r] = 1/L[i0 + r][i0 + r].
            let c = coefficients
            for r in 0..<rows {
                for j in 0..<r { c[r * 8 + j] = SIMD4(repeating: L[(i0 + j) * stride + i0 + r]) }
                c[r * 8 + r] = SIMD4(repeating: inverseDiagonal[i0 + r])
            }
            if rows == 8 {
                Self.solveBlockOfEight(B + i0 * M, columnStride: M, errorColumn: errorColumn, coefficients: c,
                                       explained: explained)
            } else {
                var k0 = 0
                while k0 < M {
                    let errorBlock = k0 == errorColumn
                    var e = SIMD4<Double>()
                    for r in 0..<rows {
                        let i = i0 + r
                        var a = Self.load(B + i * M + k0)
                        for j in 0..<r { a -= c[r * 8 + j] * solved[j] }
                        let v = a * c[r * 8 + r]
                        solved[r] = v
                        Self.store(v, B + i * M + k0)
                        if !errorBlock { e += v * v }
                    }
                    if !errorBlock { Self.store(Self.load(explained + k0) + e, explained + k0) }
                    k0 += 4
                }
            }
            i0 += rows
        }
        // The means, Vᵀ·z for both targets at once (z = the error block's first two columns of V).
        if 2 * M > meansCapacity {
            means.deallocate()
            means = .allocate(capacity: 2 * M)
            meansCapacity = 2 * M
        }
        let means = self.means
        let columnsPerCall = max(4, Self.singleThreadGEMMLimit / (2 * n) / 4 * 4)
        var k0 = 0
        while k0 < M {
            let columns = min(columnsPerCall, M - k0)
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(columns), 2, Int32(n), 1, B + k0, Int32(M),
                        B + errorColumn, Int32(M), 0, means + 2 * k0, 2)
            k0 += columns
        }
        for k in 0..<M {
            meanU[k] = means[2 * k]
            meanV[k] = means[2 * k + 1]
        }
    }

    /// ``solve``'s diagonal step for a full block of 8 rows starting at `B`, unrolled: solves every
    /// four-column block (the error block too) and adds the squares of the others to `explained`.
    @inline(__always)
    static func solveBlockOfEight(_ B: UnsafeMutablePointer<Double>, columnStride M: Int, errorColumn: Int,
                                  coefficients c: UnsafeMutablePointer<SIMD4<Double>>,
                                  explained: UnsafeMutablePointer<Double>) {
        var k0 = 0
        while k0 < M {
            let b = B + k0
            let v0 = load(b) * c[0]
            var a = load(b + M)
            a -= c[8] * v0
            let v1 = a * c[9]
            a = load(b + 2 * M)
            a -= c[16] * v0; a -= c[17] * v1
            let v2 = a * c[18]
            a = load(b + 3 * M)
            a -= c[24] * v0; a -= c[25] * v1; a -= c[26] * v2
            let v3 = a * c[27]
            a = load(b + 4 * M)
            a -= c[32] * v0; a -= c[33] * v1; a -= c[34] * v2; a -= c[35] * v3
            let v4 = a * c[36]
            a = load(b + 5 * M)
            a -= c[40] * v0; a -= c[41] * v1; a -= c[42] * v2; a -= c[43] * v3; a -= c[44] * v4
            let v5 = a * c[45]
            a = load(b + 6 * M)
            a -= c[48] * v0; a -= c[49] * v1; a -= c[50] * v2; a -= c[51] * v3; a -= c[52] * v4; a -= c[53] * v5
            let v6 = a * c[54]
            a = load(b + 7 * M)
            a -= c[56] * v0; a -= c[57] * v1; a -= c[58] * v2; a -= c[59] * v3; a -= c[60] * v4; a -= c[61] * v5
            a -= c[62] * v6
            let v7 = a * c[63]
            store(v0, b); store(v1, b + M); store(v2, b + 2 * M); store(v3, b + 3 * M)
            store(v4, b + 4 * M); store(v5, b + 5 * M); store(v6, b + 6 * M); store(v7, b + 7 * M)
            if k0 != errorColumn {
                var e = load(explained + k0)
                e += v0 * v0; e += v1 * v1; e += v2 * v2; e += v3 * v3
                e += v4 * v4; e += v5 * v5; e += v6 * v6; e += v7 * v7
                store(e, explained + k0)
            }
            k0 += 4
        }
    }

    /// Rows per block of ``solve``.
    static let blockRows = 8
    /// The largest `m·n·k` of one `dgemm` call. OpenBLAS runs a GEMM on the calling thread when
    /// `m·n·k ≤ 65 536·4` (SMP_THRESHOLD_MIN × GEMM_MULTITHREAD_THRESHOLD); staying well below keeps
    /// the GP single-threaded (threads woken for such small products cost more than they save, and
    /// environments already run one per core).
    static let singleThreadGEMMLimit = 131_072

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}
