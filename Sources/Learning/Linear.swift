import Agents

/// A fully connected layer, `y = x·W + b`, with `W` of shape `[inputWidth, outputWidth]`.
///
/// The forward pass uses ``FixedOrderDense`` (each row's outputs are the same bits whatever the
/// batch), the backward pass BLAS.
///
/// The weight layout (inputs as rows) is TensorFlow's and Dopamine's, so weights
/// converted from BLE's networks load without transposing.
public struct Linear: Layer, Sendable {
    /// `[inputWidth, outputWidth]`.
    public var weight: Parameter
    /// `[outputWidth]`.
    public var bias: Parameter
    private var input = Tensor()
    private var inputGradient = Tensor()

    /// A layer with weights drawn from `weightInitialization` and zero biases.
    public init(
        inputWidth: Int, outputWidth: Int, weightInitialization: ParameterInitialization = .glorotUniform,
        using generator: inout Xoshiro256StarStar
    ) {
        weight = Parameter(weightInitialization.makeTensor(shape: [inputWidth, outputWidth], using: &generator))
        bias = Parameter(Tensor(zeros: [outputWidth]))
    }

    public var inputWidth: Int { weight.shape[0] }
    public var outputWidth: Int { weight.shape[1] }

    public mutating func forward(_ input: Tensor) -> Tensor {
        precondition(input.rowWidth == inputWidth, "Linear expects rows of \(inputWidth), got shape \(input.shape)")
        self.input = input
        let rows = input.rowCount
        let (inputWidth, outputWidth) = (self.inputWidth, self.outputWidth)
        return Tensor(shape: Array(input.shape.dropLast()) + [outputWidth]) { y in
            guard rows > 0 else { return }
            input.withUnsafeBufferPointer { x in
                weight.value.withUnsafeBufferPointer { w in
                    bias.value.withUnsafeBufferPointer { b in
                        // Summed in a fixed order per row, so a row's output does not depend on the batch.
                        FixedOrderDense.forward(rows: rows, inputs: inputWidth, outputs: outputWidth, x: x.baseAddress!,
                                                ldx: inputWidth, weights: w.baseAddress!, bias: b.baseAddress!,
                                                y: y.baseAddress!, ldy: outputWidth)
                    }
                }
            }
        }
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        let rows = input.rowCount
        precondition(outputGradient.count == rows * outputWidth && outputGradient.rowWidth == outputWidth,
                     "Linear backward: gradient \(outputGradient.shape) for input \(input.shape)")
        let (inputWidth, outputWidth) = (self.inputWidth, self.outputWidth)
        inputGradient.resize(to: input.shape)
        guard rows > 0 else { return inputGradient }
        input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                weight.gradient.withUnsafeMutableBufferPointer { dw in
                    // dW += xᵀ·dy
                    BLAS.gemm(transposeA: true, m: inputWidth, n: outputWidth, k: rows, a: x.baseAddress!,
                              lda: inputWidth, b: dy.baseAddress!, ldb: outputWidth, beta: 1,
                              c: dw.baseAddress!, ldc: outputWidth)
                }
                bias.gradient.withUnsafeMutableBufferPointer { db in
                    for row in 0..<rows {
                        let dyRow = dy.baseAddress! + row * outputWidth
                        for j in 0..<outputWidth { db[j] += dyRow[j] }
                    }
                }
                weight.value.withUnsafeBufferPointer { w in
                    inputGradient.withUnsafeMutableBufferPointer { dx in
                        // dx = dy·Wᵀ
                        BLAS.gemm(transposeB: true, m: rows, n: inputWidth, k: outputWidth, a: dy.baseAddress!,
                                  lda: outputWidth, b: w.baseAddress!, ldb: outputWidth, c: dx.baseAddress!,
                                  ldc: inputWidth)
                    }
                }
            }
        }
        return inputGradient
    }

    public mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) {
        visit("weight", &weight)
        visit("bias", &bias)
    }
}
