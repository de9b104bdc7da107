import Agents
import BalloonPhysics
import Foundation
import StationKeeping

/// A trained agent read from a checkpoint: greedy on the mean of its quantiles (QR-DQN's Q-value).
///
/// The network is the Performer ``ObservationEncoder`` stored in a ``Checkpoint``; its output
/// for one observation is `actionCount × quantileCount` values, and the command is the action
/// (DOWN, STAY, UP) whose quantiles have the largest mean — the first one on a tie.
///
/// Making one tunes the process's allocator (``AllocatorTuning``: freed blocks up to 256 MB stay
/// in the heap for reuse, up to 1 GB kept), because each forward allocates its activations afresh.
public struct LearnedAgent: MemorylessAgent {
    public let name: String
    /// Where the weights came from.
    public let checkpointPath: String
    private var encoder: ObservationEncoder

    /// Loads the agent from `checkpointPath`.
    ///
    /// - Throws: a one-line ``CheckpointError`` for a missing, truncated or damaged file, a file
    ///   that is not an encoder checkpoint, or a network that does not give 3 actions.
    public init(checkpointPath: String) throws {
        guard FileManager.default.fileExists(atPath: checkpointPath) else {
            throw CheckpointError(file: checkpointPath, problem: "no such checkpoint file")
        }
        let checkpoint = try Checkpoint.read(from: checkpointPath)
        guard checkpoint.encoder.configuration.actionCount == AltitudeControlCommand.allCases.count else {
            throw CheckpointError(file: checkpointPath, problem: "has a network for \(checkpoint.encoder.configuration.actionCount) "
                + "actions; station keeping has \(AltitudeControlCommand.allCases.count) (down, stay, up)")
        }
        self.init(encoder: checkpoint.encoder, name: "checkpoint:" + (checkpointPath as NSString).lastPathComponent,
                  checkpointPath: checkpointPath)
    }

    /// Wraps an encoder already in memory.
    public init(encoder: ObservationEncoder, name: String, checkpointPath: String = "") {
        // Each forward allocates its activations afresh; keep freed blocks for reuse (see AllocatorTuning).
        _ = AllocatorTuning.applied
        self.encoder = encoder
        self.name = name
        self.checkpointPath = checkpointPath
    }

    /// The mean quantile of each action for `observation`.
    public func qValues(for observation: Observation) -> [Float] {
        let output = quantiles(for: [observation])
        return output.withUnsafeBufferPointer {
            QuantileOutput.actionMeans($0, row: 0, actionCount: encoder.configuration.actionCount,
                                       quantileCount: encoder.configuration.quantileCount)
        }
    }

    /// True for the MLP, whose large weight matrices a batch reads once for all rows. The Performer
    /// works on each observation's ~180 tokens with small weights, so a batch only spreads its
    /// activations out of cache (`EvaluationBenchmark`: slower in lockstep than one by one).
    public var prefersBatches: Bool { encoder.configuration.architecture == .mlp }

    public func command(for observation: Observation) -> AltitudeControlCommand {
        commands(for: [observation])[0]
    }

    /// One batched forward for all `observations`; each gets the command it gets alone (the
    /// network's products are summed in a fixed order per row, see ``FixedOrderDense``).
    public func commands(for observations: [Observation]) -> [AltitudeControlCommand] {
        let output = quantiles(for: observations)
        let (actions, quantiles) = (encoder.configuration.actionCount, encoder.configuration.quantileCount)
        return observations.indices.map { row in
            AltitudeControlCommand(rawValue: QuantileOutput.greedyAction(output, row: row, actionCount: actions,
                                                                         quantileCount: quantiles))!
        }
    }

    /// The network's output for a batch: `count × actionCount × quantileCount` values.
    private func quantiles(for observations: [Observation]) -> [Float] {
        var batch = [Float]()
        batch.reserveCapacity(observations.count * Observation.count)
        for observation in observations { batch.append(contentsOf: observation.values) }
        // The forward pass keeps caches for a backward pass, so it runs on a copy (the weights are shared).
        var network = encoder
        return network.forward(Tensor(shape: [observations.count, Observation.count], scalars: batch)).scalars
    }
}
