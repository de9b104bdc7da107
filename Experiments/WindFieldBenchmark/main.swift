// Wind-field speed: single lookups, 181-level columns and VAE decodes, each against a
// straightforward reference implementation timed in the same run (machines here are shared
// and noisy, so the ratio is the figure to trust).
//
//     swift run -c release WindFieldBenchmark [--quick]
//
// Targets (issue "Foundation"): a column of 181 levels < 5 µs, a single lookup < 100 ns,
// a decode < 20 ms, all on one core.

import Foundation
import WindField

let quick = CommandLine.arguments.contains("--quick")

/// Runs `body` `iterations` times per round, several rounds; returns the best time per call in ns.
func bestNanoseconds(iterations: Int, rounds: Int = quick ? 3 : 7, _ body: (Int) -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<iterations { body(index) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
        best = min(best, elapsed / Double(iterations))
    }
    return best
}

/// Keeps results alive so the optimiser cannot drop the work.
var sink = 0.0

// MARK: Reference implementations (what a first version would write)

/// Textbook N-dimensional multilinear interpolation over the file layout `(time, pressure, y, x)`:
/// binary search on every axis, weights in arrays, one pass over the 2^4 corners.
func referenceLookup(_ grid: WindGrid, xKm: Double, yKm: Double, pressurePa: Double, hours: Double) -> (Double, Double) {
    let axes = [grid.time.values, grid.pressure.values, grid.y.values, grid.x.values]
    let query = [hours, pressurePa, yKm, xKm]
    var lower = [Int](repeating: 0, count: 4)
    var fraction = [Double](repeating: 0, count: 4)
    for dimension in 0..<4 {
        let values = axes[dimension]
        let q = min(max(query[dimension], values.first!), values.last!)
        var i = 0
        while i < values.count - 2 && values[i + 1] <= q { i += 1 }
        lower[dimension] = i
        fraction[dimension] = (q - values[i]) / (values[i + 1] - values[i])
    }
    var u = 0.0
    var v = 0.0
    for corner in 0..<16 {
        var index = 0
        var weight = 1.0
        for dimension in 0..<4 {
            let upper = (corner >> (3 - dimension)) & 1
            index = index * axes[dimension].count + lower[dimension] + upper
            weight *= upper == 1 ? fraction[dimension] : 1 - fraction[dimension]
        }
        u += Double(grid.u[index]) * weight
        v += Double(grid.v[index]) * weight
    }
    return (u, v)
}

/// Textbook dense layers on `[Float]` with nested loops, for the decoder's matrix-vector products.
func referenceDense(_ input: [Float], kernel: [Float], bias: [Float], relu: Bool) -> [Float] {
    var output = bias
    for j in 0..<bias.count {
        var sum: Float = 0
        for i in 0..<input.count { sum += input[i] * kernel[i * bias.count + j] }
        output[j] += sum
        if relu && output[j] < 0 { output[j] = 0 }
    }
    return output
}

// MARK: Set-up

let decoder = try VAEDecoder.loadDefault()
let grid = try GenerativeWinds.forecast(latents: GenerativeWinds.latents(seed: 0), decoder: decoder,
                                        startTime: Date(timeIntervalSince1970: 0), source: "benchmark")
let field = try GriddedWindField(grid)
var random = SystemRandomNumberGenerator()
let queryCount = 4096
let queries: [(x: Double, y: Double, p: Double, t: Double)] = (0..<queryCount).map { _ in
    (Double.random(in: -400_000...400_000, using: &random), Double.random(in: -400_000...400_000, using: &random),
     Double.random(in: 5_000...14_000, using: &random), Double.random(in: 0...172_800, using: &random))
}
let levels = (0...180).map { 5_000 + 50 * Double($0) }
var columnU = [Double](repeating: 0, count: levels.count)
var columnV = columnU

// Sanity: the fast paths agree with the reference before anything is timed.
for q in queries.prefix(256) {
    let fast = field.wind(xMeters: q.x, yMeters: q.y, pressurePa: q.p, elapsedSeconds: q.t)
    let slow = referenceLookup(grid, xKm: Double(Float(q.x / 1000)), yKm: Double(Float(q.y / 1000)),
                               pressurePa: Double(Float(q.p)), hours: Double(Float(q.t / 3600)))
    precondition(abs(fast.u - slow.0) < 1e-3 && abs(fast.v - slow.1) < 1e-3, "fast and reference lookups disagree")
}

// MARK: Measurements

let lookupIterations = quick ? 200_000 : 2_000_000
let singleFast = bestNanoseconds(iterations: lookupIterations) { index in
    let q = queries[index & (queryCount - 1)]
    let wind = field.wind(xMeters: q.x, yMeters: q.y, pressurePa: q.p, elapsedSeconds: q.t)
    sink += wind.u + wind.v
}
let singleReference = bestNanoseconds(iterations: lookupIterations / 10) { index in
    let q = queries[index & (queryCount - 1)]
    let wind = referenceLookup(grid, xKm: q.x / 1000, yKm: q.y / 1000, pressurePa: q.p, hours: q.t / 3600)
    sink += wind.0 + wind.1
}

let columnIterations = quick ? 10_000 : 100_000
let columnFast = levels.withUnsafeBufferPointer { pressures in
    columnU.withUnsafeMutableBufferPointer { u in
        columnV.withUnsafeMutableBufferPointer { v in
            bestNanoseconds(iterations: columnIterations) { index in
                let q = queries[index & (queryCount - 1)]
                field.column(xMeters: q.x, yMeters: q.y, elapsedSeconds: q.t, pressuresPa: pressures, u: u, v: v)
                sink += u[90]
            }
        }
    }
}
let columnReference = bestNanoseconds(iterations: columnIterations / 20) { index in
    let q = queries[index & (queryCount - 1)]
    for pressure in levels {
        sink += referenceLookup(grid, xKm: q.x / 1000, yKm: q.y / 1000, pressurePa: pressure, hours: q.t / 3600).0
    }
}

let latents = GenerativeWinds.latents(seed: 1)
let decodeIterations = quick ? 20 : 100
let decodeFast = bestNanoseconds(iterations: decodeIterations) { _ in sink += Double(decoder.decode(latents: latents)[0]) }
let decodeReference = bestNanoseconds(iterations: quick ? 2 : 5, rounds: quick ? 2 : 3) { _ in
    var activation = latents
    for layer in 0..<4 {
        activation = referenceDense(activation, kernel: decoder.weights.kernels[layer], bias: decoder.weights.biases[layer],
                                    relu: layer < 3)
    }
    sink += Double(activation[0])
}

// MARK: Report

func row(_ name: String, _ fast: Double, _ reference: Double, target: Double, unit: String, scale: Double) -> String {
    let status = fast <= target ? "meets" : "misses"
    return name.padding(toLength: 34, withPad: " ", startingAt: 0)
        + String(format: "%12.3f %@ %14.3f %@ %9.1f×   %@ %g %@", fast / scale, unit, reference / scale, unit,
                 reference / fast, status, target / scale, unit)
}

print("loonsim wind-field benchmark (one core\(quick ? ", quick" : ""); best of several rounds)")
print("operation".padding(toLength: 34, withPad: " ", startingAt: 0)
    + "        loonsim       reference    speed-up   target")
print(row("single lookup (u, v)", singleFast, singleReference, target: 100, unit: "ns", scale: 1))
print(row("column of 181 levels", columnFast, columnReference, target: 5_000, unit: "µs", scale: 1_000))
print(row("VAE decode (64 → 21×21×10×9×2)", decodeFast, decodeReference, target: 20_000_000, unit: "ms", scale: 1_000_000))
print(String(format: "lookups per second: %.3g single, %.3g columns (%.3g levels/s)",
             1e9 / singleFast, 1e9 / columnFast, 181e9 / columnFast))
if sink == 42 { print("") }  // keeps `sink` observable
