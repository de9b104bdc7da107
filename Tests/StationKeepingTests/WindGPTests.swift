import CWindKernels
import Foundation
import TestSupport
import XCTest
@testable import StationKeeping

/// Queries `gp` at `pressures` over one `(x, y, t)`.
func queryGP(_ gp: WindGP, _ pressures: [Double], x: Double, y: Double, t: Double)
    -> (u: [Double], v: [Double], uncertainty: [Double])
{
    var u = [Double](repeating: .nan, count: pressures.count)
    var v = u
    var s = u
    pressures.withUnsafeBufferPointer { p in
        u.withUnsafeMutableBufferPointer { uu in
            v.withUnsafeMutableBufferPointer { vv in
                s.withUnsafeMutableBufferPointer { ss in
                    gp.query(xMeters: x, yMeters: y, elapsedSeconds: t, pressuresPa: p, meanU: uu, meanV: vv, uncertainty: ss)
                }
            }
        }
    }
    return (u, v, s)
}

/// Reference §12.7: zero forecast, three observations of the error (u, v).
final class WindGPTests: XCTestCase {
    func goldenGP() -> WindGP {
        let gp = WindGP()
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 0, errorU: 2.0, errorV: -1.0)
        gp.observe(xMeters: 10_000, yMeters: 5_000, pressurePa: 8100, elapsedSeconds: 180, errorU: 1.5, errorV: -0.5)
        gp.observe(xMeters: 20_000, yMeters: 8_000, pressurePa: 8300, elapsedSeconds: 360, errorU: 1.0, errorV: 0.0)
        return gp
    }

    func query(_ gp: WindGP, _ pressures: [Double], x: Double = 20_000, y: Double = 8_000, t: Double = 360)
        -> (u: [Double], v: [Double], uncertainty: [Double])
    {
        queryGP(gp, pressures, x: x, y: y, t: t)
    }

    func testPosteriorMatchesBLEGoldenValues() {
        let golden: [(p: Double, u: Double, v: Double, s: Double)] = [
            (5000, 0.000201, -0.000100, 1.000000),
            (8000, 1.877859, -0.913540, 0.114034),
            (8300, 0.998980, -0.001472, 0.003837),
            (9000, 0.116813, -0.000252, 0.986409),
            (14000, 0.000000, -0.000000, 1.000000),
        ]
        let result = query(goldenGP(), golden.map(\.p))
        for (index, g) in golden.enumerated() {
            assertClose(result.u[index], g.u, absolute: 5e-7, "mean u at \(g.p) Pa")
            assertClose(result.v[index], g.v, absolute: 5e-7, "mean v at \(g.p) Pa")
            assertClose(result.uncertainty[index], g.s, absolute: 5e-7, "uncertainty at \(g.p) Pa")
        }
    }

    func testWithoutObservationsTheMeanAndUncertaintyAreZeroAsInBLE() {
        let result = query(WindGP(), [7000, 9000])
        XCTAssertEqual(result.u, [0, 0])
        XCTAssertEqual(result.uncertainty, [0, 0])
    }

    func testObservationsSixHoursOldAreIgnored() {
        let gp = WindGP()
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 0, errorU: 2, errorV: 1)
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 21_600, errorU: -1, errorV: 0)
        let atSixHours = query(gp, [8000], x: 0, y: 0, t: 21_600)
        let alone = WindGP()
        alone.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 21_600, errorU: -1, errorV: 0)
        XCTAssertEqual(atSixHours.u, query(alone, [8000], x: 0, y: 0, t: 21_600).u)
        XCTAssertEqual(gp.observationCount, 1, "the first observation can never be in a window again")
    }

    func testAQueryJustBeforeSixHoursStillUsesTheOldObservation() {
        let gp = WindGP()
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 0, errorU: 2, errorV: 1)
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 21_420, errorU: -1, errorV: 0)
        XCTAssertEqual(gp.observationCount, 2)
    }
}

/// The fast paths of the GP (sliding Cholesky factor, blocked solve, vectorised exp) against the
/// direct computation scikit-learn does: results may differ only by round-off.
final class WindGPAccuracyTests: XCTestCase {
    /// A deterministic stand-in for a balloon flight: a random walk in (x, y, P), 3-minute steps,
    /// smooth forecast errors.
    struct Flight {
        struct Point { var x, y, p, t, u, v: Double }
        var points: [Point] = []

        init(steps: Int, stepSeconds: Double = 180, seed: UInt64 = 1) {
            var state = seed
            func uniform() -> Double {  // SplitMix64 → [−1, 1)
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return Double((z ^ (z >> 31)) >> 11) / Double(1 << 52) - 1
            }
            var (x, y, p, vx, vy, u, v) = (30_000.0, -20_000.0, 9_000.0, 5.0, -3.0, 1.0, -0.5)
            for step in 0..<steps {
                vx += 0.5 * uniform(); vy += 0.5 * uniform()
                x += vx * stepSeconds; y += vy * stepSeconds
                p += 40 * uniform()
                if p < 5_500 || p > 13_500 { p = min(max(p, 5_500), 13_500) }
                u += 0.2 * uniform(); v += 0.2 * uniform()
                points.append(Point(x: x, y: y, p: p, t: Double(step) * stepSeconds, u: u, v: v))
            }
        }
    }

    /// scikit-learn's computation, spelled out: K + αI, its Cholesky factor, α = K⁻¹E, mean K*·α,
    /// variance σ² − ‖L⁻¹k*‖² (no incremental update, no blocking, libm's exp).
    struct Reference {
        var points: [SIMD4<Double>]
        var errors: [(u: Double, v: Double)]

        init(_ window: [Flight.Point]) {
            points = window.map { WindGP.scaled($0.x, $0.y, $0.p, $0.t) }
            errors = window.map { ($0.u, $0.v) }
        }

        static func kernel(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> Double {
            WindGP.signalVariance * exp(-WindGP.distance(a, b))
        }

        /// The lower Cholesky factor, row-major.
        var factor: [Double] {
            let n = points.count
            var L = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in 0...i {
                    var sum = i == j ? WindGP.signalVariance + WindGP.noiseVariance : Self.kernel(points[i], points[j])
                    for k in 0..<j { sum -= L[i * n + k] * L[j * n + k] }
                    L[i * n + j] = i == j ? sum.squareRoot() : sum / L[j * n + j]
                }
            }
            return L
        }

        func forward(_ L: [Double], _ b: [Double]) -> [Double] {
            let n = points.count
            var x = b
            for i in 0..<n {
                for k in 0..<i { x[i] -= L[i * n + k] * x[k] }
                x[i] /= L[i * n + i]
            }
            return x
        }

        func backward(_ L: [Double], _ b: [Double]) -> [Double] {
            let n = points.count
            var x = b
            for i in stride(from: n - 1, through: 0, by: -1) {
                for k in (i + 1)..<n { x[i] -= L[k * n + i] * x[k] }
                x[i] /= L[i * n + i]
            }
            return x
        }

        func posterior(x: Double, y: Double, t: Double, pressures: [Double]) -> (u: [Double], v: [Double], s: [Double]) {
            let L = factor
            let alphaU = backward(L, forward(L, errors.map(\.u)))
            let alphaV = backward(L, forward(L, errors.map(\.v)))
            var result = (u: [Double](), v: [Double](), s: [Double]())
            for pressure in pressures {
                let query = WindGP.scaled(x, y, pressure, t)
                let cross = points.map { Self.kernel(query, $0) }
                result.u.append(zip(cross, alphaU).reduce(0) { $0 + $1.0 * $1.1 })
                result.v.append(zip(cross, alphaV).reduce(0) { $0 + $1.0 * $1.1 })
                let explained = forward(L, cross).reduce(0) { $0 + $1 * $1 }
                let deviation = max(WindGP.signalVariance - explained, 0).squareRoot()
                result.s.append(deviation * deviation / WindGP.signalVariance)
            }
            return result
        }
    }

    /// The accessible column of a balloon near `p`: 121 levels, 50 Pa apart.
    func column(around p: Double) -> [Double] {
        let first = min(max(((p - 3_000 - 5_000) / 50).rounded(), 0), 180 - 120)
        return (0..<121).map { 5_000 + 50 * (first + Double($0)) }
    }

    func observe(_ gp: WindGP, _ point: Flight.Point) {
        gp.observe(xMeters: point.x, yMeters: point.y, pressurePa: point.p, elapsedSeconds: point.t,
                   errorU: point.u, errorV: point.v)
    }

    func query(_ gp: WindGP, x: Double, y: Double, t: Double, pressures: [Double])
        -> (u: [Double], v: [Double], s: [Double])
    {
        let r = queryGP(gp, pressures, x: x, y: y, t: t)
        return (r.u, r.v, r.uncertainty)
    }

    /// Largest |fast − reference| of the means and of the uncertainties seen by ``assertAgree``.
    var largestDifference = (mean: 0.0, uncertainty: 0.0)

    func assertAgree(_ fast: (u: [Double], v: [Double], s: [Double]), _ reference: (u: [Double], v: [Double], s: [Double]),
                     _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for k in fast.u.indices {
            largestDifference.mean = max(largestDifference.mean, abs(fast.u[k] - reference.u[k]), abs(fast.v[k] - reference.v[k]))
            largestDifference.uncertainty = max(largestDifference.uncertainty, abs(fast.s[k] - reference.s[k]))
            assertClose(fast.u[k], reference.u[k], absolute: 1e-12, relative: 1e-12, "\(what) mean u[\(k)]", file: file, line: line)
            assertClose(fast.v[k], reference.v[k], absolute: 1e-12, relative: 1e-12, "\(what) mean v[\(k)]", file: file, line: line)
            assertClose(fast.s[k], reference.s[k], absolute: 1e-13, "\(what) uncertainty[\(k)]", file: file, line: line)
        }
    }

    /// The window of `flight` at time t: observations within 6 h before (and at) t, and none after.
    func window(_ flight: Flight, through index: Int) -> [Flight.Point] {
        let t = flight.points[index].t
        return flight.points[...index].filter { t - $0.t < WindGP.windowSeconds }
    }

    func testVectorExpIsWithinHalfAnUlpOnTheKernelRange() {
        let table = UnsafePointer(VectorExp.table)
        var worst = 0.0
        var x = -45.0
        var inputs: [Double] = []
        while x <= 0 { inputs.append(x); x += 0.000_37 }  // 120 000 points, every table slot many times
        for k in stride(from: -707.0, through: 707, by: 0.013) { inputs.append(k) }
        inputs += [0, -0.0, 1e-300, -1e-300, 2.220446049250313e-16, -708.3, 708.3]
        while inputs.count % 4 != 0 { inputs.append(-1) }
        for start in stride(from: 0, to: inputs.count, by: 4) {
            let lanes = SIMD4(inputs[start], inputs[start + 1], inputs[start + 2], inputs[start + 3])
            let values = VectorExp.exp(lanes, table: table)
            for lane in 0..<4 {
                let input = inputs[start + lane]
                #if arch(x86_64) && !os(Windows)
                let exact = Foundation.exp(Float80(input))
                let error = Double(abs(Float80(values[lane]) - exact) / Float80(Double(exact).ulp))
                #else
                let exact = Foundation.exp(input)
                let error = abs(values[lane] - exact) / exact.ulp - 0.5  // libm itself is within ~0.5 ulp
                #endif
                worst = max(worst, error)
            }
        }
        XCTAssertLessThanOrEqual(worst, 0.52, "largest error, ulp")
        print("VectorExp: largest error \(worst) ulp over \(inputs.count) inputs")
        // Outside the table's range, lanes go to libm: underflow, overflow, NaN.
        let edge = VectorExp.exp(SIMD4(-800, 800, .nan, -1), table: table)
        XCTAssertEqual(edge[0], 0)
        XCTAssertEqual(edge[1], .infinity)
        XCTAssertTrue(edge[2].isNaN)
        XCTAssertEqual(edge[3], Foundation.exp(-1.0), accuracy: 1e-16)
    }

    func testTheSlidingFactorStaysAFreshCholeskyFactorOverALongEpisode() {
        let flight = Flight(steps: 1_500)
        let gp = WindGP()
        var worst = 0.0
        for index in flight.points.indices {
            observe(gp, flight.points[index])
            guard index % 37 == 0 || index == flight.points.count - 1 else { continue }
            let window = window(flight, through: index)
            XCTAssertEqual(gp.observationCount, window.count)
            let n = window.count
            let reference = Reference(window).factor
            var largest = 0.0, difference = 0.0
            for i in 0..<n {
                for j in 0...i {
                    largest = max(largest, abs(reference[i * n + j]))
                    difference = max(difference, abs(gp.factor.element(i, j) - reference[i * n + j]))
                }
            }
            worst = max(worst, difference / largest)
        }
        XCTAssertLessThan(worst, 1e-12, "largest |L_sliding − L_fresh| / max |L|")
        print("sliding Cholesky over 1 500 observations: largest relative difference from a fresh factor \(worst)")
    }

    func testThePosteriorMatchesTheDirectComputationOverALongEpisode() {
        let flight = Flight(steps: 1_100, seed: 7)
        let gp = WindGP()
        for index in flight.points.indices {
            let point = flight.points[index]
            observe(gp, point)
            guard index % 53 == 0 || index == flight.points.count - 1 else { continue }
            let pressures = column(around: point.p)
            let fast = query(gp, x: point.x, y: point.y, t: point.t, pressures: pressures)
            let reference = Reference(window(flight, through: index))
                .posterior(x: point.x, y: point.y, t: point.t, pressures: pressures)
            assertAgree(fast, reference, "step \(index)")
        }
        print("posterior over 1 100 observations: largest |Δmean| \(largestDifference.mean) m/s, "
            + "|Δuncertainty| \(largestDifference.uncertainty)")
    }

    func testAQueryAtAnotherTimeUsesItsOwnWindow() {
        let flight = Flight(steps: 200, seed: 3)
        let gp = WindGP()
        for point in flight.points { observe(gp, point) }
        let last = flight.points.last!
        // Earlier (a prefix of the stored observations), later (a suffix), far later (none), odd pressures.
        for t in [last.t - 6.5 * 3600, last.t - 20, last.t + 2 * 3600, last.t + 5.9 * 3600] {
            let pressures = [5_000, 7_777.7, last.p, 9_100, 14_000]
            let fast = query(gp, x: last.x + 1_000, y: last.y - 2_000, t: t, pressures: pressures)
            let window = flight.points.filter { last.t - $0.t < WindGP.windowSeconds && abs($0.t - t) < WindGP.windowSeconds }
            let reference = Reference(window).posterior(x: last.x + 1_000, y: last.y - 2_000, t: t, pressures: pressures)
            assertAgree(fast, reference, "query at \(t) s")
        }
        let none = query(gp, x: last.x, y: last.y, t: last.t + 7 * 3600, pressures: [8_000])
        XCTAssertEqual(none.u, [0])
        XCTAssertEqual(none.s, [0])
        // The stored factor is untouched by those queries.
        let fast = query(gp, x: last.x, y: last.y, t: last.t, pressures: column(around: last.p))
        let reference = Reference(window(flight, through: flight.points.count - 1))
            .posterior(x: last.x, y: last.y, t: last.t, pressures: column(around: last.p))
        assertAgree(fast, reference, "query at the last observation")
    }

    func testWindowsOfMoreThan128ObservationsGrowTheBuffers() {
        // One observation a minute: 360 in the 6-hour window.
        let flight = Flight(steps: 420, stepSeconds: 60, seed: 11)
        let gp = WindGP()
        for point in flight.points { observe(gp, point) }
        XCTAssertEqual(gp.observationCount, 360)
        let last = flight.points.last!
        let pressures = column(around: last.p)
        assertAgree(query(gp, x: last.x, y: last.y, t: last.t, pressures: pressures),
                    Reference(window(flight, through: flight.points.count - 1))
                        .posterior(x: last.x, y: last.y, t: last.t, pressures: pressures),
                    "360 observations")
    }

    func testObservationsOutOfTimeOrderAreHandledAsBefore() {
        // The order BLE's GP never sees: times jump back and forth. The stored set is what it was
        // (stale observations dropped from the front only) and a query uses those within 6 h.
        let flight = Flight(steps: 90, seed: 13)
        let gp = WindGP()
        var held: [Flight.Point] = []
        for (index, var point) in flight.points.enumerated() {
            point.t = Double((index * 7_919) % 97) * 300  // a permutation of 0…8 h
            observe(gp, point)
            held.append(point)
            let stale = held.prefix { point.t - $0.t >= WindGP.windowSeconds }.count
            held.removeFirst(stale)
            XCTAssertEqual(gp.observationCount, held.count)
            guard index % 9 == 0 else { continue }
            for t in [point.t, point.t - 5_000, point.t + 13_000] {
                let pressures = column(around: point.p)
                let fast = query(gp, x: point.x, y: point.y, t: t, pressures: pressures)
                let window = held.filter { abs($0.t - t) < WindGP.windowSeconds }
                let reference = window.isEmpty
                    ? (u: pressures.map { _ in 0.0 }, v: pressures.map { _ in 0.0 }, s: pressures.map { _ in 0.0 })
                    : Reference(window).posterior(x: point.x, y: point.y, t: t, pressures: pressures)
                assertAgree(fast, reference, "observation \(index), query at \(t) s")
            }
        }
    }

    func testEveryInstructionSetGivesTheSameBitsOverALongEpisode() {
        let flight = Flight(steps: 400, seed: 17)
        let sets = [LOONSIM_ISA_PORTABLE, LOONSIM_ISA_AVX2, LOONSIM_ISA_AVX512].filter { loonsim_isa_supported($0) != 0 }
        let gps = sets.map { WindGP(instructionSet: $0) }
        for (index, point) in flight.points.enumerated() {
            for gp in gps { observe(gp, point) }
            guard index % 29 == 0 else { continue }
            let pressures = column(around: point.p)
            // The running factor's window, and one of its own (a query earlier in the episode).
            for t in [point.t, point.t - 3 * 3600] {
                let results = gps.map { query($0, x: point.x, y: point.y, t: t, pressures: pressures) }
                for (isa, result) in zip(sets, results).dropFirst() {
                    let what = "step \(index), query at \(t) s, instruction set \(isa.rawValue)"
                    XCTAssertEqual(result.u.map(\.bitPattern), results[0].u.map(\.bitPattern), what)
                    XCTAssertEqual(result.v.map(\.bitPattern), results[0].v.map(\.bitPattern), what)
                    XCTAssertEqual(result.s.map(\.bitPattern), results[0].s.map(\.bitPattern), what)
                }
            }
        }
    }

    func testTheSameObservationsGiveTheSameBits() {
        let flight = Flight(steps: 300, seed: 5)
        let first = WindGP(), second = WindGP()
        for point in flight.points.prefix(50) { observe(second, point) }
        second.reset()
        for point in flight.points {
            observe(first, point)
            observe(second, point)
        }
        let last = flight.points.last!
        let pressures = column(around: last.p)
        let a = query(first, x: last.x, y: last.y, t: last.t, pressures: pressures)
        let b = query(second, x: last.x, y: last.y, t: last.t, pressures: pressures)
        XCTAssertEqual(a.u.map(\.bitPattern), b.u.map(\.bitPattern))
        XCTAssertEqual(a.v.map(\.bitPattern), b.v.map(\.bitPattern))
        XCTAssertEqual(a.s.map(\.bitPattern), b.s.map(\.bitPattern))
        // And a repeated query gives the same bits again.
        let c = query(first, x: last.x, y: last.y, t: last.t, pressures: pressures)
        XCTAssertEqual(a.s.map(\.bitPattern), c.s.map(\.bitPattern))
    }
}
