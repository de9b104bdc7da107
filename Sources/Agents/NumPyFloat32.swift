/// NumPy's float32 arithmetic where it is not IEEE's correctly rounded result: `np.exp` on float32.
///
/// BLE's StationSeeker calls `np.exp` on float32 values (ble-reference.md §6.1). On x86-64 with
/// AVX2+FMA or AVX-512F (every machine BLE's reference runs used), NumPy computes it with its own
/// SIMD kernel (`simd_exp_FLOAT` in `loops_exponent_log.dispatch.c.src`, NumPy 1.17 to at least 2.4):
/// Cody–Waite range reduction and a Remez rational approximation, up to 2.52 ulp from the true value.
/// About 40 % of its results differ from correctly rounded `expf` by one ulp, enough to flip
/// StationSeeker's near-ties, so this is a re-implementation of that kernel's arithmetic, operation
/// for operation. It was checked bit for bit against NumPy 2.4.6 on 400 000 inputs in [−104, 89]
/// (AVX2 and AVX-512F dispatch alike); the tests pin 13 of them.
public enum NumPyFloat32 {

    /// `np.exp(x)` for a float32 `x`, bit-identical to NumPy's AVX2/AVX-512F kernel.
    ///
    /// x ≥ 88.7228… gives +∞, x ≤ −103.972… gives 0, NaN gives NaN; results below 2⁻¹²⁶ are
    /// subnormal, rounded as NumPy rounds them.
    @inlinable
    public static func exp(_ x: Float) -> Float {
        if x.isNaN { return .nan }
        if x >= Kernel.overflowThreshold { return .infinity }
        if x <= Kernel.underflowThreshold { return 0 }

        // k = rint(x·log₂e) by the magic-number trick; y = x − k·ln 2 in two FMA steps.
        let k = (x * Kernel.log2e + Kernel.roundingMagic) - Kernel.roundingMagic
        var y = fusedMultiplyAdd(k, Kernel.ln2High, x)
        y = fusedMultiplyAdd(k, Kernel.ln2Low, y)

        var numerator = fusedMultiplyAdd(Kernel.p5, y, Kernel.p4)
        numerator = fusedMultiplyAdd(numerator, y, Kernel.p3)
        numerator = fusedMultiplyAdd(numerator, y, Kernel.p2)
        numerator = fusedMultiplyAdd(numerator, y, Kernel.p1)
        numerator = fusedMultiplyAdd(numerator, y, Kernel.p0)
        var denominator = fusedMultiplyAdd(Kernel.q2, y, Kernel.q1)
        denominator = fusedMultiplyAdd(denominator, y, Kernel.q0)
        let ratio = numerator / denominator

        // ratio·2ᵏ by adding k to the exponent bits; below 2⁻¹²⁵ NumPy scales by 2⁻¹²⁵ that way
        // and divides by the remaining power of two, which rounds the subnormal once.
        if k <= -125 {
            let scaled = Float(bitPattern: ratio.bitPattern &+ UInt32(bitPattern: Int32(-125) << 23))
            return scaled / Float(Int32(1) << Int32(-125 - k))
        }
        return Float(bitPattern: ratio.bitPattern &+ UInt32(bitPattern: Int32(k) << 23))
    }

    /// The kernel's constants, as float32 bit patterns (NumPy's `npy_simd_data.h` / `npy_math.h`).
    @usableFromInline
    enum Kernel {
        @inlinable static var overflowThreshold: Float { Float(bitPattern: 0x42B1_7218) }   // 88.72283935546875
        @inlinable static var underflowThreshold: Float { Float(bitPattern: 0xC2CF_F1B5) }  // −103.97208404541015625
        @inlinable static var log2e: Float { Float(bitPattern: 0x3FB8_AA3B) }
        @inlinable static var roundingMagic: Float { Float(bitPattern: 0x4B40_0000) }       // 1.5·2²³
        @inlinable static var ln2High: Float { Float(bitPattern: 0xBF31_7200) }             // −ln 2, high part
        @inlinable static var ln2Low: Float { Float(bitPattern: 0xB5BF_BE8E) }              // −ln 2, low part
        @inlinable static var p0: Float { Float(bitPattern: 0x3F80_0000) }
        @inlinable static var p1: Float { Float(bitPattern: 0x3F39_CBD5) }
        @inlinable static var p2: Float { Float(bitPattern: 0x3E7D_4C58) }
        @inlinable static var p3: Float { Float(bitPattern: 0x3D51_7D8C) }
        @inlinable static var p4: Float { Float(bitPattern: 0x3BDD_7159) }
        @inlinable static var p5: Float { Float(bitPattern: 0x3A05_3DD8) }
        @inlinable static var q0: Float { Float(bitPattern: 0x3F80_0000) }
        @inlinable static var q1: Float { Float(bitPattern: 0xBE8C_6857) }
        @inlinable static var q2: Float { Float(bitPattern: 0x3CB0_E832) }
    }
}
