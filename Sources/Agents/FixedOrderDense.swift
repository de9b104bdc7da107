import CDenseKernels

/// Dense float32 layers whose results do not depend on the batch or the CPU.
///
/// Each output is `act(bias + s)` with `s` one chain of fused multiply-adds over the inputs in
/// order, starting from 0 (``CDenseKernels``: AVX-512 or AVX2 + FMA chosen at run time, an exact
/// `fmaf` loop elsewhere). So a row computed in a batch of any size has the bits it has alone,
/// which lets evaluation fly network agents in lockstep with the results of one-by-one flights,
/// and a batch of 16 observations reads a large network's weights about 3 times instead of 16.
public enum FixedOrderDense {
    /// What follows the affine map.
    public enum Activation: Sendable { case identity, relu }

    /// `y[r·ldy + o] = act(bias[o] + Σₖ x[r·ldx + k]·weights[k·outputs + o])` for `rows` rows.
    ///
    /// `weights` is `[inputs, outputs]` row-major (TensorFlow's layout); `bias` may be nil; `y` must
    /// not overlap the inputs. ReLU maps NaN and −0 to +0.
    @inlinable
    public static func forward(rows: Int, inputs: Int, outputs: Int, x: UnsafePointer<Float>, ldx: Int,
                               weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                               y: UnsafeMutablePointer<Float>, ldy: Int, activation: Activation = .identity) {
        loonsim_dense_forward(Int32(rows), Int32(inputs), Int32(outputs), x, Int32(ldx), weights, bias, y, Int32(ldy),
                              activation == .relu ? 1 : 0)
    }
}
