/// The pre-norm feed-forward sublayer of a transformer block: `down(act(up(norm(x))))`.
///
/// Widths go `width → hiddenWidth → width`, so it can sit inside a ``Residual``.
public struct FeedForward: Layer, Sendable {
    public var norm: LayerNorm
    public var up: Linear
    public var activation: ActivationLayer
    public var down: Linear

    public init(width: Int, hiddenWidth: Int, activation: Activation, using generator: inout Xoshiro256StarStar) {
        norm = LayerNorm(width: width)
        up = Linear(inputWidth: width, outputWidth: hiddenWidth, using: &generator)
        self.activation = ActivationLayer(activation)
        down = Linear(inputWidth: hiddenWidth, outputWidth: width, using: &generator)
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        down.forward(activation.forward(up.forward(norm.forward(input))))
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        norm.backward(up.backward(activation.backward(down.backward(outputGradient))))
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        norm.visitParameters { visit("norm." + $0, &$1) }
        up.visitParameters { visit("up." + $0, &$1) }
        down.visitParameters { visit("down." + $0, &$1) }
    }
}
