/// Multi-head self-attention: per-token query, key and value projections, an attention
/// kernel mixing tokens within each sequence, and an output projection.
///
/// `width = headCount·headWidth`; the kernel is FAVOR+ or exact softmax attention.
public struct MultiHeadAttention: ParameterContainer, Sendable {
    public var query: Linear
    public var key: Linear
    public var value: Linear
    public var output: Linear
    /// The token-mixing core (holds FAVOR+'s random features, if any).
    public var kernel: any AttentionKernel
    private var attentionOutput = Tensor()

    public init(
        width: Int, headCount: Int, kind: AttentionKind, featureCount: Int, featureKind: RandomFeatureKind,
        using generator: inout Xoshiro256StarStar
    ) {
        precondition(width % headCount == 0, "width \(width) is not a multiple of the head count \(headCount)")
        query = Linear(inputWidth: width, outputWidth: width, using: &generator)
        key = Linear(inputWidth: width, outputWidth: width, using: &generator)
        value = Linear(inputWidth: width, outputWidth: width, using: &generator)
        output = Linear(inputWidth: width, outputWidth: width, using: &generator)
        let headWidth = width / headCount
        // One draw either way, so FAVOR+ and softmax models of one seed get the same weights.
        var featureGenerator = Xoshiro256StarStar(seed: generator.next())
        switch kind {
        case .favor:
            kernel = FAVORAttention(headCount: headCount, headWidth: headWidth, featureCount: featureCount,
                                    featureKind: featureKind, using: &featureGenerator)
        case .softmax:
            kernel = SoftmaxAttention(headCount: headCount, headWidth: headWidth)
        }
    }

    /// `[rows, width]` tokens in, `[rows, width]` out, mixing only within each sequence of `layout`.
    public mutating func forward(_ input: Tensor, layout: SequenceLayout) -> Tensor {
        let q = query.forward(input)
        let k = key.forward(input)
        let v = value.forward(input)
        attentionOutput = kernel.forward(query: q, key: k, value: v, layout: layout)
        return output.forward(attentionOutput)
    }

    /// dLoss/dInput for the last forward; accumulates the projections' gradients.
    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        let mixedGradient = output.backward(outputGradient)
        let (dq, dk, dv) = kernel.backward(mixedGradient)
        var inputGradient = query.backward(dq)
        inputGradient.add(key.backward(dk))
        inputGradient.add(value.backward(dv))
        return inputGradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        query.visitParameters { visit("query." + $0, &$1) }
        key.visitParameters { visit("key." + $0, &$1) }
        value.visitParameters { visit("value." + $0, &$1) }
        output.visitParameters { visit("output." + $0, &$1) }
    }

    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {
        kernel.visitBuffers { visit("kernel." + $0, &$1) }
    }

    /// Draws new random features for the kernel (FAVOR+ only).
    public mutating func redrawFeatures(using generator: inout Xoshiro256StarStar) {
        kernel.redrawFeatures(using: &generator)
    }
}
