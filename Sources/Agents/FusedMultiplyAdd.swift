/// `a·b + c` in float32 with one rounding, as an FMA instruction computes it, without calling libm.
///
/// The product of two floats is exact in a double (24 + 24 bits), so the double sum is the exact
/// result rounded once; rounding that double to float gives the fused result except when the double
/// lands exactly on a float rounding midpoint (its low 29 fraction bits `0x1000_0000`), or outside
/// float's normal range. Those rare cases fall back to `addingProduct`, which is the exact libm `fmaf`
/// (Swift builds for baseline x86-64, where that is a call). Bit-identical to hardware FMA for
/// every input; about as fast as a plain multiply-add on the common path.
@inlinable @inline(__always)
internal func fusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let sum = Double(a) * Double(b) + Double(c)
    let magnitude = abs(sum)
    if sum.bitPattern & 0x1FFF_FFFF != 0x1000_0000,
       magnitude >= Double(Float.leastNormalMagnitude), magnitude <= Double(Float.greatestFiniteMagnitude) {
        return Float(sum)
    }
    return c.addingProduct(a, b)
}
