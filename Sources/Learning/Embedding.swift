/// A learned lookup table: row `i` of a `[count, width]` table is the vector for index `i`.
///
/// The encoder uses one to give each wind-column slot (pressure level relative to the
/// balloon) its own position vector. Backward adds each output row's gradient into the
/// row it was read from, so repeated indices accumulate.
public struct Embedding: ParameterContainer, Sendable {
    /// `[count, width]`.
    public var table: Parameter
    private var indices: [Int] = []
    private var output = Tensor()

    public init(count: Int, width: Int, initialization: ParameterInitialization = .normal(standardDeviation: 0.02),
                using generator: inout Xoshiro256StarStar) {
        table = Parameter(initialization.makeTensor(shape: [count, width], using: &generator))
    }

    public var count: Int { table.shape[0] }
    public var width: Int { table.shape[1] }

    /// The rows for `indices`, as `[indices.count, width]`.
    public mutating func forward(_ indices: [Int]) -> Tensor {
        precondition(indices.allSatisfy { $0 >= 0 && $0 < count }, "Embedding index out of 0..<\(count)")
        self.indices = indices
        let width = self.width
        output.resize(to: [indices.count, width])
        table.value.withUnsafeBufferPointer { table in
            output.withUnsafeMutableBufferPointer { y in
                for (row, index) in indices.enumerated() {
                    (y.baseAddress! + row * width).update(from: table.baseAddress! + index * width, count: width)
                }
            }
        }
        return output
    }

    /// Adds the rows of `outputGradient` (`[indices.count, width]`) into the table's gradient.
    public mutating func backward(_ outputGradient: Tensor) {
        precondition(outputGradient.shape == [indices.count, width], "Embedding backward: gradient \(outputGradient.shape) for \(indices.count) lookups")
        let width = self.width
        outputGradient.withUnsafeBufferPointer { dy in
            table.gradient.withUnsafeMutableBufferPointer { dTable in
                for (row, index) in indices.enumerated() {
                    for j in 0..<width { dTable[index * width + j] += dy[row * width + j] }
                }
            }
        }
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        visit("table", &table)
    }
}
