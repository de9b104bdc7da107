/// One pre-norm Performer block: `h = x + attention(norm(x))`, then `y = h + feedForward(h)`
/// (the feed-forward sublayer normalises its own input).
public struct PerformerBlock: ParameterContainer, Sendable {
    public var attentionNorm: LayerNorm
    public var attention: MultiHeadAttention
    public var feedForward: Residual<FeedForward>

    public init(
        width: Int, headCount: Int, feedForwardWidth: Int, activation: Activation, attentionKind: AttentionKind,
        featureCount: Int, featureKind: RandomFeatureKind, using generator: inout Xoshiro256StarStar
    ) {
        attentionNorm = LayerNorm(width: width)
        attention = MultiHeadAttention(width: width, headCount: headCount, kind: attentionKind,
                                       featureCount: featureCount, featureKind: featureKind, using: &generator)
        feedForward = Residual(FeedForward(width: width, hiddenWidth: feedForwardWidth, activation: activation,
                                           using: &generator))
    }

    /// `[rows, width]` tokens in and out; attention stays within each sequence of `layout`.
    public mutating func forward(_ input: Tensor, layout: SequenceLayout) -> Tensor {
        let afterAttention = input + attention.forward(attentionNorm.forward(input), layout: layout)
        return feedForward.forward(afterAttention)
    }

    /// dLoss/dInput for the last forward; accumulates parameter gradients.
    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        let afterAttentionGradient = feedForward.backward(outputGradient)
        return afterAttentionGradient + attentionNorm.backward(attention.backward(afterAttentionGradient))
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        attentionNorm.visitParameters { visit("attentionNorm." + $0, &$1) }
        attention.visitParameters { visit("attention." + $0, &$1) }
        feedForward.visitParameters { visit("feedForward." + $0, &$1) }
    }

    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {
        attention.visitBuffers { visit("attention." + $0, &$1) }
    }

    /// Draws new random features for the attention kernel (FAVOR+ only).
    public mutating func redrawFeatures(using generator: inout Xoshiro256StarStar) {
        attention.redrawFeatures(using: &generator)
    }
}
