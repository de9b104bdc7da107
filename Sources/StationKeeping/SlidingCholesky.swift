import CBLAS
import CWindKernels
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
    /// A work vector of `capacity + 4` entries: the new row in ``append`` and the rotated vector in
    /// ``dropFirst``.
    private var work: UnsafeMutablePointer<Double>
    /// The instruction set of the C kernels of ``append(kernelRow:diagonal:)``, ``dropFirst()`` and ``solve``.
    let instructionSet: loonsim_isa

    init(capacity: Int = 128, instructionSet: loonsim_isa = loonsim_best_isa()) {
        self.instructionSet = instructionSet
        storage = .allocate(capacity: 1)
        work = .allocate(capacity: 1)
        reserve(capacity)
    }

    deinit {
        storage.deallocate()
        work.deallocate()
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
        // Forward substitution, column by column: l_j = (k_j − Σ_{i<j} L_ji l_i)/L_jj (CWindKernels).
        let square = loonsim_cholesky_forward(instructionSet, n, L, stride, l)
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
        // Old column j + 1 rotated with x = l₂₁ becomes new column j (CWindKernels).
        loonsim_cholesky_drop_first(instructionSet, n, storage, rowStride, work)
        count = n - 1
    }

    /// Forward substitution `V = L⁻¹·B` on the leading `n × n` block, fused with the reductions the
    /// GP posterior needs, for right-hand sides `B` (n rows, `columnStride` doubles a row). The two
    /// columns from `errorColumn` (a multiple of 4) hold the targets `e_u`, `e_v`, the two after them
    /// zeros; every column before holds kernel values.
    ///
    /// Writes, for every kernel column k, `explained[k] = Σᵢ V_ik²`, `meanU[k] = Σᵢ V_ik·(L⁻¹e_u)ᵢ`
    /// and `meanV[k]` likewise; `B` is overwritten with `V`.
    ///
    /// Runs CWindKernels' `loonsim_gp_solve` on this factor's instruction set. Its arithmetic is that
    /// of a left-looking solve blocked by 8 rows with `dgemm` for the update of a block by the rows
    /// above it (as OpenBLAS's AVX-512 small-matrix kernels round it: a chain of fused multiply-adds
    /// per element), the 8 × 8 triangle with separate multiplies and subtractions, and `dgemm` for
    /// the means; it is the same on every instruction set, and one pass over the columns in the
    /// widest vectors keeps everything but `L` in the first-level cache.
    func solve(rows n: Int, rhs B: UnsafeMutablePointer<Double>, columnStride M: Int, errorColumn: Int,
               explained: UnsafeMutablePointer<Double>, meanU: UnsafeMutablePointer<Double>,
               meanV: UnsafeMutablePointer<Double>) {
        precondition(n <= count && errorColumn % 4 == 0 && errorColumn + 4 <= M)
        loonsim_gp_solve(instructionSet, n, storage, rowStride, B, M, errorColumn, explained, meanU, meanV)
    }
}
