/// `exp(x)` for Float in straight-line arithmetic, so that loops over it vectorise.
///
/// Cephes' `expf` scheme: x = n·ln2 + r with n = round(x·log₂e) and |r| ≤ ln2/2 (ln2 split
/// in two for an exact reduction), a degree-6 polynomial for eʳ, and 2ⁿ built from its
/// bits. Relative error within about 2 ulp of the true value over the clamped range
/// [−87.33, 88.37]; below it the result is e^−87.33 ≈ 1.2·10⁻³⁸ (not 0), above it e^88.37.
/// Pure IEEE additions and multiplications, so every platform gets the same bits.
@inline(__always)
func fastExp(_ x: Float) -> Float {
    let clamped = min(max(x, -87.33654), 88.37626)
    // Round to nearest by adding and removing 1.5·2²³ (no rint call, so the loop vectorises
    // on baseline x86-64 too).
    let roundingShift: Float = 12_582_912
    let n = (clamped * 1.442_695_04 + roundingShift) - roundingShift
    let r = (clamped - n * 0.693_359_375) - n * -2.121_944_4e-4
    let r2 = r * r
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_950_7e-3
    p = p * r + 8.333_451_907_3e-3
    p = p * r + 4.166_579_589_4e-2
    p = p * r + 1.666_666_545_9e-1
    p = p * r + 5.000_000_120_1e-1
    let er = p * r2 + r + 1
    // 2ⁿ: n is in −126…127 after the clamp, so the biased exponent stays normal.
    let twoToN = Float(bitPattern: UInt32(truncatingIfNeeded: Int32(n) + 127) << 23)
    return er * twoToN
}
