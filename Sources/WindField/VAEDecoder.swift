/// BLE's "offlineskies22" VAE wind decoder: 64 latents → one forecast grid (ble-reference.md §3.4).
///
/// `decode` runs the four dense layers in float32, reshapes the output to a stream function
/// ψ of shape (7, 7, 90), enlarges each channel to (23, 23) with half-pixel bilinear
/// resampling, and takes central differences on the interior: `u = ∂ψ/∂axis0`,
/// `v = −∂ψ/∂axis1`. Channel `c = p·9 + t` is pressure index `p` and time index `t`. The
/// result is BLE's `field`: (21, 21, 10, 9, 2) float32 m/s indexed `[x, y, p, t, component]`
/// (see ``BLEFieldShape``: x and y −500…500 km every 50 km, pressures 5000…14000 Pa every
/// 1000 Pa, times 0…48 h every 6 h, component 0 = u east, 1 = v north). The latents are BLE's
/// `jax.random.normal(key, (64,))` draw; there is no other input.
///
/// **Rounding follows JAX on CPU**, because ψ reaches ±300 while u and v are differences of
/// neighbouring ψ values: float32 rounding in ψ (an ulp is 3e-5 there) shows up in the winds
/// at the 1e-4 level, and any other summation order (BLAS, or exact float64 arithmetic) differs
/// from BLE's own fields by up to 1.5e-4 m/s. So each dense layer accumulates over its inputs
/// in order with one rounding per step (a fused multiply–add chain, as XLA's CPU
/// matrix–vector product does) and adds the bias afterwards; the resize contracts axis 0 with
/// fused multiply–adds (except in the scalar tail of XLA's vector loop: the last 6 of each row's
/// 630 values, in the first 18 rows), then axis 1 with a rounded product and sum, with JAX's
/// float32 weights. Each choice was found by trying the alternatives against BLE's five exported
/// grids; together they reproduce all 396 900 values bit for bit (see VAEDecoderTests: fusing
/// neither contraction gives 79 %, fusing the first throughout 99.88 %).
///
/// The decoder is immutable and safe to share between threads; each call allocates its own
/// scratch (about 0.5 MB). A decode takes about 2.5 ms in a release build.
public struct VAEDecoder: Sendable {
    /// The number of latents `decode` takes.
    public static let latentCount = 64
    /// ψ's side before enlarging: the last layer's 4410 outputs are ψ (7, 7, 90), row-major.
    public static let streamFunctionSide = 7
    /// ψ's channels, one per (pressure, time) pair: 10 · 9.
    public static let channelCount = BLEFieldShape.pressureCount * BLEFieldShape.timeCount
    /// The side ψ is enlarged to before differencing; its 21-point interior is the output grid.
    public static let resizedSide = BLEFieldShape.horizontalCount + 2
    /// The output's shape, `[x, y, pressure, time, component]`: (21, 21, 10, 9, 2).
    public static let outputShape = [BLEFieldShape.horizontalCount, BLEFieldShape.horizontalCount,
                                     BLEFieldShape.pressureCount, BLEFieldShape.timeCount, 2]
    /// The number of values `decode` returns: 79 380.
    public static let outputCount = BLEFieldShape.valueCount

    /// Of each enlarged row's 7·90 values along axis 0, how many XLA's 16-wide fused loop computes
    /// (39·16); the rest came from a scalar tail without fusion, in the first `rowsWithUnfusedTail`
    /// rows (measured against BLE's exported grids).
    static let fusedColumnsPerRow = 624
    static let rowsWithUnfusedTail = 18

    /// The parameters of the four dense layers.
    public let weights: VAEDecoderWeights
    private let resize = BilinearResize(from: streamFunctionSide, to: resizedSide)

    /// Loads the decoder from a file written by `loonsim models import-ble`.
    ///
    /// Fails with an `HDF5Error` naming the file and dataset when the file is missing, is not
    /// HDF5, or lacks a tensor or has one of the wrong shape.
    public init(contentsOf path: String) throws {
        self.init(weights: try VAEDecoderWeights(contentsOf: path))
    }

    /// Wraps weights already loaded.
    public init(weights: VAEDecoderWeights) {
        precondition(VAEDecoderWeights.widths.first == Self.latentCount
                     && VAEDecoderWeights.widths.last == Self.streamFunctionSide * Self.streamFunctionSide * Self.channelCount)
        self.weights = weights
    }

    /// Loads the decoder shipped with loonsim (``DataFiles/vaeDecoderPath``).
    public static func loadDefault() throws -> VAEDecoder {
        try VAEDecoder(contentsOf: DataFiles.require(DataFiles.vaeDecoderPath))
    }

    /// Decodes 64 latents into a wind grid: ``outputCount`` float32 values, (21, 21, 10, 9, 2) row-major.
    public func decode(latents: [Float]) -> [Float] {
        precondition(latents.count == Self.latentCount, "the decoder takes \(Self.latentCount) latents, got \(latents.count)")
        return differentiate(enlarge(streamFunction(latents: latents)))
    }

    /// The last layer's output: ψ as (7, 7, 90) row-major.
    func streamFunction(latents: [Float]) -> [Float] {
        var activation = latents
        let layers = VAEDecoderWeights.widths.count - 1
        for layer in 0..<layers {
            activation = Self.dense(activation, kernel: weights.kernels[layer], bias: weights.biases[layer])
            if layer < layers - 1 {
                for index in activation.indices where activation[index] < 0 { activation[index] = 0 }
            }
        }
        return activation
    }

    /// `x·W + b` for `W` stored `[in, out]` row-major, rounded as XLA on CPU rounds it:
    /// `y ← fma(xᵢ, Wᵢ, y)` for i = 0, 1, … in float32, then `y + b`.
    ///
    /// The fused multiply–add is computed in Double: the product of two floats is exact there,
    /// so `Float(y + x·w)` rounds once to double and once to float. That equals `fmaf` except
    /// when the double lands exactly halfway between two floats (about one step in 2²⁸; it
    /// changed none of BLE's reference grids) and, unlike `fmaf` on a baseline x86-64 build,
    /// it vectorises.
    static func dense(_ x: [Float], kernel: [Float], bias: [Float]) -> [Float] {
        let outputs = bias.count
        precondition(kernel.count == x.count * outputs)
        var y = [Float](repeating: 0, count: outputs)
        kernel.withUnsafeBufferPointer { kernel in
            y.withUnsafeMutableBufferPointer { y in
                for (i, xi) in x.enumerated() where xi != 0 {  // a zero input leaves every sum as it is
                    let scale = Double(xi)
                    let row = UnsafeBufferPointer(rebasing: kernel[(i * outputs)..<((i + 1) * outputs)])
                    for j in 0..<outputs { y[j] = Float(Double(y[j]) + scale * Double(row[j])) }
                }
                for j in 0..<outputs { y[j] += bias[j] }
            }
        }
        return y
    }

    /// ψ (7, 7, C) enlarged to (23, 23, C), separably: first along axis 0 (fused multiply–adds but
    /// for XLA's scalar tail), then along axis 1 (separate multiply and add), rounded as XLA
    /// rounded BLE's resize on the machine that exported BLE's episodes.
    func enlarge(_ psi: [Float]) -> [Float] {
        let (n, m, channels) = (Self.streamFunctionSide, Self.resizedSide, Self.channelCount)
        var alongX = [Float](repeating: 0, count: m * n * channels)
        var resized = [Float](repeating: 0, count: m * m * channels)
        psi.withUnsafeBufferPointer { psi in
            alongX.withUnsafeMutableBufferPointer { out in
                for i in 0..<m {
                    // XLA's fused vector loop covers each row's first 624 (b, c) values; in the first 18 rows
                    // the last 6 come from its scalar tail, a separate multiply and add.
                    let fusedCount = i < Self.rowsWithUnfusedTail ? Self.fusedColumnsPerRow : n * channels
                    for tap in resize.taps[i] {
                        let weight = Double(tap.weight)
                        let (target, source) = (i * n * channels, tap.input * n * channels)
                        for q in 0..<fusedCount {  // q = b·C + c (see `dense` for the Double trick)
                            out[target + q] = Float(Double(out[target + q]) + weight * Double(psi[source + q]))
                        }
                        for q in fusedCount..<(n * channels) { out[target + q] += tap.weight * psi[source + q] }
                    }
                }
            }
        }
        alongX.withUnsafeBufferPointer { alongX in
            resized.withUnsafeMutableBufferPointer { out in
                for i in 0..<m {
                    for j in 0..<m {
                        let target = (i * m + j) * channels
                        for tap in resize.taps[j] {
                            let source = (i * n + tap.input) * channels
                            for c in 0..<channels { out[target + c] += tap.weight * alongX[source + c] }
                        }
                    }
                }
            }
        }
        return resized
    }

    /// Central differences on the interior of the enlarged ψ, interleaved as (21, 21, C, 2).
    func differentiate(_ resized: [Float]) -> [Float] {
        let (m, channels, side) = (Self.resizedSide, Self.channelCount, BLEFieldShape.horizontalCount)
        var field = [Float](repeating: 0, count: Self.outputCount)
        resized.withUnsafeBufferPointer { s in
            field.withUnsafeMutableBufferPointer { out in
                for i in 0..<side {
                    for j in 0..<side {
                        // Output (i, j) is enlarged point (i + 1, j + 1).
                        let iAfter = ((i + 2) * m + (j + 1)) * channels, iBefore = (i * m + (j + 1)) * channels
                        let jAfter = ((i + 1) * m + (j + 2)) * channels, jBefore = ((i + 1) * m + j) * channels
                        let target = (i * side + j) * channels * 2
                        for c in 0..<channels {
                            out[target + 2 * c] = (s[iAfter + c] - s[iBefore + c]) / 2
                            out[target + 2 * c + 1] = -((s[jAfter + c] - s[jBefore + c]) / 2)
                        }
                    }
                }
            }
        }
        return field
    }
}
