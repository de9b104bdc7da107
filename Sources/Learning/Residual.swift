/// A residual connection around a layer of unchanged width: `y = x + body(x)`.
///
/// The gradient flows through both paths: `dx = dy + body.backward(dy)`. Parameter names
/// are the body's, unprefixed (the wrapper is transparent in checkpoints).
public struct Residual<Body: Layer & Sendable>: Layer, Sendable {
    public var body: Body

    public init(_ body: Body) {
        self.body = body
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        let branch = body.forward(input)
        precondition(branch.shape == input.shape, "Residual body changed the shape \(input.shape) to \(branch.shape)")
        return input + branch
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        let branchGradient = body.backward(outputGradient)
        return outputGradient + branchGradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        body.visitParameters(visit)
    }

    public mutating func visitBuffers(_ visit: (String, inout Tensor) -> Void) {
        body.visitBuffers(visit)
    }
}
