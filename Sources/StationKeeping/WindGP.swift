import CBLAS
import Foundation

/// BLE's Gaussian process over the forecast error, `e = measured wind − forecast` (reference §4.4).
///
/// Inputs are `(x m, y m, P Pa, t s)` scaled by fixed length-scales (357 km, 357 km,
/// 326 Pa, 34 560 s); the kernel is `3.6²·exp(−r)` (Matérn ν = ½) on the scaled
/// Euclidean distance `r`, with `0.05` added to the training diagonal, zero prior
/// mean and no hyper-parameter fitting — scikit-learn's `GaussianProcessRegressor`
/// as BLE configures it, computed the same way (LAPACK Cholesky, triangular solves).
/// A query at time t uses only observations with `|t_obs − t| < 6 h`.
///
/// This is a reference type: it owns the work buffers that keep queries free of
/// allocation. Give each environment its own.
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

    /// One observation: the scaled input and the error it measured.
    struct Observation {
        var scaled: SIMD4<Double>
        var elapsedSeconds: Double
        var errorU: Double
        var errorV: Double
    }

    private var observations: [Observation] = []
    // Work buffers, grown on demand and reused.
    private var covariance: [Double] = []      // n × n, column-major; Cholesky factor after dpotrf
    private var weights: [Double] = []         // n × 2, column-major: K⁻¹·E
    private var crossCovariance: [Double] = [] // m × n row-major (= n × m column-major)

    public init() {}

    /// Forgets every observation.
    public func reset() { observations.removeAll(keepingCapacity: true) }

    /// The number of observations held (old ones are dropped once outside every future window).
    public var observationCount: Int { observations.count }

    /// Adds one measured forecast error at `(x, y, P, t)`.
    ///
    /// Observations must arrive in non-decreasing time; those that can no longer fall
    /// inside a window (more than 6 h before this one) are discarded.
    public func observe(xMeters: Double, yMeters: Double, pressurePa: Double, elapsedSeconds: Double,
                        errorU: Double, errorV: Double) {
        observations.append(Observation(scaled: Self.scaled(xMeters, yMeters, pressurePa, elapsedSeconds),
                                        elapsedSeconds: elapsedSeconds, errorU: errorU, errorV: errorV))
        let stale = observations.prefix { elapsedSeconds - $0.elapsedSeconds >= Self.windowSeconds }.count
        if stale > 0 { observations.removeFirst(stale) }
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
        let window = observations.lazy.filter { abs($0.elapsedSeconds - elapsedSeconds) < Self.windowSeconds }
        let fresh = Array(window)
        let n = fresh.count
        guard n > 0 else {
            for k in 0..<m { meanU[k] = 0; meanV[k] = 0; uncertainty[k] = 0 }
            return
        }
        if covariance.count < n * n { covariance = [Double](repeating: 0, count: n * n) }
        if weights.count < 2 * n { weights = [Double](repeating: 0, count: 2 * n) }
        if crossCovariance.count < m * n { crossCovariance = [Double](repeating: 0, count: m * n) }
        let sigma2 = Self.signalVariance

        covariance.withUnsafeMutableBufferPointer { K in
            weights.withUnsafeMutableBufferPointer { alpha in
                // K = σ²·exp(−r) + α·I (symmetric, so either layout), then its Cholesky factor.
                for j in 0..<n {
                    K[j * n + j] = sigma2 * 1 + Self.noiseVariance
                    for i in (j + 1)..<n {
                        let value = sigma2 * exp(-Self.distance(fresh[i].scaled, fresh[j].scaled))
                        K[j * n + i] = value
                        K[i * n + j] = value
                    }
                    alpha[j] = fresh[j].errorU
                    alpha[n + j] = fresh[j].errorV
                }
                var uplo = CChar(UInt8(ascii: "L"))
                var order = Int32(n)
                var info: Int32 = 0
                dpotrf_(&uplo, &order, K.baseAddress, &order, &info)
                precondition(info == 0, "WindGP covariance is not positive definite (dpotrf info \(info))")
                var columns: Int32 = 2
                dpotrs_(&uplo, &order, &columns, K.baseAddress, &order, alpha.baseAddress, &order, &info)

                crossCovariance.withUnsafeMutableBufferPointer { cross in
                    // K* (m × n row-major) and the posterior mean K*·α.
                    let query = Self.scaled(xMeters, yMeters, 0, elapsedSeconds)
                    for k in 0..<m {
                        var point = query
                        point[2] = pressuresPa[k] / Self.pressureScalePa
                        var u = 0.0
                        var v = 0.0
                        let row = k * n
                        for i in 0..<n {
                            let value = sigma2 * exp(-Self.distance(point, fresh[i].scaled))
                            cross[row + i] = value
                            u += value * alpha[i]
                            v += value * alpha[n + i]
                        }
                        meanU[k] = u
                        meanV[k] = v
                    }
                    // V = L⁻¹·K*ᵀ in place; posterior variance σ² − Σᵢ Vᵢₖ².
                    cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), Int32(m),
                                1, K.baseAddress, Int32(n), cross.baseAddress, Int32(n))
                    for k in 0..<m {
                        var explained = 0.0
                        let row = k * n
                        for i in 0..<n { explained += cross[row + i] * cross[row + i] }
                        let variance = max(sigma2 - explained, 0)
                        // BLE squares scikit-learn's standard deviation back into a variance.
                        let deviation = variance.squareRoot()
                        uncertainty[k] = deviation * deviation / sigma2
                    }
                }
            }
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
