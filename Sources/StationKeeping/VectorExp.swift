import CWindKernels
import Foundation

/// A vectorised `exp` for the wind GP's kernel values, within about half an ulp.
///
/// The algorithm is the table-driven one of ARM's optimized-routines (also glibc's `exp`):
/// `x = (e·128 + j)·ln2/128 + r` with `|r| ≤ ln2/256`, `exp(x) = 2^e · 2^(j/128) · exp(r)`,
/// `2^(j/128)` from a 128-entry table (a double and its relative tail) and `exp(r) − 1` from its
/// degree-5 Taylor polynomial (truncation below 2⁻⁶⁰). It uses no fused multiply-add, so it rounds
/// the same on every IEEE-754 machine; against `Float80` its error stays below 0.51 ulp (see
/// `WindGPAccuracyTests`). Lanes with `|x| ≥ 700` (where `2^e·p` could be subnormal) or NaN go
/// to `Foundation.exp`. CWindKernels' `loonsim_exp_groups` computes the same function, bit for bit, in
/// wider SIMD.
enum VectorExp {
    /// `N/ln 2` with `N = 128`.
    static let inverseLn2N = 0x1.71547652b82fep7
    /// `ln 2/N` split in two: the high part has 32 significant bits, so `k·high` is exact for |k| < 2²¹.
    static let ln2HighN = 0x1.62e42fee00000p-8
    static let ln2LowN = 0x1.a39ef35793c76p-40
    /// `1.5·2⁵²`: adding it rounds a double of magnitude < 2⁵¹ to an integer held in the low bits.
    static let roundingShift = 0x1.8p52

    /// For each `j < 128`: the relative tail of `2^(j/128)` (`2^(j/128) = h·(1 + tail)`) and the bits
    /// of `h` less `j << 45`, so that adding `k << 45` (k = e·128 + j) yields the bits of `2^e·h`.
    /// One table for this type and the C kernels (CWindKernels' ExpTable.c).
    nonisolated(unsafe) static let table: UnsafePointer<UInt64> = loonsim_exp_table_entries()

    /// `exp(x)` lane by lane, each within about 0.51 ulp of the exact value.
    @inline(__always)
    static func exp(_ x: SIMD4<Double>, table: UnsafePointer<UInt64>) -> SIMD4<Double> {
        guard all((x .> -700) .& (x .< 700)) else {
            return SIMD4(Foundation.exp(x[0]), Foundation.exp(x[1]), Foundation.exp(x[2]), Foundation.exp(x[3]))
        }
        return exp(inRange: x, table: table)
    }

    /// `exp(x)` for lanes known to satisfy `|x| < 700` (no check).
    @inline(__always)
    static func exp(inRange x: SIMD4<Double>, table: UnsafePointer<UInt64>) -> SIMD4<Double> {
        SIMD4(lowHalf: exp(inRange: x.lowHalf, table: table), highHalf: exp(inRange: x.highHalf, table: table))
    }

    /// `exp(x)` for lanes known to satisfy `|x| < 700` (no check).
    @inline(__always)
    static func exp(inRange x: SIMD2<Double>, table: UnsafePointer<UInt64>) -> SIMD2<Double> {
        // x = k·ln2/N + r, k = round(x·N/ln2) read from the low bits of x·N/ln2 + 1.5·2⁵².
        let shifted = x * inverseLn2N + roundingShift
        let k = unsafeBitCast(shifted, to: SIMD2<UInt64>.self)
        let kd = shifted - roundingShift
        let r = (x - kd * ln2HighN) - kd * ln2LowN
        // Table entry j = k mod N: (tail, bits − j << 45), one 16-byte load per lane.
        let j = k & 127
        let a = UnsafeRawPointer(table + Int(truncatingIfNeeded: 2 &* j[0])).loadUnaligned(as: SIMD2<UInt64>.self)
        let b = UnsafeRawPointer(table + Int(truncatingIfNeeded: 2 &* j[1])).loadUnaligned(as: SIMD2<UInt64>.self)
        let tail = unsafeBitCast(SIMD2<UInt64>(a[0], b[0]), to: SIMD2<Double>.self)
        // 2^(k/N) = 2^(k div N)·2^(j/N): add k << 45 to the bits, so the exponent grows by k div N.
        let scale = unsafeBitCast(SIMD2<UInt64>(a[1], b[1]) &+ (k &<< 45), to: SIMD2<Double>.self)
        // exp(r) − 1 by Taylor to r⁵ (|r| ≤ ln2/256: the next term is below 2⁻⁶⁰), plus the table's tail.
        let r2 = r * r
        let c2: SIMD2<Double> = 0.5 + r * (1.0 / 6)
        let c4: SIMD2<Double> = (1.0 / 24) + r * (1.0 / 120)
        var polynomial: SIMD2<Double> = tail + r
        polynomial += r2 * c2
        polynomial += (r2 * r2) * c4
        return scale + scale * polynomial
    }
}
