import Foundation

/// The Gaussian error linear unit (Hendrycks & Gimpel 2016), exact form, elementwise:
/// `x·Φ(x) = x/2·(1 + erf(x/√2))`, with derivative `Φ(x) + x·φ(x)`.
///
/// Smooth everywhere, so finite-difference gradient checks need no care near zero
/// (unlike ``ReLU``); costs an `erf` and an `exp` per value.
public struct GELU: Layer, Sendable {
    private var input = Tensor()
    private var output = Tensor()
    private var inputGradient = Tensor()

    public init() {}

    public mutating func forward(_ input: Tensor) -> Tensor {
        self.input = input
        output.resize(to: input.shape)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for i in 0..<x.count { y[i] = 0.5 * x[i] * (1 + erff(x[i] * Float(0.5.squareRoot()))) }
            }
        }
        return output
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        precondition(outputGradient.shape == input.shape, "GELU backward: gradient \(outputGradient.shape) for input \(input.shape)")
        inputGradient.resize(to: input.shape)
        let inverseSqrtTwoPi = Float(1 / (2 * Double.pi).squareRoot())
        input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    for i in 0..<x.count {
                        let cdf = 0.5 * (1 + erff(x[i] * Float(0.5.squareRoot())))
                        let density = inverseSqrtTwoPi * expf(-0.5 * x[i] * x[i])
                        dx[i] = dy[i] * (cdf + x[i] * density)
                    }
                }
            }
        }
        return inputGradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {}
}
