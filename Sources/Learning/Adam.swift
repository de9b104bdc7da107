import CDenseKernels
import Foundation

/// The settings of ``Adam``.
public struct AdamConfiguration: Codable, Equatable, Sendable {
    /// Decay of the running mean of gradients (β₁).
    public var beta1: Float = 0.9
    /// Decay of the running mean of squared gradients (β₂).
    public var beta2: Float = 0.999
    /// Added to √v̂ in the denominator (BLE's QR-DQN uses 2e−5 with lr 2e−6; §6.5).
    public var epsilon: Float = 1e-8
    /// Largest global L2 norm of all gradients together; larger ones are scaled down to it
    /// before the step. nil: no clipping.
    public var maxGradientNorm: Float? = 10

    public init() {}

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, maxGradientNorm: Float? = 10) {
        (self.beta1, self.beta2, self.epsilon, self.maxGradientNorm) = (beta1, beta2, epsilon, maxGradientNorm)
    }
}

/// The Adam optimizer (Kingma & Ba 2015) with bias correction and global gradient-norm clipping.
///
/// Each ``update(_:learningRate:)`` clips the accumulated gradients of all parameters
/// together to `maxGradientNorm`, then moves each parameter by
/// `lr · m̂ / (√v̂ + ε)` with `m̂ = m/(1 − β₁ᵗ)` and `v̂ = v/(1 − β₂ᵗ)` (PyTorch's form).
/// The moments are created at the first update, one per parameter in the model's visiting
/// order, and saved in checkpoints with the step count. It does not zero the gradients.
public struct Adam: Equatable, Sendable {
    public var configuration: AdamConfiguration
    /// Updates taken so far (t).
    public internal(set) var step = 0
    /// Running mean of gradients, by parameter name (empty before the first update).
    public internal(set) var firstMoments: [NamedTensor] = []
    /// Running mean of squared gradients, by parameter name.
    public internal(set) var secondMoments: [NamedTensor] = []

    public init(configuration: AdamConfiguration = AdamConfiguration()) {
        self.configuration = configuration
    }

    /// Applies one step to `model`'s parameters from their accumulated gradients, at `learningRate`.
    ///
    /// Returns the global gradient norm *before* clipping (worth logging; without clipping it is
    /// summed in parallel blocks, so its last bits differ from a sequential sum). The model must
    /// have the same parameters, in the same order, at every call. `threads` splits each large
    /// tensor's element-wise step among threads (the result does not depend on it).
    @discardableResult
    public mutating func update<Model: ParameterContainer>(_ model: inout Model, learningRate: Float,
                                                           threads: Int = 1) -> Float {
        if firstMoments.isEmpty {
            model.visitParameters { name, parameter in
                firstMoments.append(NamedTensor(name, Tensor(zeros: parameter.shape)))
                secondMoments.append(NamedTensor(name, Tensor(zeros: parameter.shape)))
            }
        }
        // With clipping the norm sets the step, so it keeps its one sequential order (the bits of
        // earlier runs); without, it is only reported, and is summed in blocks on all threads.
        var squaredNorm = 0.0
        if configuration.maxGradientNorm != nil {
            model.visitParameters { _, parameter in squaredNorm += parameter.gradient.squaredNorm }
        } else {
            model.visitParameters { _, parameter in squaredNorm += parameter.gradient.squaredNormInBlocks(threads: threads) }
        }
        let norm = Float(squaredNorm.squareRoot())
        var clipScale: Float = 1
        if let limit = configuration.maxGradientNorm, norm > limit { clipScale = limit / norm }

        step += 1
        let (beta1, beta2, epsilon) = (configuration.beta1, configuration.beta2, configuration.epsilon)
        let firstCorrection = Float(1 - pow(Double(beta1), Double(step)))
        let secondCorrectionRoot = Float((1 - pow(Double(beta2), Double(step))).squareRoot())
        let stepSize = learningRate / firstCorrection
        var index = 0
        model.visitParameters { name, parameter in
            precondition(index < firstMoments.count && firstMoments[index].name == name
                         && firstMoments[index].tensor.shape == parameter.shape,
                         "Adam: parameter '\(name)' does not match the optimizer state")
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { theta in
                    firstMoments[index].tensor.withUnsafeMutableBufferPointer { m in
                        secondMoments[index].tensor.withUnsafeMutableBufferPointer { v in
                            let buffers = UncheckedBox((g, theta, m, v))
                            parallelRanges(theta.count, threads: threads) { range in
                                let (g, theta, m, v) = buffers.value
                                guard !range.isEmpty else { return }
                                // g·clip; m = β₁m + (1 − β₁)g; v = β₂v + ((1 − β₂)g)g;
                                // θ −= (lr·m) / (√v / √(1 − β₂ᵗ) + ε), each operation rounded on its own.
                                loonsim_adam_step(g.baseAddress! + range.lowerBound, theta.baseAddress! + range.lowerBound,
                                                  m.baseAddress! + range.lowerBound, v.baseAddress! + range.lowerBound,
                                                  range.count, clipScale, beta1, beta2, stepSize,
                                                  secondCorrectionRoot, epsilon)
                            }
                        }
                    }
                }
            }
            index += 1
        }
        precondition(index == firstMoments.count, "Adam: the model has fewer parameters than the optimizer state")
        return norm
    }

    /// Replaces the state (for checkpoint loading); moments must pair up by name and shape.
    public mutating func restore(step: Int, firstMoments: [NamedTensor], secondMoments: [NamedTensor]) throws(ParameterMismatch) {
        guard step >= 0 else { throw ParameterMismatch(problem: "optimizer step \(step) is negative") }
        guard firstMoments.map(\.name) == secondMoments.map(\.name),
              zip(firstMoments, secondMoments).allSatisfy({ $0.tensor.shape == $1.tensor.shape })
        else { throw ParameterMismatch(problem: "optimizer first and second moments do not pair up") }
        guard (step == 0) == firstMoments.isEmpty else {
            throw ParameterMismatch(problem: "optimizer at step \(step) has \(firstMoments.count) moment tensors")
        }
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }
}
