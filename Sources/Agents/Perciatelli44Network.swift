import HDF5
import WindField

/// The Q-network of BLE's frozen perciatelli44 agent (the Nature paper's), in float32.
///
/// An MLP 1099 → 600 (×7, ReLU) → 153 (linear) (ble-reference.md §6.6). The 153 outputs
/// are 3 actions × 51 quantiles, action-major; each action's Q-value is the mean of its 51
/// quantiles, in action order (DOWN = 0, STAY = 1, UP = 2). The input is BLE's raw feature
/// vector (§4); the network does no normalisation of its own. The agent acts greedily:
/// ``greedyAction(observation:)``, ties to the lowest action as TF's `ArgMax` does.
///
/// Layers run through ``FixedOrderDense``: each output is one chain of fused multiply-adds in
/// input order, so an observation's quantiles are the same bits alone or in a batch of any size,
/// on any CPU (TensorFlow sums in another order; BLE's decisions agree seed for seed, see the
/// fidelity tests).
///
/// Weights are read from `/fully_connected[_k]/weights` (`[in, out]`) and `/biases`, the layout
/// `loonsim models import-ble` writes to `Experiments/agents/perciatelli44.h5`. The network is
/// immutable and safe to share between threads.
public struct Perciatelli44Network: Sendable {
    /// The layer widths: layer `k` maps `widths[k]` → `widths[k + 1]`.
    public static let widths = [1099] + [Int](repeating: 600, count: 7) + [153]
    /// The length of an observation (BLE's feature vector, §4).
    public static let observationCount = 1099
    /// The number of actions (DOWN, STAY, UP) and of quantiles per action.
    public static let actionCount = 3
    public static let quantileCount = 51

    /// The eight layers' tensors.
    public let layers: DenseLayerWeights
    /// `kernels[k]`: `widths[k] · widths[k + 1]` values, `[in, out]` row-major.
    public var kernels: [[Float]] { layers.kernels }
    /// `biases[k]`: `widths[k + 1]` values.
    public var biases: [[Float]] { layers.biases }

    /// Where the network's tensors live in its file.
    static let layout = DenseLayerWeights.Layout(
        group: { $0 == 0 ? "fully_connected" : "fully_connected_\($0)" }, kernel: "weights", bias: "biases",
        modelName: "BLE's perciatelli44", fileDescription: "a perciatelli44 file")

    /// Loads the network from a file written by `loonsim models import-ble`.
    ///
    /// Fails with an `HDF5Error` naming the file and dataset when the file is missing, is not
    /// HDF5, or lacks a tensor or has one of the wrong shape.
    public init(contentsOf path: String) throws {
        layers = try DenseLayerWeights(contentsOf: path, widths: Self.widths, layout: Self.layout)
    }

    /// Wraps tensors already in memory; their counts must match ``widths``.
    public init(kernels: [[Float]], biases: [[Float]]) {
        layers = DenseLayerWeights(widths: Self.widths, kernels: kernels, biases: biases)
    }

    /// Loads the network shipped with loonsim (``DataFiles/perciatelli44Path``).
    public static func loadDefault() throws -> Perciatelli44Network {
        try Perciatelli44Network(contentsOf: DataFiles.require(DataFiles.perciatelli44Path))
    }

    /// The 153 output quantiles for one observation: action `a`'s 51 quantiles are `[51a ..< 51a + 51]`.
    public func quantiles(observation: [Float]) -> [Float] {
        precondition(observation.count == Self.observationCount,
                     "perciatelli44 takes \(Self.observationCount) features, got \(observation.count)")
        return quantiles(batch: observation, count: 1)
    }

    /// The Q-values (DOWN, STAY, UP) for one observation: the mean of each action's quantiles.
    public func qValues(observation: [Float]) -> [Float] {
        Self.meanOverQuantiles(quantiles(observation: observation), count: 1)
    }

    /// The Q-values for `count` observations laid end to end (`count · 1099` values):
    /// `count · 3` values, observation-major.
    public func qValues(batch: [Float], count: Int) -> [Float] {
        Self.meanOverQuantiles(quantiles(batch: batch, count: count), count: count)
    }

    /// The greedy action for one observation: 0 DOWN, 1 STAY, 2 UP (the first of equal Q-values).
    public func greedyAction(observation: [Float]) -> Int {
        let q = qValues(observation: observation)
        var best = 0
        for action in 1..<q.count where q[action] > q[best] { best = action }
        return best
    }

    /// The 153 quantiles of each of `count` observations laid end to end, observation-major.
    public func quantiles(batch: [Float], count: Int) -> [Float] {
        precondition(count >= 0 && batch.count == count * Self.observationCount,
                     "a batch of \(count) observations holds \(count * Self.observationCount) values, got \(batch.count)")
        guard count > 0 else { return [] }
        var activation = batch
        let layers = Self.widths.count - 1
        for layer in 0..<layers {
            let (inputs, outputs) = (Self.widths[layer], Self.widths[layer + 1])
            activation = [Float](unsafeUninitializedCapacity: count * outputs) { y, initialized in
                kernels[layer].withUnsafeBufferPointer { kernel in
                    biases[layer].withUnsafeBufferPointer { bias in
                        activation.withUnsafeBufferPointer { x in
                            FixedOrderDense.forward(rows: count, inputs: inputs, outputs: outputs, x: x.baseAddress!,
                                                    ldx: inputs, weights: kernel.baseAddress!, bias: bias.baseAddress,
                                                    y: y.baseAddress!, ldy: outputs,
                                                    activation: layer < layers - 1 ? .relu : .identity)
                        }
                    }
                }
                initialized = count * outputs
            }
        }
        return activation
    }

    private static func meanOverQuantiles(_ quantiles: [Float], count: Int) -> [Float] {
        var q = [Float](repeating: 0, count: count * actionCount)
        for row in 0..<(count * actionCount) {
            var sum: Float = 0
            for k in 0..<quantileCount { sum += quantiles[row * quantileCount + k] }
            q[row] = sum / Float(quantileCount)
        }
        return q
    }

}
