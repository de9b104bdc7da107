/// A named, seeded way to fill a new parameter tensor.
///
/// `fanIn` and `fanOut` are those of a weight `[fanIn, fanOut]` (rows are inputs); for a
/// rank-1 tensor both are its length. Every scheme draws from the given
/// ``Xoshiro256StarStar``, in row-major order, so one seed gives one set of weights.
public enum ParameterInitialization: Equatable, Sendable {
    /// All zeros (biases, layer-norm shifts).
    case zeros
    /// All ones (layer-norm scales).
    case ones
    /// Normal with mean 0 and the given standard deviation (embeddings).
    case normal(standardDeviation: Float)
    /// Uniform on [−bound, bound].
    case uniform(bound: Float)
    /// Glorot/Xavier uniform: U(±√(6/(fanIn + fanOut))), keeps activations' variance through linear layers.
    case glorotUniform
    /// He normal: N(0, 2/fanIn), for layers followed by a ReLU.
    case heNormal
    /// Variance scaling, fan-in, uniform: U(±√(3·scale/fanIn)). With scale 1/√3 this is
    /// Dopamine's QR-DQN initialiser, U(±3^(1/4)/√fanIn) (ble-reference.md §6.5).
    case varianceScalingUniform(scale: Float)

    /// A tensor of `shape` drawn from this scheme.
    public func makeTensor(shape: [Int], using generator: inout Xoshiro256StarStar) -> Tensor {
        let count = shape.reduce(1, *)
        let fanIn = shape.count >= 2 ? shape[0] : max(count, 1)
        let fanOut = shape.count >= 2 ? count / max(shape[0], 1) : max(count, 1)
        var values = [Float](repeating: 0, count: count)
        switch self {
        case .zeros:
            break
        case .ones:
            values = [Float](repeating: 1, count: count)
        case .normal(let standardDeviation):
            for i in 0..<count { values[i] = Float(generator.nextGaussian()) * standardDeviation }
        case .uniform(let bound):
            Self.fillUniform(&values, bound: Double(bound), using: &generator)
        case .glorotUniform:
            Self.fillUniform(&values, bound: (6 / Double(fanIn + fanOut)).squareRoot(), using: &generator)
        case .heNormal:
            let standardDeviation = (2 / Double(fanIn)).squareRoot()
            for i in 0..<count { values[i] = Float(generator.nextGaussian() * standardDeviation) }
        case .varianceScalingUniform(let scale):
            Self.fillUniform(&values, bound: (3 * Double(scale) / Double(fanIn)).squareRoot(), using: &generator)
        }
        return Tensor(shape: shape, scalars: values)
    }

    private static func fillUniform(_ values: inout [Float], bound: Double, using generator: inout Xoshiro256StarStar) {
        for i in values.indices { values[i] = Float((2 * generator.nextUniform() - 1) * bound) }
    }
}
