/// A differentiable map from one tensor of rows to another, with a hand-written backward pass.
///
/// `forward` remembers what `backward` needs (its input, normalised values, masks);
/// `backward` takes dLoss/dOutput for the *last* forward call, adds dLoss/dParameters
/// into the parameters' gradients and returns dLoss/dInput. Inputs are `[rows, width]`
/// (any leading dimensions are treated as rows).
public protocol Layer: ParameterContainer {
    /// The output for `input`, remembering what ``backward(_:)`` needs.
    mutating func forward(_ input: Tensor) -> Tensor

    /// dLoss/dInput for the last ``forward(_:)``, given dLoss/dOutput; accumulates parameter gradients.
    mutating func backward(_ outputGradient: Tensor) -> Tensor
}
