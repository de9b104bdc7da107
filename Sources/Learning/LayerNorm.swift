import CDenseKernels

/// Layer normalisation over the last dimension (Ba, Kiros & Hinton 2016):
/// `y = γ·(x − μ)/√(σ² + ε) + β`, with μ and σ² the mean and (biased) variance of each row.
public struct LayerNorm: Layer, Sendable {
    /// The scale γ, `[width]`, initially ones.
    public var scale: Parameter
    /// The shift β, `[width]`, initially zeros.
    public var shift: Parameter
    /// Added to the variance before the square root.
    public let epsilon: Float
    private var normalized = Tensor()        // (x − μ)/σ, kept for backward
    private var inverseDeviations: [Float] = []  // 1/σ per row
    private var inputGradient = Tensor()

    public init(width: Int, epsilon: Float = 1e-5) {
        scale = Parameter(Tensor(shape: [width], repeating: 1))
        shift = Parameter(Tensor(zeros: [width]))
        self.epsilon = epsilon
    }

    public var width: Int { scale.shape[0] }

    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rowWidth == width, "LayerNorm expects rows of \(width), got shape \(input.shape)")
        let (rows, width, epsilon) = (input.rowCount, self.width, self.epsilon)
        normalized.resize(to: input.shape)
        if inverseDeviations.count != rows { inverseDeviations = [Float](repeating: 0, count: rows) }
        let (gammaTensor, betaTensor) = (scale.value, shift.value)
        return Tensor(shape: input.shape) { y in
            input.withUnsafeBufferPointer { x in
            gammaTensor.withUnsafeBufferPointer { gamma in
            betaTensor.withUnsafeBufferPointer { beta in
            normalized.withUnsafeMutableBufferPointer { xHat in
            inverseDeviations.withUnsafeMutableBufferPointer { inverse in
                // Per row: μ, x̂ = x − μ, σ², 1/σ, x̂·(1/σ), γ·x̂ + β, in C (the same bits as this
                // arithmetic in Swift with VectorMath's sums; see LayerNormKernels.h).
                loonsim_layer_norm_forward(x.baseAddress, rows, width, gamma.baseAddress, beta.baseAddress, epsilon,
                                           xHat.baseAddress, inverse.baseAddress, y.baseAddress)
            }}}}}
        }
    }

    /// dx = (1/σ)·(g − mean(g) − x̂·mean(g·x̂)) with g = γ·dy, per row.
    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(outputGradient.shape == normalized.shape, "LayerNorm backward: gradient \(outputGradient.shape) for output \(normalized.shape)")
        let (rows, width) = (normalized.rowCount, self.width)
        inputGradient.resize(to: normalized.shape)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: width) { scaled in  // γ·dy for one row
        outputGradient.withUnsafeBufferPointer { dy in
        normalized.withUnsafeBufferPointer { xHat in
        inverseDeviations.withUnsafeBufferPointer { inverse in
        scale.value.withUnsafeBufferPointer { gamma in
        scale.gradient.withUnsafeMutableBufferPointer { dGamma in
        shift.gradient.withUnsafeMutableBufferPointer { dBeta in
        inputGradient.withUnsafeMutableBufferPointer { dx in
            loonsim_layer_norm_backward(dy.baseAddress, xHat.baseAddress, inverse.baseAddress, rows, width,
                                        gamma.baseAddress, dGamma.baseAddress, dBeta.baseAddress, dx.baseAddress,
                                        scaled.baseAddress)
        }}}}}}}}
        return inputGradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        visit("scale", &scale)
        visit("shift", &shift)
    }
}
