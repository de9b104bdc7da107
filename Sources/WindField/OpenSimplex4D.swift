/// Kurt Spencer's 2014 OpenSimplex gradient noise in four dimensions, computed exactly as the
/// Python package `opensimplex` 0.3 computes `OpenSimplex(seed).noise4d(x, y, z, w)`.
///
/// This is the noise behind BLE's wind noise (reference §3.2; golden values §12.6). Later
/// `opensimplex` releases changed the algorithm, so only 0.3 matches BLE.
///
/// The value is a smooth function of the point, within about ±0.76 (variance ≈ 0.06), and about 0
/// at the origin whatever the seed (1e-60: 0.3's truncated constants do not cancel exactly), which is
/// why BLE offsets every harmonic. A generator is an immutable 256-byte permutation; evaluating it
/// allocates nothing and is safe from any thread.
///
/// Three entry points run the same algorithm in the floating-point types BLE's Python ends up
/// using (under NumPy 2, an `np.float32` combined with a Python float stays float32):
/// `noise(_:_:_:_:)` on `Double`s is `noise4d` on Python floats; `noise(_:_:_:_:)` on `Float`s is
/// `noise4d` on `np.float32` coordinates; ``noise(_:_:_:float32W:)`` is `noise4d` on `np.float64`
/// x, y, z and an `np.float32` w. Each rounds every operation as the Python does, so the results
/// agree to the last bit.
///
/// Coordinates must be finite, and their floors must fit in `Int` (|coordinate| < 2⁶²). Python
/// raises on NaN; here a NaN or out-of-range coordinate gives an unspecified value.
public struct OpenSimplex4D: Sendable {

    // MARK: Constants (opensimplex 0.3 module constants; reference §3.2)

    /// `STRETCH_CONSTANT_4D`, dimensionless: (1/√(4+1) − 1)/4, as the truncated literal 0.3 uses.
    public static let stretch = -0.138196601125011
    /// `SQUISH_CONSTANT_4D`, dimensionless: (√(4+1) − 1)/4, as the truncated literal 0.3 uses.
    public static let squish = 0.309016994374947
    /// `NORM_CONSTANT_4D`: the sum of the contributions is divided by this, dimensionless.
    public static let normalization = 30

    /// `GRADIENTS_4D`: 64 gradient vectors (x, y, z, w), all permutations of (±3, ±1, ±1, ±1),
    /// in opensimplex 0.3's order. A vertex's gradient starts at index `perm[…] & 0xFC`.
    public static let gradients: [Int8] = [
         3,  1,  1,  1,    1,  3,  1,  1,    1,  1,  3,  1,    1,  1,  1,  3,
        -3,  1,  1,  1,   -1,  3,  1,  1,   -1,  1,  3,  1,   -1,  1,  1,  3,
         3, -1,  1,  1,    1, -3,  1,  1,    1, -1,  3,  1,    1, -1,  1,  3,
        -3, -1,  1,  1,   -1, -3,  1,  1,   -1, -1,  3,  1,   -1, -1,  1,  3,
         3,  1, -1,  1,    1,  3, -1,  1,    1,  1, -3,  1,    1,  1, -1,  3,
        -3,  1, -1,  1,   -1,  3, -1,  1,   -1,  1, -3,  1,   -1,  1, -1,  3,
         3, -1, -1,  1,    1, -3, -1,  1,    1, -1, -3,  1,    1, -1, -1,  3,
        -3, -1, -1,  1,   -1, -3, -1,  1,   -1, -1, -3,  1,   -1, -1, -1,  3,
         3,  1,  1, -1,    1,  3,  1, -1,    1,  1,  3, -1,    1,  1,  1, -3,
        -3,  1,  1, -1,   -1,  3,  1, -1,   -1,  1,  3, -1,   -1,  1,  1, -3,
         3, -1,  1, -1,    1, -3,  1, -1,    1, -1,  3, -1,    1, -1,  1, -3,
        -3, -1,  1, -1,   -1, -3,  1, -1,   -1, -1,  3, -1,   -1, -1,  1, -3,
         3,  1, -1, -1,    1,  3, -1, -1,    1,  1, -3, -1,    1,  1, -1, -3,
        -3,  1, -1, -1,   -1,  3, -1, -1,   -1,  1, -3, -1,   -1,  1, -1, -3,
         3, -1, -1, -1,    1, -3, -1, -1,    1, -1, -3, -1,    1, -1, -1, -3,
        -3, -1, -1, -1,   -1, -3, -1, -1,   -1, -1, -3, -1,   -1, -1, -1, -3,
    ]

    /// Multiplier of the seeding LCG (Knuth's MMIX constant), applied with 64-bit wrap-around.
    static let lcgMultiplier: Int64 = 6_364_136_223_846_793_005
    /// Increment of the seeding LCG.
    static let lcgIncrement: Int64 = 1_442_695_040_888_963_407

    // MARK: State

    /// The seed this generator was made from.
    public let seed: Int64

    /// The permutation of 0…255 drawn from the seed (opensimplex 0.3's `_perm`).
    ///
    /// For seed 0 it starts 254, 50, 92, 24, 36, 10, 190, 16 (reference §12.6).
    public let permutation: [UInt8]

    /// Makes the generator `opensimplex.OpenSimplex(seed)` (version 0.3) makes.
    ///
    /// The seed drives a 64-bit linear congruential generator `s ← s·6364136223846793005 +
    /// 1442695040888963407` (two's-complement wrap, as 0.3's `ctypes.c_int64`), advanced three
    /// times; then for i = 255 … 0 it is advanced once more and `r = (s + 31) mod (i + 1)`, taken
    /// non-negative and without wrapping `s + 31` (Python integers do not wrap), picks the next
    /// entry of a Fisher–Yates shuffle of 0…255. Any `Int64` is a valid seed; BLE draws seeds in
    /// [0, 1 634 753 849).
    public init(seed: Int64) {
        self.seed = seed
        var source = (0...255).map { UInt8($0) }
        var permutation = [UInt8](repeating: 0, count: 256)
        var state = seed
        for _ in 0..<3 { state = state &* Self.lcgMultiplier &+ Self.lcgIncrement }
        for i in stride(from: 255, through: 0, by: -1) {
            state = state &* Self.lcgMultiplier &+ Self.lcgIncrement
            let modulus = Int64(i + 1)
            // (state + 31) mod (i + 1) without forming state + 31, which may leave Int64.
            var r = (state % modulus + 31) % modulus
            if r < 0 { r += modulus }
            permutation[i] = source[Int(r)]
            source[Int(r)] = source[i]
        }
        self.permutation = permutation
    }

    // MARK: Evaluation

    /// The noise at (x, y, z, w): `noise4d(x, y, z, w)` on Python floats, in float64 throughout.
    public func noise(_ x: Double, _ y: Double, _ z: Double, _ w: Double) -> Double {
        evaluate(x, y, z, w, as: Double.self)
    }

    /// The noise at (x, y, z, w) as `noise4d` computes it on `np.float32` coordinates under NumPy 2:
    /// every operation rounded to float32, and each float64 intermediate the Python forms from
    /// integers (the lattice origin, 2·squish, …) rounded to float32 where it meets a coordinate.
    public func noise(_ x: Float, _ y: Float, _ z: Float, _ w: Float) -> Float {
        evaluate(x, y, z, w, as: Float.self)
    }

    /// The noise at (x, y, z, w) as `noise4d` computes it on `np.float64` x, y, z and an `np.float32`
    /// w under NumPy 2: quantities of w alone stay float32 (w − its lattice origin, its offsets,
    /// their squares and gradient products); everything that combines axes is float64.
    ///
    /// This is what BLE's wind noise computes once the balloon has moved (see ``SimplexWindNoise``).
    public func noise(_ x: Double, _ y: Double, _ z: Double, float32W w: Float) -> Double {
        evaluate(x, y, z, w, as: Double.self)
    }

    /// ⌊v⌋ as an `Int` (Python's `math.floor`), without a libm call: truncate, then step down for
    /// negative non-integers. Exact for |v| < 2⁶³; `v` is a Float or Double, widened exactly.
    @inline(__always)
    private static func floor<C: BinaryFloatingPoint>(_ v: C) -> Int {
        let wide = Double(v)
        let truncated = Int(wide)
        return wide < Double(truncated) ? truncated - 1 : truncated
    }

    /// `2 − dx² − dy² − dz² − dw²` in 0.3's order; the w square is formed in w's type.
    @inline(__always)
    private func attenuation<S: BinaryFloatingPoint, T: BinaryFloatingPoint, C: BinaryFloatingPoint>(
        _ dx: S, _ dy: S, _ dz: S, _ dw: T
    ) -> C {
        C(2 - dx * dx - dy * dy - dz * dz) - C(dw * dw)
    }

    /// The gradient of lattice vertex (xsb, ysb, zsb, wsb) dotted with the offset (dx, dy, dz, dw)
    /// (0.3's `_extrapolate4d`).
    @inline(__always)
    private func extrapolate<S: BinaryFloatingPoint, T: BinaryFloatingPoint, C: BinaryFloatingPoint>(
        _ xsb: Int, _ ysb: Int, _ zsb: Int, _ wsb: Int, _ dx: S, _ dy: S, _ dz: S, _ dw: T
    ) -> C {
        permutation.withUnsafeBufferPointer { perm in
            Self.gradients.withUnsafeBufferPointer { g in
                let index = Int(perm[(Int(perm[(Int(perm[(Int(perm[xsb & 0xFF]) + ysb) & 0xFF]) + zsb) & 0xFF]) + wsb) & 0xFF]) & 0xFC
                return C(S(g[index]) * dx + S(g[index + 1]) * dy + S(g[index + 2]) * dz) + C(T(g[index + 3]) * dw)
            }
        }
    }

    /// `noise4d` with x, y, z of type `S`, w of type `T` and their combinations of type `C`
    /// (the wider of the two), rounding each operation as NumPy 2 does for those types.
    ///
    /// The body below is a line-by-line transcription of opensimplex 0.3's `noise4d`: the same
    /// branches, the same variable names (in camel case) and the same order of every
    /// floating-point operation, so that the results are bit-identical. Python floats that meet
    /// a value of type S or T (the squish multiples, the lattice origin) are rounded to that type
    /// first, as NumPy does. Python's function-scoped locals become declarations at the top of
    /// each region's branch; the compiler checks that each is set before use on every path.
    @inline(__always)
    private func evaluate<S: BinaryFloatingPoint, T: BinaryFloatingPoint, C: BinaryFloatingPoint>(
        _ x: S, _ y: S, _ z: S, _ w: T, as _: C.Type
    ) -> C {
        let squishS1 = S(Self.squish), squishS2 = S(2 * Self.squish)
        let squishS3 = S(3 * Self.squish), squishS4 = S(4 * Self.squish)
        let squishT1 = T(Self.squish), squishT2 = T(2 * Self.squish)
        let squishT3 = T(3 * Self.squish), squishT4 = T(4 * Self.squish)

        // Place input coordinates on simplectic honeycomb.
        let stretchOffset: C = (C(x + y + z) + C(w)) * C(Self.stretch)
        let xs: C = C(x) + stretchOffset
        let ys: C = C(y) + stretchOffset
        let zs: C = C(z) + stretchOffset
        let ws: C = C(w) + stretchOffset

        // Floor to get simplectic honeycomb coordinates of rhombo-hypercube super-cell origin.
        let xsb = Self.floor(xs)
        let ysb = Self.floor(ys)
        let zsb = Self.floor(zs)
        let wsb = Self.floor(ws)

        // Skew out to get actual coordinates of stretched rhombo-hypercube origin. We'll need these later.
        // (Python int × float: these are float64 whatever the coordinates' type.)
        let squishOffset = Double(xsb + ysb + zsb + wsb) * Self.squish
        let xb = Double(xsb) + squishOffset
        let yb = Double(ysb) + squishOffset
        let zb = Double(zsb) + squishOffset
        let wb = Double(wsb) + squishOffset

        // Compute simplectic honeycomb coordinates relative to rhombo-hypercube origin.
        let xins: C = xs - C(xsb)
        let yins: C = ys - C(ysb)
        let zins: C = zs - C(zsb)
        let wins: C = ws - C(wsb)

        // Sum those together to get a value that determines which region we're in.
        let inSum: C = xins + yins + zins + wins

        // Positions relative to origin po.
        var dx0: S = x - S(xb)
        var dy0: S = y - S(yb)
        var dz0: S = z - S(zb)
        var dw0: T = w - T(wb)

        // The three extra vertices every region picks, and their offsets.
        var xsvExt0: Int, xsvExt1: Int, xsvExt2: Int, ysvExt0: Int, ysvExt1: Int, ysvExt2: Int
        var zsvExt0: Int, zsvExt1: Int, zsvExt2: Int, wsvExt0: Int, wsvExt1: Int, wsvExt2: Int
        var dxExt0: S, dxExt1: S, dxExt2: S, dyExt0: S, dyExt1: S, dyExt2: S, dzExt0: S, dzExt1: S, dzExt2: S
        var dwExt0: T, dwExt1: T, dwExt2: T

        var value: C = 0
        if inSum <= 1 { // We're inside the pentachoron (4-Simplex) at (0,0,0,0)
            let uins: C
            let c: Int
            let dx1: S, dy1: S, dz1: S, dx2: S, dy2: S, dz2: S, dx3: S, dy3: S, dz3: S, dx4: S, dy4: S, dz4: S
            let dw1: T, dw2: T, dw3: T, dw4: T
            var aScore: C, bScore: C, attn0: C, attn1: C, attn2: C, attn3: C, attn4: C
            var aPo: Int, bPo: Int

            // Determine which two of (0,0,0,1), (0,0,1,0), (0,1,0,0), (1,0,0,0) are closest.
            aPo = 0x01
            aScore = xins
            bPo = 0x02
            bScore = yins
            if aScore >= bScore && zins > bScore {
                bScore = zins
                bPo = 0x04
            } else if aScore < bScore && zins > aScore {
                aScore = zins
                aPo = 0x04
            }

            if aScore >= bScore && wins > bScore {
                bScore = wins
                bPo = 0x08
            } else if aScore < bScore && wins > aScore {
                aScore = wins
                aPo = 0x08
            }

            // Now we determine the three lattice pos not part of the pentachoron that may contribute.
            // This depends on the closest two pentachoron vertices, including (0,0,0,0)
            uins = 1 - inSum
            if uins > aScore || uins > bScore { // (0,0,0,0) is one of the closest two pentachoron vertices.
                c = (bScore > aScore) ? bPo : aPo // Our other closest vertex is the closest out of a and b.
                if (c & 0x01) == 0 {
                    xsvExt0 = xsb - 1
                    xsvExt1 = xsb; xsvExt2 = xsvExt1
                    dxExt0 = dx0 + 1
                    dxExt1 = dx0; dxExt2 = dxExt1
                } else {
                    xsvExt0 = xsb + 1; xsvExt1 = xsvExt0; xsvExt2 = xsvExt0
                    dxExt0 = dx0 - 1; dxExt1 = dxExt0; dxExt2 = dxExt0
                }

                if (c & 0x02) == 0 {
                    ysvExt0 = ysb; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0; dyExt1 = dyExt0; dyExt2 = dyExt0
                    if (c & 0x01) == 0x01 {
                        ysvExt0 -= 1
                        dyExt0 += 1
                    } else {
                        ysvExt1 -= 1
                        dyExt1 += 1
                    }
                } else {
                    ysvExt0 = ysb + 1; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - 1; dyExt1 = dyExt0; dyExt2 = dyExt0
                }

                if (c & 0x04) == 0 {
                    zsvExt0 = zsb; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0; dzExt1 = dzExt0; dzExt2 = dzExt0
                    if (c & 0x03) != 0 {
                        if (c & 0x03) == 0x03 {
                            zsvExt0 -= 1
                            dzExt0 += 1
                        } else {
                            zsvExt1 -= 1
                            dzExt1 += 1
                        }
                    } else {
                        zsvExt2 -= 1
                        dzExt2 += 1
                    }
                } else {
                    zsvExt0 = zsb + 1; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - 1; dzExt1 = dzExt0; dzExt2 = dzExt0
                }

                if (c & 0x08) == 0 {
                    wsvExt0 = wsb; wsvExt1 = wsvExt0
                    wsvExt2 = wsb - 1
                    dwExt0 = dw0; dwExt1 = dwExt0
                    dwExt2 = dw0 + 1
                } else {
                    wsvExt0 = wsb + 1; wsvExt1 = wsvExt0; wsvExt2 = wsvExt0
                    dwExt0 = dw0 - 1; dwExt1 = dwExt0; dwExt2 = dwExt0
                }
            } else { // (0,0,0,0) is not one of the closest two pentachoron vertices.
                c = (aPo | bPo) // Our three extra vertices are determined by the closest two.

                if (c & 0x01) == 0 {
                    xsvExt0 = xsb; xsvExt2 = xsvExt0
                    xsvExt1 = xsb - 1
                    dxExt0 = dx0 - squishS2
                    dxExt1 = dx0 + 1 - squishS1
                    dxExt2 = dx0 - squishS1
                } else {
                    xsvExt0 = xsb + 1; xsvExt1 = xsvExt0; xsvExt2 = xsvExt0
                    dxExt0 = dx0 - 1 - squishS2
                    dxExt1 = dx0 - 1 - squishS1; dxExt2 = dxExt1
                }

                if (c & 0x02) == 0 {
                    ysvExt0 = ysb; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - squishS2
                    dyExt1 = dy0 - squishS1; dyExt2 = dyExt1
                    if (c & 0x01) == 0x01 {
                        ysvExt1 -= 1
                        dyExt1 += 1
                    } else {
                        ysvExt2 -= 1
                        dyExt2 += 1
                    }
                } else {
                    ysvExt0 = ysb + 1; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - 1 - squishS2
                    dyExt1 = dy0 - 1 - squishS1; dyExt2 = dyExt1
                }

                if (c & 0x04) == 0 {
                    zsvExt0 = zsb; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - squishS2
                    dzExt1 = dz0 - squishS1; dzExt2 = dzExt1
                    if (c & 0x03) == 0x03 {
                        zsvExt1 -= 1
                        dzExt1 += 1
                    } else {
                        zsvExt2 -= 1
                        dzExt2 += 1
                    }
                } else {
                    zsvExt0 = zsb + 1; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - 1 - squishS2
                    dzExt1 = dz0 - 1 - squishS1; dzExt2 = dzExt1
                }

                if (c & 0x08) == 0 {
                    wsvExt0 = wsb; wsvExt1 = wsvExt0
                    wsvExt2 = wsb - 1
                    dwExt0 = dw0 - squishT2
                    dwExt1 = dw0 - squishT1
                    dwExt2 = dw0 + 1 - squishT1
                } else {
                    wsvExt0 = wsb + 1; wsvExt1 = wsvExt0; wsvExt2 = wsvExt0
                    dwExt0 = dw0 - 1 - squishT2
                    dwExt1 = dw0 - 1 - squishT1; dwExt2 = dwExt1
                }
            }

            // Contribution (0,0,0,0)
            attn0 = attenuation(dx0, dy0, dz0, dw0)
            if attn0 > 0 {
                attn0 *= attn0
                value += attn0 * attn0 * extrapolate(xsb + 0, ysb + 0, zsb + 0, wsb + 0, dx0, dy0, dz0, dw0)
            }

            // Contribution (1,0,0,0)
            dx1 = dx0 - 1 - squishS1
            dy1 = dy0 - 0 - squishS1
            dz1 = dz0 - 0 - squishS1
            dw1 = dw0 - 0 - squishT1
            attn1 = attenuation(dx1, dy1, dz1, dw1)
            if attn1 > 0 {
                attn1 *= attn1
                value += attn1 * attn1 * extrapolate(xsb + 1, ysb + 0, zsb + 0, wsb + 0, dx1, dy1, dz1, dw1)
            }

            // Contribution (0,1,0,0)
            dx2 = dx0 - 0 - squishS1
            dy2 = dy0 - 1 - squishS1
            dz2 = dz1
            dw2 = dw1
            attn2 = attenuation(dx2, dy2, dz2, dw2)
            if attn2 > 0 {
                attn2 *= attn2
                value += attn2 * attn2 * extrapolate(xsb + 0, ysb + 1, zsb + 0, wsb + 0, dx2, dy2, dz2, dw2)
            }

            // Contribution (0,0,1,0)
            dx3 = dx2
            dy3 = dy1
            dz3 = dz0 - 1 - squishS1
            dw3 = dw1
            attn3 = attenuation(dx3, dy3, dz3, dw3)
            if attn3 > 0 {
                attn3 *= attn3
                value += attn3 * attn3 * extrapolate(xsb + 0, ysb + 0, zsb + 1, wsb + 0, dx3, dy3, dz3, dw3)
            }

            // Contribution (0,0,0,1)
            dx4 = dx2
            dy4 = dy1
            dz4 = dz1
            dw4 = dw0 - 1 - squishT1
            attn4 = attenuation(dx4, dy4, dz4, dw4)
            if attn4 > 0 {
                attn4 *= attn4
                value += attn4 * attn4 * extrapolate(xsb + 0, ysb + 0, zsb + 0, wsb + 1, dx4, dy4, dz4, dw4)
            }
        } else if inSum >= 3 { // We're inside the pentachoron (4-Simplex) at (1,1,1,1)
            let uins: C
            let c: Int
            let dx4: S, dy4: S, dz4: S, dx3: S, dy3: S, dz3: S, dx2: S, dy2: S, dz2: S, dx1: S, dz1: S, dy1: S
            let dw4: T, dw3: T, dw2: T, dw1: T
            var aScore: C, bScore: C, attn4: C, attn3: C, attn2: C, attn1: C, attn0: C
            var aPo: Int, bPo: Int
            // Determine which two of (1,1,1,0), (1,1,0,1), (1,0,1,1), (0,1,1,1) are closest.
            aPo = 0x0E
            aScore = xins
            bPo = 0x0D
            bScore = yins
            if aScore <= bScore && zins < bScore {
                bScore = zins
                bPo = 0x0B
            } else if aScore > bScore && zins < aScore {
                aScore = zins
                aPo = 0x0B
            }

            if aScore <= bScore && wins < bScore {
                bScore = wins
                bPo = 0x07
            } else if aScore > bScore && wins < aScore {
                aScore = wins
                aPo = 0x07
            }

            // Now we determine the three lattice pos not part of the pentachoron that may contribute.
            // This depends on the closest two pentachoron vertices, including (0,0,0,0)
            uins = 4 - inSum
            if uins < aScore || uins < bScore { // (1,1,1,1) is one of the closest two pentachoron vertices.
                c = (bScore < aScore) ? bPo : aPo // Our other closest vertex is the closest out of a and b.

                if (c & 0x01) != 0 {
                    xsvExt0 = xsb + 2
                    xsvExt1 = xsb + 1; xsvExt2 = xsvExt1
                    dxExt0 = dx0 - 2 - squishS4
                    dxExt1 = dx0 - 1 - squishS4; dxExt2 = dxExt1
                } else {
                    xsvExt0 = xsb; xsvExt1 = xsvExt0; xsvExt2 = xsvExt0
                    dxExt0 = dx0 - squishS4; dxExt1 = dxExt0; dxExt2 = dxExt0
                }

                if (c & 0x02) != 0 {
                    ysvExt0 = ysb + 1; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - 1 - squishS4; dyExt1 = dyExt0; dyExt2 = dyExt0
                    if (c & 0x01) != 0 {
                        ysvExt1 += 1
                        dyExt1 -= 1
                    } else {
                        ysvExt0 += 1
                        dyExt0 -= 1
                    }
                } else {
                    ysvExt0 = ysb; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - squishS4; dyExt1 = dyExt0; dyExt2 = dyExt0
                }

                if (c & 0x04) != 0 {
                    zsvExt0 = zsb + 1; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - 1 - squishS4; dzExt1 = dzExt0; dzExt2 = dzExt0
                    if (c & 0x03) != 0x03 {
                        if (c & 0x03) == 0 {
                            zsvExt0 += 1
                            dzExt0 -= 1
                        } else {
                            zsvExt1 += 1
                            dzExt1 -= 1
                        }
                    } else {
                        zsvExt2 += 1
                        dzExt2 -= 1
                    }
                } else {
                    zsvExt0 = zsb; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - squishS4; dzExt1 = dzExt0; dzExt2 = dzExt0
                }

                if (c & 0x08) != 0 {
                    wsvExt0 = wsb + 1; wsvExt1 = wsvExt0
                    wsvExt2 = wsb + 2
                    dwExt0 = dw0 - 1 - squishT4; dwExt1 = dwExt0
                    dwExt2 = dw0 - 2 - squishT4
                } else {
                    wsvExt0 = wsb; wsvExt1 = wsvExt0; wsvExt2 = wsvExt0
                    dwExt0 = dw0 - squishT4; dwExt1 = dwExt0; dwExt2 = dwExt0
                }
            } else { // (1,1,1,1) is not one of the closest two pentachoron vertices.
                c = (aPo & bPo) // Our three extra vertices are determined by the closest two.

                if (c & 0x01) != 0 {
                    xsvExt0 = xsb + 1; xsvExt2 = xsvExt0
                    xsvExt1 = xsb + 2
                    dxExt0 = dx0 - 1 - squishS2
                    dxExt1 = dx0 - 2 - squishS3
                    dxExt2 = dx0 - 1 - squishS3
                } else {
                    xsvExt0 = xsb; xsvExt1 = xsvExt0; xsvExt2 = xsvExt0
                    dxExt0 = dx0 - squishS2
                    dxExt1 = dx0 - squishS3; dxExt2 = dxExt1
                }

                if (c & 0x02) != 0 {
                    ysvExt0 = ysb + 1; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - 1 - squishS2
                    dyExt1 = dy0 - 1 - squishS3; dyExt2 = dyExt1
                    if (c & 0x01) != 0 {
                        ysvExt2 += 1
                        dyExt2 -= 1
                    } else {
                        ysvExt1 += 1
                        dyExt1 -= 1
                    }
                } else {
                    ysvExt0 = ysb; ysvExt1 = ysvExt0; ysvExt2 = ysvExt0
                    dyExt0 = dy0 - squishS2
                    dyExt1 = dy0 - squishS3; dyExt2 = dyExt1
                }

                if (c & 0x04) != 0 {
                    zsvExt0 = zsb + 1; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - 1 - squishS2
                    dzExt1 = dz0 - 1 - squishS3; dzExt2 = dzExt1
                    if (c & 0x03) != 0 {
                        zsvExt2 += 1
                        dzExt2 -= 1
                    } else {
                        zsvExt1 += 1
                        dzExt1 -= 1
                    }
                } else {
                    zsvExt0 = zsb; zsvExt1 = zsvExt0; zsvExt2 = zsvExt0
                    dzExt0 = dz0 - squishS2
                    dzExt1 = dz0 - squishS3; dzExt2 = dzExt1
                }

                if (c & 0x08) != 0 {
                    wsvExt0 = wsb + 1; wsvExt1 = wsvExt0
                    wsvExt2 = wsb + 2
                    dwExt0 = dw0 - 1 - squishT2
                    dwExt1 = dw0 - 1 - squishT3
                    dwExt2 = dw0 - 2 - squishT3
                } else {
                    wsvExt0 = wsb; wsvExt1 = wsvExt0; wsvExt2 = wsvExt0
                    dwExt0 = dw0 - squishT2
                    dwExt1 = dw0 - squishT3; dwExt2 = dwExt1
                }
            }

            // Contribution (1,1,1,0)
            dx4 = dx0 - 1 - squishS3
            dy4 = dy0 - 1 - squishS3
            dz4 = dz0 - 1 - squishS3
            dw4 = dw0 - squishT3
            attn4 = attenuation(dx4, dy4, dz4, dw4)
            if attn4 > 0 {
                attn4 *= attn4
                value += attn4 * attn4 * extrapolate(xsb + 1, ysb + 1, zsb + 1, wsb + 0, dx4, dy4, dz4, dw4)
            }

            // Contribution (1,1,0,1)
            dx3 = dx4
            dy3 = dy4
            dz3 = dz0 - squishS3
            dw3 = dw0 - 1 - squishT3
            attn3 = attenuation(dx3, dy3, dz3, dw3)
            if attn3 > 0 {
                attn3 *= attn3
                value += attn3 * attn3 * extrapolate(xsb + 1, ysb + 1, zsb + 0, wsb + 1, dx3, dy3, dz3, dw3)
            }

            // Contribution (1,0,1,1)
            dx2 = dx4
            dy2 = dy0 - squishS3
            dz2 = dz4
            dw2 = dw3
            attn2 = attenuation(dx2, dy2, dz2, dw2)
            if attn2 > 0 {
                attn2 *= attn2
                value += attn2 * attn2 * extrapolate(xsb + 1, ysb + 0, zsb + 1, wsb + 1, dx2, dy2, dz2, dw2)
            }

            // Contribution (0,1,1,1)
            dx1 = dx0 - squishS3
            dz1 = dz4
            dy1 = dy4
            dw1 = dw3
            attn1 = attenuation(dx1, dy1, dz1, dw1)
            if attn1 > 0 {
                attn1 *= attn1
                value += attn1 * attn1 * extrapolate(xsb + 0, ysb + 1, zsb + 1, wsb + 1, dx1, dy1, dz1, dw1)
            }

            // Contribution (1,1,1,1)
            dx0 = dx0 - 1 - squishS4
            dy0 = dy0 - 1 - squishS4
            dz0 = dz0 - 1 - squishS4
            dw0 = dw0 - 1 - squishT4
            attn0 = attenuation(dx0, dy0, dz0, dw0)
            if attn0 > 0 {
                attn0 *= attn0
                value += attn0 * attn0 * extrapolate(xsb + 1, ysb + 1, zsb + 1, wsb + 1, dx0, dy0, dz0, dw0)
            }
        } else if inSum <= 2 { // We're inside the first dispentachoron (Rectified 4-Simplex)
            let score: C, p1: C, p2: C, p3: C, p4: C
            let c1: Int, c2: Int, c: Int
            let dx1: S, dy1: S, dz1: S, dx2: S, dy2: S, dz2: S, dx3: S, dy3: S, dz3: S, dx4: S, dy4: S, dz4: S, dx5: S
            let dy5: S, dz5: S, dx6: S, dy6: S, dz6: S, dx7: S, dy7: S, dz7: S, dx8: S, dy8: S, dz8: S, dx9: S, dy9: S
            let dz9: S, dx10: S, dy10: S, dz10: S
            let dw1: T, dw2: T, dw3: T, dw4: T, dw5: T, dw6: T, dw7: T, dw8: T, dw9: T, dw10: T
            var aIsBiggerSide: Bool, bIsBiggerSide: Bool
            var aScore: C, bScore: C, attn1: C, attn2: C, attn3: C, attn4: C, attn5: C, attn6: C, attn7: C, attn8: C
            var attn9: C, attn10: C
            var aPo: Int, bPo: Int
            aIsBiggerSide = true
            bIsBiggerSide = true

            // Decide between (1,1,0,0) and (0,0,1,1)
            if xins + yins > zins + wins {
                aScore = xins + yins
                aPo = 0x03
            } else {
                aScore = zins + wins
                aPo = 0x0C
            }

            // Decide between (1,0,1,0) and (0,1,0,1)
            if xins + zins > yins + wins {
                bScore = xins + zins
                bPo = 0x05
            } else {
                bScore = yins + wins
                bPo = 0x0A
            }

            // Closer between (1,0,0,1) and (0,1,1,0) will replace the further of a and b, if closer.
            if xins + wins > yins + zins {
                score = xins + wins
                if aScore >= bScore && score > bScore {
                    bScore = score
                    bPo = 0x09
                } else if aScore < bScore && score > aScore {
                    aScore = score
                    aPo = 0x09
                }
            } else {
                score = yins + zins
                if aScore >= bScore && score > bScore {
                    bScore = score
                    bPo = 0x06
                } else if aScore < bScore && score > aScore {
                    aScore = score
                    aPo = 0x06
                }
            }

            // Decide if (1,0,0,0) is closer.
            p1 = 2 - inSum + xins
            if aScore >= bScore && p1 > bScore {
                bScore = p1
                bPo = 0x01
                bIsBiggerSide = false
            } else if aScore < bScore && p1 > aScore {
                aScore = p1
                aPo = 0x01
                aIsBiggerSide = false
            }

            // Decide if (0,1,0,0) is closer.
            p2 = 2 - inSum + yins
            if aScore >= bScore && p2 > bScore {
                bScore = p2
                bPo = 0x02
                bIsBiggerSide = false
            } else if aScore < bScore && p2 > aScore {
                aScore = p2
                aPo = 0x02
                aIsBiggerSide = false
            }

            // Decide if (0,0,1,0) is closer.
            p3 = 2 - inSum + zins
            if aScore >= bScore && p3 > bScore {
                bScore = p3
                bPo = 0x04
                bIsBiggerSide = false
            } else if aScore < bScore && p3 > aScore {
                aScore = p3
                aPo = 0x04
                aIsBiggerSide = false
            }

            // Decide if (0,0,0,1) is closer.
            p4 = 2 - inSum + wins
            if aScore >= bScore && p4 > bScore {
                bPo = 0x08
                bIsBiggerSide = false
            } else if aScore < bScore && p4 > aScore {
                aPo = 0x08
                aIsBiggerSide = false
            }

            // Where each of the two closest pos are determines how the extra three vertices are calculated.
            if aIsBiggerSide == bIsBiggerSide {
                if aIsBiggerSide { // Both closest pos on the bigger side
                    c1 = (aPo | bPo)
                    c2 = (aPo & bPo)
                    if (c1 & 0x01) == 0 {
                        xsvExt0 = xsb
                        xsvExt1 = xsb - 1
                        dxExt0 = dx0 - squishS3
                        dxExt1 = dx0 + 1 - squishS2
                    } else {
                        xsvExt0 = xsb + 1; xsvExt1 = xsvExt0
                        dxExt0 = dx0 - 1 - squishS3
                        dxExt1 = dx0 - 1 - squishS2
                    }

                    if (c1 & 0x02) == 0 {
                        ysvExt0 = ysb
                        ysvExt1 = ysb - 1
                        dyExt0 = dy0 - squishS3
                        dyExt1 = dy0 + 1 - squishS2
                    } else {
                        ysvExt0 = ysb + 1; ysvExt1 = ysvExt0
                        dyExt0 = dy0 - 1 - squishS3
                        dyExt1 = dy0 - 1 - squishS2
                    }

                    if (c1 & 0x04) == 0 {
                        zsvExt0 = zsb
                        zsvExt1 = zsb - 1
                        dzExt0 = dz0 - squishS3
                        dzExt1 = dz0 + 1 - squishS2
                    } else {
                        zsvExt0 = zsb + 1; zsvExt1 = zsvExt0
                        dzExt0 = dz0 - 1 - squishS3
                        dzExt1 = dz0 - 1 - squishS2
                    }

                    if (c1 & 0x08) == 0 {
                        wsvExt0 = wsb
                        wsvExt1 = wsb - 1
                        dwExt0 = dw0 - squishT3
                        dwExt1 = dw0 + 1 - squishT2
                    } else {
                        wsvExt0 = wsb + 1; wsvExt1 = wsvExt0
                        dwExt0 = dw0 - 1 - squishT3
                        dwExt1 = dw0 - 1 - squishT2
                    }

                    // One combination is a _permutation of (0,0,0,2) based on c2
                    xsvExt2 = xsb
                    ysvExt2 = ysb
                    zsvExt2 = zsb
                    wsvExt2 = wsb
                    dxExt2 = dx0 - squishS2
                    dyExt2 = dy0 - squishS2
                    dzExt2 = dz0 - squishS2
                    dwExt2 = dw0 - squishT2
                    if (c2 & 0x01) != 0 {
                        xsvExt2 += 2
                        dxExt2 -= 2
                    } else if (c2 & 0x02) != 0 {
                        ysvExt2 += 2
                        dyExt2 -= 2
                    } else if (c2 & 0x04) != 0 {
                        zsvExt2 += 2
                        dzExt2 -= 2
                    } else {
                        wsvExt2 += 2
                        dwExt2 -= 2
                    }
                } else { // Both closest pos on the smaller side
                    // One of the two extra pos is (0,0,0,0)
                    xsvExt2 = xsb
                    ysvExt2 = ysb
                    zsvExt2 = zsb
                    wsvExt2 = wsb
                    dxExt2 = dx0
                    dyExt2 = dy0
                    dzExt2 = dz0
                    dwExt2 = dw0

                    // Other two pos are based on the omitted axes.
                    c = (aPo | bPo)

                    if (c & 0x01) == 0 {
                        xsvExt0 = xsb - 1
                        xsvExt1 = xsb
                        dxExt0 = dx0 + 1 - squishS1
                        dxExt1 = dx0 - squishS1
                    } else {
                        xsvExt0 = xsb + 1; xsvExt1 = xsvExt0
                        dxExt0 = dx0 - 1 - squishS1; dxExt1 = dxExt0
                    }

                    if (c & 0x02) == 0 {
                        ysvExt0 = ysb; ysvExt1 = ysvExt0
                        dyExt0 = dy0 - squishS1; dyExt1 = dyExt0
                        if (c & 0x01) == 0x01 {
                            ysvExt0 -= 1
                            dyExt0 += 1
                        } else {
                            ysvExt1 -= 1
                            dyExt1 += 1
                        }
                    } else {
                        ysvExt0 = ysb + 1; ysvExt1 = ysvExt0
                        dyExt0 = dy0 - 1 - squishS1; dyExt1 = dyExt0
                    }

                    if (c & 0x04) == 0 {
                        zsvExt0 = zsb; zsvExt1 = zsvExt0
                        dzExt0 = dz0 - squishS1; dzExt1 = dzExt0
                        if (c & 0x03) == 0x03 {
                            zsvExt0 -= 1
                            dzExt0 += 1
                        } else {
                            zsvExt1 -= 1
                            dzExt1 += 1
                        }
                    } else {
                        zsvExt0 = zsb + 1; zsvExt1 = zsvExt0
                        dzExt0 = dz0 - 1 - squishS1; dzExt1 = dzExt0
                    }

                    if (c & 0x08) == 0 {
                        wsvExt0 = wsb
                        wsvExt1 = wsb - 1
                        dwExt0 = dw0 - squishT1
                        dwExt1 = dw0 + 1 - squishT1
                    } else {
                        wsvExt0 = wsb + 1; wsvExt1 = wsvExt0
                        dwExt0 = dw0 - 1 - squishT1; dwExt1 = dwExt0
                    }
                }
            } else { // One po on each "side"
                if aIsBiggerSide {
                    c1 = aPo
                    c2 = bPo
                } else {
                    c1 = bPo
                    c2 = aPo
                }

                // Two contributions are the bigger-sided po with each 0 replaced with -1.
                if (c1 & 0x01) == 0 {
                    xsvExt0 = xsb - 1
                    xsvExt1 = xsb
                    dxExt0 = dx0 + 1 - squishS1
                    dxExt1 = dx0 - squishS1
                } else {
                    xsvExt0 = xsb + 1; xsvExt1 = xsvExt0
                    dxExt0 = dx0 - 1 - squishS1; dxExt1 = dxExt0
                }

                if (c1 & 0x02) == 0 {
                    ysvExt0 = ysb; ysvExt1 = ysvExt0
                    dyExt0 = dy0 - squishS1; dyExt1 = dyExt0
                    if (c1 & 0x01) == 0x01 {
                        ysvExt0 -= 1
                        dyExt0 += 1
                    } else {
                        ysvExt1 -= 1
                        dyExt1 += 1
                    }
                } else {
                    ysvExt0 = ysb + 1; ysvExt1 = ysvExt0
                    dyExt0 = dy0 - 1 - squishS1; dyExt1 = dyExt0
                }

                if (c1 & 0x04) == 0 {
                    zsvExt0 = zsb; zsvExt1 = zsvExt0
                    dzExt0 = dz0 - squishS1; dzExt1 = dzExt0
                    if (c1 & 0x03) == 0x03 {
                        zsvExt0 -= 1
                        dzExt0 += 1
                    } else {
                        zsvExt1 -= 1
                        dzExt1 += 1
                    }
                } else {
                    zsvExt0 = zsb + 1; zsvExt1 = zsvExt0
                    dzExt0 = dz0 - 1 - squishS1; dzExt1 = dzExt0
                }

                if (c1 & 0x08) == 0 {
                    wsvExt0 = wsb
                    wsvExt1 = wsb - 1
                    dwExt0 = dw0 - squishT1
                    dwExt1 = dw0 + 1 - squishT1
                } else {
                    wsvExt0 = wsb + 1; wsvExt1 = wsvExt0
                    dwExt0 = dw0 - 1 - squishT1; dwExt1 = dwExt0
                }

                // One contribution is a _permutation of (0,0,0,2) based on the smaller-sided po
                xsvExt2 = xsb
                ysvExt2 = ysb
                zsvExt2 = zsb
                wsvExt2 = wsb
                dxExt2 = dx0 - squishS2
                dyExt2 = dy0 - squishS2
                dzExt2 = dz0 - squishS2
                dwExt2 = dw0 - squishT2
                if (c2 & 0x01) != 0 {
                    xsvExt2 += 2
                    dxExt2 -= 2
                } else if (c2 & 0x02) != 0 {
                    ysvExt2 += 2
                    dyExt2 -= 2
                } else if (c2 & 0x04) != 0 {
                    zsvExt2 += 2
                    dzExt2 -= 2
                } else {
                    wsvExt2 += 2
                    dwExt2 -= 2
                }
            }

            // Contribution (1,0,0,0)
            dx1 = dx0 - 1 - squishS1
            dy1 = dy0 - 0 - squishS1
            dz1 = dz0 - 0 - squishS1
            dw1 = dw0 - 0 - squishT1
            attn1 = attenuation(dx1, dy1, dz1, dw1)
            if attn1 > 0 {
                attn1 *= attn1
                value += attn1 * attn1 * extrapolate(xsb + 1, ysb + 0, zsb + 0, wsb + 0, dx1, dy1, dz1, dw1)
            }

            // Contribution (0,1,0,0)
            dx2 = dx0 - 0 - squishS1
            dy2 = dy0 - 1 - squishS1
            dz2 = dz1
            dw2 = dw1
            attn2 = attenuation(dx2, dy2, dz2, dw2)
            if attn2 > 0 {
                attn2 *= attn2
                value += attn2 * attn2 * extrapolate(xsb + 0, ysb + 1, zsb + 0, wsb + 0, dx2, dy2, dz2, dw2)
            }

            // Contribution (0,0,1,0)
            dx3 = dx2
            dy3 = dy1
            dz3 = dz0 - 1 - squishS1
            dw3 = dw1
            attn3 = attenuation(dx3, dy3, dz3, dw3)
            if attn3 > 0 {
                attn3 *= attn3
                value += attn3 * attn3 * extrapolate(xsb + 0, ysb + 0, zsb + 1, wsb + 0, dx3, dy3, dz3, dw3)
            }

            // Contribution (0,0,0,1)
            dx4 = dx2
            dy4 = dy1
            dz4 = dz1
            dw4 = dw0 - 1 - squishT1
            attn4 = attenuation(dx4, dy4, dz4, dw4)
            if attn4 > 0 {
                attn4 *= attn4
                value += attn4 * attn4 * extrapolate(xsb + 0, ysb + 0, zsb + 0, wsb + 1, dx4, dy4, dz4, dw4)
            }

            // Contribution (1,1,0,0)
            dx5 = dx0 - 1 - squishS2
            dy5 = dy0 - 1 - squishS2
            dz5 = dz0 - 0 - squishS2
            dw5 = dw0 - 0 - squishT2
            attn5 = attenuation(dx5, dy5, dz5, dw5)
            if attn5 > 0 {
                attn5 *= attn5
                value += attn5 * attn5 * extrapolate(xsb + 1, ysb + 1, zsb + 0, wsb + 0, dx5, dy5, dz5, dw5)
            }

            // Contribution (1,0,1,0)
            dx6 = dx0 - 1 - squishS2
            dy6 = dy0 - 0 - squishS2
            dz6 = dz0 - 1 - squishS2
            dw6 = dw0 - 0 - squishT2
            attn6 = attenuation(dx6, dy6, dz6, dw6)
            if attn6 > 0 {
                attn6 *= attn6
                value += attn6 * attn6 * extrapolate(xsb + 1, ysb + 0, zsb + 1, wsb + 0, dx6, dy6, dz6, dw6)
            }

            // Contribution (1,0,0,1)
            dx7 = dx0 - 1 - squishS2
            dy7 = dy0 - 0 - squishS2
            dz7 = dz0 - 0 - squishS2
            dw7 = dw0 - 1 - squishT2
            attn7 = attenuation(dx7, dy7, dz7, dw7)
            if attn7 > 0 {
                attn7 *= attn7
                value += attn7 * attn7 * extrapolate(xsb + 1, ysb + 0, zsb + 0, wsb + 1, dx7, dy7, dz7, dw7)
            }

            // Contribution (0,1,1,0)
            dx8 = dx0 - 0 - squishS2
            dy8 = dy0 - 1 - squishS2
            dz8 = dz0 - 1 - squishS2
            dw8 = dw0 - 0 - squishT2
            attn8 = attenuation(dx8, dy8, dz8, dw8)
            if attn8 > 0 {
                attn8 *= attn8
                value += attn8 * attn8 * extrapolate(xsb + 0, ysb + 1, zsb + 1, wsb + 0, dx8, dy8, dz8, dw8)
            }

            // Contribution (0,1,0,1)
            dx9 = dx0 - 0 - squishS2
            dy9 = dy0 - 1 - squishS2
            dz9 = dz0 - 0 - squishS2
            dw9 = dw0 - 1 - squishT2
            attn9 = attenuation(dx9, dy9, dz9, dw9)
            if attn9 > 0 {
                attn9 *= attn9
                value += attn9 * attn9 * extrapolate(xsb + 0, ysb + 1, zsb + 0, wsb + 1, dx9, dy9, dz9, dw9)
            }

            // Contribution (0,0,1,1)
            dx10 = dx0 - 0 - squishS2
            dy10 = dy0 - 0 - squishS2
            dz10 = dz0 - 1 - squishS2
            dw10 = dw0 - 1 - squishT2
            attn10 = attenuation(dx10, dy10, dz10, dw10)
            if attn10 > 0 {
                attn10 *= attn10
                value += attn10 * attn10 * extrapolate(xsb + 0, ysb + 0, zsb + 1, wsb + 1, dx10, dy10, dz10, dw10)
            }
        } else { // We're inside the second dispentachoron (Rectified 4-Simplex)
            let score: C, p1: C, p2: C, p3: C, p4: C
            let c1: Int, c2: Int, c: Int
            let dx4: S, dy4: S, dz4: S, dx3: S, dy3: S, dz3: S, dx2: S, dy2: S, dz2: S, dx1: S, dz1: S, dy1: S, dx5: S
            let dy5: S, dz5: S, dx6: S, dy6: S, dz6: S, dx7: S, dy7: S, dz7: S, dx8: S, dy8: S, dz8: S, dx9: S, dy9: S
            let dz9: S, dx10: S, dy10: S, dz10: S
            let dw4: T, dw3: T, dw2: T, dw1: T, dw5: T, dw6: T, dw7: T, dw8: T, dw9: T, dw10: T
            var aIsBiggerSide: Bool, bIsBiggerSide: Bool
            var aScore: C, bScore: C, attn4: C, attn3: C, attn2: C, attn1: C, attn5: C, attn6: C, attn7: C, attn8: C
            var attn9: C, attn10: C
            var aPo: Int, bPo: Int
            aIsBiggerSide = true
            bIsBiggerSide = true

            // Decide between (0,0,1,1) and (1,1,0,0)
            if xins + yins < zins + wins {
                aScore = xins + yins
                aPo = 0x0C
            } else {
                aScore = zins + wins
                aPo = 0x03
            }

            // Decide between (0,1,0,1) and (1,0,1,0)
            if xins + zins < yins + wins {
                bScore = xins + zins
                bPo = 0x0A
            } else {
                bScore = yins + wins
                bPo = 0x05
            }

            // Closer between (0,1,1,0) and (1,0,0,1) will replace the further of a and b, if closer.
            if xins + wins < yins + zins {
                score = xins + wins
                if aScore <= bScore && score < bScore {
                    bScore = score
                    bPo = 0x06
                } else if aScore > bScore && score < aScore {
                    aScore = score
                    aPo = 0x06
                }
            } else {
                score = yins + zins
                if aScore <= bScore && score < bScore {
                    bScore = score
                    bPo = 0x09
                } else if aScore > bScore && score < aScore {
                    aScore = score
                    aPo = 0x09
                }
            }

            // Decide if (0,1,1,1) is closer.
            p1 = 3 - inSum + xins
            if aScore <= bScore && p1 < bScore {
                bScore = p1
                bPo = 0x0E
                bIsBiggerSide = false
            } else if aScore > bScore && p1 < aScore {
                aScore = p1
                aPo = 0x0E
                aIsBiggerSide = false
            }

            // Decide if (1,0,1,1) is closer.
            p2 = 3 - inSum + yins
            if aScore <= bScore && p2 < bScore {
                bScore = p2
                bPo = 0x0D
                bIsBiggerSide = false
            } else if aScore > bScore && p2 < aScore {
                aScore = p2
                aPo = 0x0D
                aIsBiggerSide = false
            }

            // Decide if (1,1,0,1) is closer.
            p3 = 3 - inSum + zins
            if aScore <= bScore && p3 < bScore {
                bScore = p3
                bPo = 0x0B
                bIsBiggerSide = false
            } else if aScore > bScore && p3 < aScore {
                aScore = p3
                aPo = 0x0B
                aIsBiggerSide = false
            }

            // Decide if (1,1,1,0) is closer.
            p4 = 3 - inSum + wins
            if aScore <= bScore && p4 < bScore {
                bPo = 0x07
                bIsBiggerSide = false
            } else if aScore > bScore && p4 < aScore {
                aPo = 0x07
                aIsBiggerSide = false
            }

            // Where each of the two closest pos are determines how the extra three vertices are calculated.
            if aIsBiggerSide == bIsBiggerSide {
                if aIsBiggerSide { // Both closest pos on the bigger side
                    c1 = (aPo & bPo)
                    c2 = (aPo | bPo)

                    // Two contributions are _permutations of (0,0,0,1) and (0,0,0,2) based on c1
                    xsvExt0 = xsb; xsvExt1 = xsvExt0
                    ysvExt0 = ysb; ysvExt1 = ysvExt0
                    zsvExt0 = zsb; zsvExt1 = zsvExt0
                    wsvExt0 = wsb; wsvExt1 = wsvExt0
                    dxExt0 = dx0 - squishS1
                    dyExt0 = dy0 - squishS1
                    dzExt0 = dz0 - squishS1
                    dwExt0 = dw0 - squishT1
                    dxExt1 = dx0 - squishS2
                    dyExt1 = dy0 - squishS2
                    dzExt1 = dz0 - squishS2
                    dwExt1 = dw0 - squishT2
                    if (c1 & 0x01) != 0 {
                        xsvExt0 += 1
                        dxExt0 -= 1
                        xsvExt1 += 2
                        dxExt1 -= 2
                    } else if (c1 & 0x02) != 0 {
                        ysvExt0 += 1
                        dyExt0 -= 1
                        ysvExt1 += 2
                        dyExt1 -= 2
                    } else if (c1 & 0x04) != 0 {
                        zsvExt0 += 1
                        dzExt0 -= 1
                        zsvExt1 += 2
                        dzExt1 -= 2
                    } else {
                        wsvExt0 += 1
                        dwExt0 -= 1
                        wsvExt1 += 2
                        dwExt1 -= 2
                    }

                    // One contribution is a _permutation of (1,1,1,-1) based on c2
                    xsvExt2 = xsb + 1
                    ysvExt2 = ysb + 1
                    zsvExt2 = zsb + 1
                    wsvExt2 = wsb + 1
                    dxExt2 = dx0 - 1 - squishS2
                    dyExt2 = dy0 - 1 - squishS2
                    dzExt2 = dz0 - 1 - squishS2
                    dwExt2 = dw0 - 1 - squishT2
                    if (c2 & 0x01) == 0 {
                        xsvExt2 -= 2
                        dxExt2 += 2
                    } else if (c2 & 0x02) == 0 {
                        ysvExt2 -= 2
                        dyExt2 += 2
                    } else if (c2 & 0x04) == 0 {
                        zsvExt2 -= 2
                        dzExt2 += 2
                    } else {
                        wsvExt2 -= 2
                        dwExt2 += 2
                    }
                } else { // Both closest pos on the smaller side
                    // One of the two extra pos is (1,1,1,1)
                    xsvExt2 = xsb + 1
                    ysvExt2 = ysb + 1
                    zsvExt2 = zsb + 1
                    wsvExt2 = wsb + 1
                    dxExt2 = dx0 - 1 - squishS4
                    dyExt2 = dy0 - 1 - squishS4
                    dzExt2 = dz0 - 1 - squishS4
                    dwExt2 = dw0 - 1 - squishT4

                    // Other two pos are based on the shared axes.
                    c = (aPo & bPo)
                    if (c & 0x01) != 0 {
                        xsvExt0 = xsb + 2
                        xsvExt1 = xsb + 1
                        dxExt0 = dx0 - 2 - squishS3
                        dxExt1 = dx0 - 1 - squishS3
                    } else {
                        xsvExt0 = xsb; xsvExt1 = xsvExt0
                        dxExt0 = dx0 - squishS3; dxExt1 = dxExt0
                    }

                    if (c & 0x02) != 0 {
                        ysvExt0 = ysb + 1; ysvExt1 = ysvExt0
                        dyExt0 = dy0 - 1 - squishS3; dyExt1 = dyExt0
                        if (c & 0x01) == 0 {
                            ysvExt0 += 1
                            dyExt0 -= 1
                        } else {
                            ysvExt1 += 1
                            dyExt1 -= 1
                        }
                    } else {
                        ysvExt0 = ysb; ysvExt1 = ysvExt0
                        dyExt0 = dy0 - squishS3; dyExt1 = dyExt0
                    }

                    if (c & 0x04) != 0 {
                        zsvExt0 = zsb + 1; zsvExt1 = zsvExt0
                        dzExt0 = dz0 - 1 - squishS3; dzExt1 = dzExt0
                        if (c & 0x03) == 0 {
                            zsvExt0 += 1
                            dzExt0 -= 1
                        } else {
                            zsvExt1 += 1
                            dzExt1 -= 1
                        }
                    } else {
                        zsvExt0 = zsb; zsvExt1 = zsvExt0
                        dzExt0 = dz0 - squishS3; dzExt1 = dzExt0
                    }

                    if (c & 0x08) != 0 {
                        wsvExt0 = wsb + 1
                        wsvExt1 = wsb + 2
                        dwExt0 = dw0 - 1 - squishT3
                        dwExt1 = dw0 - 2 - squishT3
                    } else {
                        wsvExt0 = wsb; wsvExt1 = wsvExt0
                        dwExt0 = dw0 - squishT3; dwExt1 = dwExt0
                    }
                }
            } else { // One po on each "side"
                if aIsBiggerSide {
                    c1 = aPo
                    c2 = bPo
                } else {
                    c1 = bPo
                    c2 = aPo
                }

                // Two contributions are the bigger-sided po with each 1 replaced with 2.
                if (c1 & 0x01) != 0 {
                    xsvExt0 = xsb + 2
                    xsvExt1 = xsb + 1
                    dxExt0 = dx0 - 2 - squishS3
                    dxExt1 = dx0 - 1 - squishS3
                } else {
                    xsvExt0 = xsb; xsvExt1 = xsvExt0
                    dxExt0 = dx0 - squishS3; dxExt1 = dxExt0
                }

                if (c1 & 0x02) != 0 {
                    ysvExt0 = ysb + 1; ysvExt1 = ysvExt0
                    dyExt0 = dy0 - 1 - squishS3; dyExt1 = dyExt0
                    if (c1 & 0x01) == 0 {
                        ysvExt0 += 1
                        dyExt0 -= 1
                    } else {
                        ysvExt1 += 1
                        dyExt1 -= 1
                    }
                } else {
                    ysvExt0 = ysb; ysvExt1 = ysvExt0
                    dyExt0 = dy0 - squishS3; dyExt1 = dyExt0
                }

                if (c1 & 0x04) != 0 {
                    zsvExt0 = zsb + 1; zsvExt1 = zsvExt0
                    dzExt0 = dz0 - 1 - squishS3; dzExt1 = dzExt0
                    if (c1 & 0x03) == 0 {
                        zsvExt0 += 1
                        dzExt0 -= 1
                    } else {
                        zsvExt1 += 1
                        dzExt1 -= 1
                    }
                } else {
                    zsvExt0 = zsb; zsvExt1 = zsvExt0
                    dzExt0 = dz0 - squishS3; dzExt1 = dzExt0
                }

                if (c1 & 0x08) != 0 {
                    wsvExt0 = wsb + 1
                    wsvExt1 = wsb + 2
                    dwExt0 = dw0 - 1 - squishT3
                    dwExt1 = dw0 - 2 - squishT3
                } else {
                    wsvExt0 = wsb; wsvExt1 = wsvExt0
                    dwExt0 = dw0 - squishT3; dwExt1 = dwExt0
                }

                // One contribution is a _permutation of (1,1,1,-1) based on the smaller-sided po
                xsvExt2 = xsb + 1
                ysvExt2 = ysb + 1
                zsvExt2 = zsb + 1
                wsvExt2 = wsb + 1
                dxExt2 = dx0 - 1 - squishS2
                dyExt2 = dy0 - 1 - squishS2
                dzExt2 = dz0 - 1 - squishS2
                dwExt2 = dw0 - 1 - squishT2
                if (c2 & 0x01) == 0 {
                    xsvExt2 -= 2
                    dxExt2 += 2
                } else if (c2 & 0x02) == 0 {
                    ysvExt2 -= 2
                    dyExt2 += 2
                } else if (c2 & 0x04) == 0 {
                    zsvExt2 -= 2
                    dzExt2 += 2
                } else {
                    wsvExt2 -= 2
                    dwExt2 += 2
                }
            }

            // Contribution (1,1,1,0)
            dx4 = dx0 - 1 - squishS3
            dy4 = dy0 - 1 - squishS3
            dz4 = dz0 - 1 - squishS3
            dw4 = dw0 - squishT3
            attn4 = attenuation(dx4, dy4, dz4, dw4)
            if attn4 > 0 {
                attn4 *= attn4
                value += attn4 * attn4 * extrapolate(xsb + 1, ysb + 1, zsb + 1, wsb + 0, dx4, dy4, dz4, dw4)
            }

            // Contribution (1,1,0,1)
            dx3 = dx4
            dy3 = dy4
            dz3 = dz0 - squishS3
            dw3 = dw0 - 1 - squishT3
            attn3 = attenuation(dx3, dy3, dz3, dw3)
            if attn3 > 0 {
                attn3 *= attn3
                value += attn3 * attn3 * extrapolate(xsb + 1, ysb + 1, zsb + 0, wsb + 1, dx3, dy3, dz3, dw3)
            }

            // Contribution (1,0,1,1)
            dx2 = dx4
            dy2 = dy0 - squishS3
            dz2 = dz4
            dw2 = dw3
            attn2 = attenuation(dx2, dy2, dz2, dw2)
            if attn2 > 0 {
                attn2 *= attn2
                value += attn2 * attn2 * extrapolate(xsb + 1, ysb + 0, zsb + 1, wsb + 1, dx2, dy2, dz2, dw2)
            }

            // Contribution (0,1,1,1)
            dx1 = dx0 - squishS3
            dz1 = dz4
            dy1 = dy4
            dw1 = dw3
            attn1 = attenuation(dx1, dy1, dz1, dw1)
            if attn1 > 0 {
                attn1 *= attn1
                value += attn1 * attn1 * extrapolate(xsb + 0, ysb + 1, zsb + 1, wsb + 1, dx1, dy1, dz1, dw1)
            }

            // Contribution (1,1,0,0)
            dx5 = dx0 - 1 - squishS2
            dy5 = dy0 - 1 - squishS2
            dz5 = dz0 - 0 - squishS2
            dw5 = dw0 - 0 - squishT2
            attn5 = attenuation(dx5, dy5, dz5, dw5)
            if attn5 > 0 {
                attn5 *= attn5
                value += attn5 * attn5 * extrapolate(xsb + 1, ysb + 1, zsb + 0, wsb + 0, dx5, dy5, dz5, dw5)
            }

            // Contribution (1,0,1,0)
            dx6 = dx0 - 1 - squishS2
            dy6 = dy0 - 0 - squishS2
            dz6 = dz0 - 1 - squishS2
            dw6 = dw0 - 0 - squishT2
            attn6 = attenuation(dx6, dy6, dz6, dw6)
            if attn6 > 0 {
                attn6 *= attn6
                value += attn6 * attn6 * extrapolate(xsb + 1, ysb + 0, zsb + 1, wsb + 0, dx6, dy6, dz6, dw6)
            }

            // Contribution (1,0,0,1)
            dx7 = dx0 - 1 - squishS2
            dy7 = dy0 - 0 - squishS2
            dz7 = dz0 - 0 - squishS2
            dw7 = dw0 - 1 - squishT2
            attn7 = attenuation(dx7, dy7, dz7, dw7)
            if attn7 > 0 {
                attn7 *= attn7
                value += attn7 * attn7 * extrapolate(xsb + 1, ysb + 0, zsb + 0, wsb + 1, dx7, dy7, dz7, dw7)
            }

            // Contribution (0,1,1,0)
            dx8 = dx0 - 0 - squishS2
            dy8 = dy0 - 1 - squishS2
            dz8 = dz0 - 1 - squishS2
            dw8 = dw0 - 0 - squishT2
            attn8 = attenuation(dx8, dy8, dz8, dw8)
            if attn8 > 0 {
                attn8 *= attn8
                value += attn8 * attn8 * extrapolate(xsb + 0, ysb + 1, zsb + 1, wsb + 0, dx8, dy8, dz8, dw8)
            }

            // Contribution (0,1,0,1)
            dx9 = dx0 - 0 - squishS2
            dy9 = dy0 - 1 - squishS2
            dz9 = dz0 - 0 - squishS2
            dw9 = dw0 - 1 - squishT2
            attn9 = attenuation(dx9, dy9, dz9, dw9)
            if attn9 > 0 {
                attn9 *= attn9
                value += attn9 * attn9 * extrapolate(xsb + 0, ysb + 1, zsb + 0, wsb + 1, dx9, dy9, dz9, dw9)
            }

            // Contribution (0,0,1,1)
            dx10 = dx0 - 0 - squishS2
            dy10 = dy0 - 0 - squishS2
            dz10 = dz0 - 1 - squishS2
            dw10 = dw0 - 1 - squishT2
            attn10 = attenuation(dx10, dy10, dz10, dw10)
            if attn10 > 0 {
                attn10 *= attn10
                value += attn10 * attn10 * extrapolate(xsb + 0, ysb + 0, zsb + 1, wsb + 1, dx10, dy10, dz10, dw10)
            }
        }

        // First extra vertex
        var attnExt0: C = attenuation(dxExt0, dyExt0, dzExt0, dwExt0)
        if attnExt0 > 0 {
            attnExt0 *= attnExt0
            value += attnExt0 * attnExt0 * extrapolate(xsvExt0, ysvExt0, zsvExt0, wsvExt0, dxExt0, dyExt0, dzExt0, dwExt0)
        }

        // Second extra vertex
        var attnExt1: C = attenuation(dxExt1, dyExt1, dzExt1, dwExt1)
        if attnExt1 > 0 {
            attnExt1 *= attnExt1
            value += attnExt1 * attnExt1 * extrapolate(xsvExt1, ysvExt1, zsvExt1, wsvExt1, dxExt1, dyExt1, dzExt1, dwExt1)
        }

        // Third extra vertex
        var attnExt2: C = attenuation(dxExt2, dyExt2, dzExt2, dwExt2)
        if attnExt2 > 0 {
            attnExt2 *= attnExt2
            value += attnExt2 * attnExt2 * extrapolate(xsvExt2, ysvExt2, zsvExt2, wsvExt2, dxExt2, dyExt2, dzExt2, dwExt2)
        }

        return value / C(Self.normalization)
    }
}
