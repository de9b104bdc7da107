import CWindKernels
import Foundation

/// BLE's Gaussian process over the forecast error, `e = measured wind − forecast` (reference §4.4).
///
/// Inputs are `(x m, y m, P Pa, t s)` scaled by fixed length-scales (357 km, 357 km,
/// 326 Pa, 34 560 s); the kernel is `3.6²·exp(−r)` (Matérn ν = ½) on the scaled
/// Euclidean distance `r`, with `0.05` added to the training diagonal, zero prior
/// mean and no hyper-parameter fitting — scikit-learn's `GaussianProcessRegressor`
/// as BLE configures it. A query at time t uses only observations with `|t_obs − t| < 6 h`.
///
/// The arithmetic is scikit-learn's up to round-off, organised for speed:
/// * the Cholesky factor `L` of `K + αI` over the stored observations follows the sliding window
///   (``SlidingCholesky``: O(n²) per observation instead of n²/2 kernel values and an O(n³)
///   refactorisation per query);
/// * a query solves `L·[V | z] = [K*ᵀ | E]` in one blocked forward substitution and reads the mean
///   `Vᵀz` (= K*·(K + αI)⁻¹E) and the variance `σ² − ‖V_k‖²` from it;
/// * a query's kernel values come from `loonsim_gp_kernel_matrix` (CWindKernels: ``VectorExp``'s
///   exponential, ≈ 0.5 ulp, and the square roots, in the widest SIMD this CPU has); the horizontal
///   and time parts of the squared distance are shared by all levels of the column;
/// * the solve runs in CWindKernels too (``SlidingCholesky/solve(rows:rhs:columnStride:errorColumn:explained:meanU:meanV:)``).
///   Every instruction set gives the same bits.
///
/// This is a reference type: it owns the work buffers that keep observations and queries free
/// of allocation. Give each environment its own.
public final class WindGP {
    /// Length-scales of the inputs: x and y (m), pressure (Pa), time (s).
    public static let distanceScaleMeters = 357_000.0
    public static let pressureScalePa = 326.0
    public static let timeScaleSeconds = 34_560.0
    /// Signal variance σ² = 3.6² (m/s)².
    public static let signalVariance = 3.6 * 3.6
    /// Added to the training diagonal (scikit-learn's `alpha`).
    public static let noiseVariance = 0.05
    /// Observations older (or newer) than this, relative to the query time, are ignored: 6 h.
    public static let windowSeconds = 6.0 * 3600

    /// The stored observations, oldest first.
    private let stored = Observations()
    /// Factor of `K + αI` over all stored observations (internal for tests).
    let factor: SlidingCholesky
    /// A query window that is not a leading run of the stored observations, and its factor
    /// (built on demand; BLE's features never need it).
    private lazy var window = Observations()
    private lazy var windowFactor = SlidingCholesky(instructionSet: instructionSet)
    /// Work: one kernel row; the right-hand sides `[exp(−R) | E]` (row-major, observations × columns);
    /// the scaled query pressures; per-column sums of the solve.
    private var kernelRow: UnsafeMutablePointer<Double>
    private var rhs: UnsafeMutablePointer<Double>
    private var rhsCapacity = 0
    private var columnCapacity = 0
    private var levels: UnsafeMutablePointer<Double>
    private var explained: UnsafeMutablePointer<Double>
    private var sumU: UnsafeMutablePointer<Double>
    private var sumV: UnsafeMutablePointer<Double>
    private let expTable = VectorExp.table
    /// The instruction set of the C kernels (internal, so that tests can compare them).
    let instructionSet: loonsim_isa

    /// A GP with no observations, computing with the widest instruction set this CPU runs.
    public convenience init() { self.init(instructionSet: loonsim_best_isa()) }

    /// A GP whose kernels run on `instructionSet` (one this CPU runs).
    init(instructionSet: loonsim_isa) {
        self.instructionSet = instructionSet
        factor = SlidingCholesky(instructionSet: instructionSet)
        kernelRow = .allocate(capacity: 1)
        rhs = .allocate(capacity: 1)
        levels = .allocate(capacity: 1)
        explained = .allocate(capacity: 1)
        sumU = .allocate(capacity: 1)
        sumV = .allocate(capacity: 1)
        reserveKernelRow(stored.capacity)
        reserveColumns(192, rows: stored.capacity)
    }

    deinit {
        kernelRow.deallocate()
        rhs.deallocate()
        levels.deallocate()
        explained.deallocate()
        sumU.deallocate()
        sumV.deallocate()
    }

    /// Forgets every observation.
    public func reset() {
        stored.removeAll()
        factor.removeAll()
    }

    /// The number of observations held (old ones are dropped once outside every future window).
    public var observationCount: Int { stored.count }

    /// Adds one measured forecast error at `(x, y, P, t)`.
    ///
    /// Observations should arrive in non-decreasing time; the leading ones that can no longer
    /// fall inside a window (at least 6 h before this one) are discarded.
    public func observe(xMeters: Double, yMeters: Double, pressurePa: Double, elapsedSeconds: Double,
                        errorU: Double, errorV: Double) {
        // Drop the stale ones first (the new observation is never stale), then border the factor.
        var stale = 0
        while stale < stored.count && elapsedSeconds - stored.times[stale] >= Self.windowSeconds { stale += 1 }
        if stale == stored.count {
            factor.removeAll()
        } else {
            for _ in 0..<stale { factor.dropFirst() }
        }
        stored.removeFirst(stale)
        let point = Self.scaled(xMeters, yMeters, pressurePa, elapsedSeconds)
        reserveKernelRow(stored.count + 1)
        kernelValues(from: point, to: stored, count: stored.count, into: kernelRow)
        let accepted = factor.append(kernelRow: kernelRow, diagonal: Self.signalVariance * 1 + Self.noiseVariance)
        precondition(accepted, "WindGP covariance is not positive definite")
        stored.append(point, time: elapsedSeconds, errorU: errorU, errorV: errorV)
    }

    /// Posterior mean error and normalised variance at several pressures over one `(x, y, t)`.
    ///
    /// Writes `meanU`, `meanV` (m/s, the error only: add the forecast for BLE's mean wind)
    /// and `uncertainty` (`σ²_post/3.6²`, in [0, 1]) for each of `pressuresPa`. With no
    /// observation in the window the mean is 0 and the uncertainty 0, as in BLE.
    public func query(xMeters: Double, yMeters: Double, elapsedSeconds: Double,
                      pressuresPa: UnsafeBufferPointer<Double>,
                      meanU: UnsafeMutableBufferPointer<Double>, meanV: UnsafeMutableBufferPointer<Double>,
                      uncertainty: UnsafeMutableBufferPointer<Double>) {
        let m = pressuresPa.count
        precondition(meanU.count == m && meanV.count == m && uncertainty.count == m, "GP query buffers differ in size")
        guard m > 0 else { return }
        // The observations in the window. Stored in time order, they form a run [first, end).
        @inline(__always) func inWindow(_ i: Int) -> Bool {
            abs(stored.times[i] - elapsedSeconds) < Self.windowSeconds
        }
        var first = 0
        while first < stored.count && !inWindow(first) { first += 1 }
        var end = first
        while end < stored.count && inWindow(end) { end += 1 }
        var contiguous = true
        for i in end..<stored.count where inWindow(i) { contiguous = false }
        // A run from the oldest observation uses the leading block of the running factor;
        // any other window gets a factor of its own.
        let points: Observations, solver: SlidingCholesky
        if first == 0 && contiguous {
            points = stored
            solver = factor
        } else {
            points = window
            solver = windowFactor
            points.removeAll()
            for i in 0..<stored.count where inWindow(i) {
                points.append(stored.point(i), time: stored.times[i], errorU: stored.errorsU[i], errorV: stored.errorsV[i])
            }
            reserveKernelRow(points.count)
            let kernelRow = self.kernelRow
            let accepted = solver.factorize(count: points.count, diagonal: Self.signalVariance * 1 + Self.noiseVariance) {
                j, column in
                // Column j below the diagonal: the kernel between observation j and the later ones.
                let later = points.count - j - 1
                kernelValues(from: points.point(j), to: points, first: j + 1, count: later, into: kernelRow)
                (column + j + 1).update(from: kernelRow, count: later)
            }
            precondition(accepted, "WindGP covariance is not positive definite")
            end = points.count
        }
        let n = end
        guard n > 0 else {
            for k in 0..<m { meanU[k] = 0; meanV[k] = 0; uncertainty[k] = 0 }
            return
        }

        // Columns: exp(−r) for the m levels (padded to a multiple of 4; σ² is applied to the sums),
        // then a block (e_u, e_v, 0, 0).
        let errorColumn = (m + 3) / 4 * 4
        let columns = errorColumn + 4
        reserveColumns(columns, rows: n)
        for k in 0..<m { levels[k] = pressuresPa[k] / Self.pressureScalePa }
        for k in m..<columns { levels[k] = levels[m - 1] }
        let query = Self.scaled(xMeters, yMeters, 0, elapsedSeconds)
        loonsim_gp_kernel_matrix(instructionSet, n, errorColumn, query[0], query[1], query[3],
                                 points.x, points.y, points.p, points.t, levels, rhs, columns)
        for i in 0..<n {
            let out = rhs + i * columns + errorColumn
            out[0] = points.errorsU[i]; out[1] = points.errorsV[i]; out[2] = 0; out[3] = 0
        }
        solver.solve(rows: n, rhs: rhs, columnStride: columns, errorColumn: errorColumn,
                     explained: explained, meanU: sumU, meanV: sumV)
        // The right-hand sides held exp(−r), not σ²·exp(−r): V = σ²·V′, so the mean is σ²·V′ᵀz
        // and the explained variance σ⁴·‖V′‖².
        let sigma2 = Self.signalVariance
        for k in 0..<m {
            meanU[k] = sigma2 * sumU[k]
            meanV[k] = sigma2 * sumV[k]
            let variance = max(sigma2 - (sigma2 * sigma2) * explained[k], 0)
            // BLE squares scikit-learn's standard deviation back into a variance.
            let deviation = variance.squareRoot()
            uncertainty[k] = deviation * deviation / sigma2
        }
    }

    /// `σ²·exp(−r)` between `point` and `points[first..<first + count]`, into `output`.
    private func kernelValues(from point: SIMD4<Double>, to points: Observations, first: Int = 0, count: Int,
                              into output: UnsafeMutablePointer<Double>) {
        let sigma2 = Self.signalVariance
        let table = expTable
        var k = 0
        while k < count {
            let lanes = min(4, count - k)
            var squared = SIMD4<Double>()
            for lane in 0..<lanes {
                let i = first + k + lane
                let dx = point[0] - points.x[i], dy = point[1] - points.y[i]
                let dp = point[2] - points.p[i], dt = point[3] - points.t[i]
                var sum = dx * dx
                sum += dy * dy
                sum += dp * dp
                sum += dt * dt
                squared[lane] = sum
            }
            let values = sigma2 * VectorExp.exp(-squared.squareRoot(), table: table)
            for lane in 0..<lanes { output[k + lane] = values[lane] }
            k += 4
        }
    }

    private var kernelRowCapacity = 0

    private func reserveKernelRow(_ count: Int) {
        guard count > kernelRowCapacity else { return }
        let capacity = max(2 * kernelRowCapacity, count, 128)
        kernelRow.deallocate()
        kernelRow = .allocate(capacity: capacity)
        kernelRow.initialize(repeating: 0, count: capacity)
        kernelRowCapacity = capacity
    }

    /// Makes the right-hand sides hold `rows × columns` and the per-column buffers `columns`.
    private func reserveColumns(_ columns: Int, rows: Int) {
        if columns > columnCapacity {
            for p in [levels, explained, sumU, sumV] { p.deallocate() }
            levels = .allocate(capacity: columns); levels.initialize(repeating: 0, count: columns)
            explained = .allocate(capacity: columns); explained.initialize(repeating: 0, count: columns)
            sumU = .allocate(capacity: columns); sumU.initialize(repeating: 0, count: columns)
            sumV = .allocate(capacity: columns); sumV.initialize(repeating: 0, count: columns)
            columnCapacity = columns
        }
        let needed = rows * columns
        if needed > rhsCapacity {
            let capacity = max(needed, 2 * rhsCapacity)
            rhs.deallocate()
            rhs = .allocate(capacity: capacity)
            rhs.initialize(repeating: 0, count: capacity)
            rhsCapacity = capacity
        }
    }

    @inline(__always)
    static func scaled(_ x: Double, _ y: Double, _ p: Double, _ t: Double) -> SIMD4<Double> {
        SIMD4(x / distanceScaleMeters, y / distanceScaleMeters, p / pressureScalePa, t / timeScaleSeconds)
    }

    /// Euclidean distance, summed in coordinate order like scipy's `cdist`.
    @inline(__always)
    static func distance(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> Double {
        let d = a - b
        var sum = d[0] * d[0]
        sum += d[1] * d[1]
        sum += d[2] * d[2]
        sum += d[3] * d[3]
        return sum.squareRoot()
    }
}

/// Observations as columns (scaled inputs, time, errors), indices `0..<count`, oldest first.
private final class Observations {
    private(set) var count = 0
    private(set) var capacity = 0
    private(set) var x: UnsafeMutablePointer<Double>
    private(set) var y: UnsafeMutablePointer<Double>
    private(set) var p: UnsafeMutablePointer<Double>
    private(set) var t: UnsafeMutablePointer<Double>
    private(set) var times: UnsafeMutablePointer<Double>
    private(set) var errorsU: UnsafeMutablePointer<Double>
    private(set) var errorsV: UnsafeMutablePointer<Double>

    init(capacity: Int = 128) {
        x = .allocate(capacity: 1); y = .allocate(capacity: 1); p = .allocate(capacity: 1); t = .allocate(capacity: 1)
        times = .allocate(capacity: 1); errorsU = .allocate(capacity: 1); errorsV = .allocate(capacity: 1)
        reserve(capacity)
    }

    deinit {
        for column in [x, y, p, t, times, errorsU, errorsV] { column.deallocate() }
    }

    func point(_ i: Int) -> SIMD4<Double> { SIMD4(x[i], y[i], p[i], t[i]) }

    func removeAll() { count = 0 }

    func removeFirst(_ k: Int) {
        guard k > 0 else { return }
        count -= k
        func shift(_ column: UnsafeMutablePointer<Double>) { column.update(from: column + k, count: count) }
        shift(x); shift(y); shift(p); shift(t); shift(times); shift(errorsU); shift(errorsV)
    }

    func append(_ point: SIMD4<Double>, time: Double, errorU: Double, errorV: Double) {
        if count + 1 > capacity { reserve(2 * capacity) }
        x[count] = point[0]; y[count] = point[1]; p[count] = point[2]; t[count] = point[3]
        times[count] = time
        errorsU[count] = errorU
        errorsV[count] = errorV
        count += 1
    }

    private func reserve(_ newCapacity: Int) {
        guard newCapacity > capacity else { return }
        func grow(_ column: inout UnsafeMutablePointer<Double>) {
            let bigger = UnsafeMutablePointer<Double>.allocate(capacity: newCapacity)
            bigger.initialize(repeating: 0, count: newCapacity)
            bigger.update(from: column, count: count)
            column.deallocate()
            column = bigger
        }
        grow(&x); grow(&y); grow(&p); grow(&t); grow(&times); grow(&errorsU); grow(&errorsV)
        capacity = newCapacity
    }
}
