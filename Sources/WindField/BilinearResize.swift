/// Linear resampling weights along one axis with half-pixel centres, computed in float32
/// exactly as `jax.image.resize(…, "linear")` computes them (ble-reference.md §3.4 step 4).
///
/// Output `i` samples the input at `s = (i + 0.5)·(n/m) − 0.5` (n inputs, m outputs) with the
/// triangle kernel `max(0, 1 − |s − j|)` over the inputs `j`, normalised to sum 1; beyond the
/// outermost input centres this clamps to the edge value. It equals TF's
/// `resize_bilinear(half_pixel_centers=True)`. Every step is rounded to float32 in JAX's order
/// (`compute_weight_mat` in `jax/_src/image/scale.py`), so the weights are bit-for-bit JAX's.
/// Only enlarging is supported: when shrinking JAX widens the kernel (antialiasing).
public struct BilinearResize: Sendable, Equatable {
    /// One nonzero weight: which input it reads and how much of it.
    public struct Tap: Sendable, Equatable {
        public var input: Int
        public var weight: Float

        public init(input: Int, weight: Float) {
            self.input = input
            self.weight = weight
        }
    }

    /// The number of input and output samples.
    public let inputCount: Int
    public let outputCount: Int
    /// For each output sample, its nonzero taps (at most two), in input order.
    public let taps: [[Tap]]

    /// Precomputes the weights for resampling `inputCount` samples to `outputCount` (≥ `inputCount`).
    public init(from inputCount: Int, to outputCount: Int) {
        precondition(inputCount >= 1 && outputCount >= inputCount, "BilinearResize only enlarges")
        self.inputCount = inputCount
        self.outputCount = outputCount
        // JAX: scale = m / n and inv_scale = 1 / scale as Python floats, then float32 arithmetic.
        let inverseScale = Float(1.0 / (Double(outputCount) / Double(inputCount)))
        let lowest = Float(-0.5), highest = Float(inputCount) - 0.5
        taps = (0..<outputCount).map { i in
            let s = (Float(i) + 0.5) * inverseScale - 0.5
            guard s >= lowest, s <= highest else { return [] }
            let raw = (0..<inputCount).map { j in max(Float(0), 1 - abs(s - Float(j))) }
            var total: Float = 0
            for weight in raw { total += weight }
            guard abs(total) > 1000 * Float.ulpOfOne else { return [] }
            return raw.enumerated().filter { $0.element != 0 }.map { Tap(input: $0.offset, weight: $0.element / total) }
        }
    }

    /// The weights as a dense `outputCount × inputCount` row-major matrix (for tests and inspection).
    public var matrix: [Float] {
        var dense = [Float](repeating: 0, count: outputCount * inputCount)
        for (i, row) in taps.enumerated() { for tap in row { dense[i * inputCount + tap.input] = tap.weight } }
        return dense
    }
}
