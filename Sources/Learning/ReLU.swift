/// The rectified linear unit, `max(x, 0)`, elementwise. Its derivative at 0 is taken as 0.
public struct ReLU: Layer, Sendable {
    private var output = Tensor()
    private var inputGradient = Tensor()

    public init() {}

    public mutating func forward(_ input: Tensor) -> Tensor {
        output = Tensor(shape: input.shape) { y in
            input.withUnsafeBufferPointer { x in
                for i in 0..<x.count { y[i] = max(x[i], 0) }
            }
        }
        return output
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(outputGradient.shape == output.shape, "ReLU backward: gradient \(outputGradient.shape) for output \(output.shape)")
        inputGradient.resize(to: output.shape)
        output.withUnsafeBufferPointer { y in
            outputGradient.withUnsafeBufferPointer { dy in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    for i in 0..<y.count { dx[i] = y[i] > 0 ? dy[i] : 0 }
                }
            }
        }
        return inputGradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {}
}
