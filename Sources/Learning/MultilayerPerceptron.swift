/// A stack of fully connected layers with an activation after each hidden one:
/// `Linear → act → … → Linear → act → Linear`.
///
/// The encoder's head is one; so is BLE's 7×600 QR-DQN network
/// (`MultilayerPerceptron(widths: [1099] + Array(repeating: 600, count: 7) + [153], activation: .relu)`).
public struct MultilayerPerceptron: Layer, Sendable {
    /// The linear layers, input first; the last is the output layer (no activation after it).
    public var layers: [Linear]
    private var activations: [ActivationLayer]

    /// Layers mapping `widths[0] → widths[1] → … → widths.last`.
    ///
    /// Hidden layers use `hiddenInitialization`, the last one `outputInitialization`.
    public init(
        widths: [Int], activation: Activation,
        hiddenInitialization: ParameterInitialization = .glorotUniform,
        outputInitialization: ParameterInitialization = .glorotUniform,
        using generator: inout Xoshiro256StarStar
    ) {
        precondition(widths.count >= 2, "an MLP needs at least an input and an output width")
        var layers: [Linear] = []
        for index in 0..<(widths.count - 1) {
            let isOutput = index == widths.count - 2
            layers.append(Linear(inputWidth: widths[index], outputWidth: widths[index + 1],
                                 weightInitialization: isOutput ? outputInitialization : hiddenInitialization,
                                 using: &generator))
        }
        self.layers = layers
        activations = Array(repeating: ActivationLayer(activation), count: widths.count - 2)
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        var hidden = input
        for index in layers.indices {
            hidden = layers[index].forward(hidden)
            if index < activations.count { hidden = activations[index].forward(hidden) }
        }
        return hidden
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        var gradient = outputGradient
        for index in layers.indices.reversed() {
            if index < activations.count { gradient = activations[index].backward(gradient) }
            gradient = layers[index].backward(gradient)
        }
        return gradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        for index in layers.indices {
            layers[index].visitParameters { visit("layers.\(index).\($0)", &$1) }
        }
    }
}
