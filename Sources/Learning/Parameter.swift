/// A trainable tensor together with the gradient of the loss with respect to it.
///
/// Backward passes *add* into `gradient`, so gradients of several losses (or several
/// backward calls) accumulate; call ``ParameterContainer/zeroGradients()`` before each step.
public struct Parameter: Equatable, Sendable {
    /// The current value.
    public var value: Tensor
    /// dLoss/dValue, accumulated since the last zeroing; same shape as `value`.
    public var gradient: Tensor

    /// A parameter holding `value`, with a zero gradient.
    public init(_ value: Tensor) {
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// The parameter's shape.
    public var shape: [Int] { value.shape }
}

/// A tensor with the dotted path that names it inside a model (`blocks.0.attention.query.weight`).
public struct NamedTensor: Equatable, Sendable {
    public var name: String
    public var tensor: Tensor

    public init(_ name: String, _ tensor: Tensor) {
        self.name = name
        self.tensor = tensor
    }
}
