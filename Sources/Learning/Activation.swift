/// The nonlinearity between two linear layers, chosen by configuration.
public enum Activation: String, Codable, Equatable, Sendable, CaseIterable {
    /// `max(x, 0)`: cheapest; BLE's networks use it.
    case relu
    /// `x·Φ(x)`: smooth; usual in transformers.
    case gelu
}

/// A layer applying the configured ``Activation``.
public struct ActivationLayer: Layer, Sendable {
    public let activation: Activation
    private var relu = ReLU()
    private var gelu = GELU()

    public init(_ activation: Activation) {
        self.activation = activation
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        switch activation {
        case .relu: return relu.forward(input)
        case .gelu: return gelu.forward(input)
        }
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        switch activation {
        case .relu: return relu.backward(outputGradient)
        case .gelu: return gelu.backward(outputGradient)
        }
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {}
}
