import Agents
import BalloonPhysics
import Foundation
import StationKeeping

/// A trained agent read from a checkpoint: greedy on the mean of its quantiles (QR-DQN's Q-value).
///
/// The network is the Performer ``ObservationEncoder`` stored in a ``Checkpoint``; its output
/// for one observation is `actionCount × quantileCount` values, and the command is the action
/// (DOWN, STAY, UP) whose quantiles have the largest mean — the first one on a tie.
public struct LearnedAgent: StationKeepingAgent {
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
        self.encoder = encoder
        self.name = name
        self.checkpointPath = checkpointPath
    }

    /// The mean quantile of each action for `observation`.
    public mutating func qValues(for observation: Observation) -> [Float] {
        let output = encoder.forward(Tensor(shape: [1, Observation.count], scalars: observation.values))
        return output.withUnsafeBufferPointer {
            QuantileOutput.actionMeans($0, row: 0, actionCount: encoder.configuration.actionCount,
                                       quantileCount: encoder.configuration.quantileCount)
        }
    }

    public mutating func command(for observation: Observation) -> AltitudeControlCommand {
        let output = encoder.forward(Tensor(shape: [1, Observation.count], scalars: observation.values))
        return AltitudeControlCommand(rawValue: QuantileOutput.greedyAction(
            output.scalars, row: 0, actionCount: encoder.configuration.actionCount,
            quantileCount: encoder.configuration.quantileCount))!
    }

    public mutating func beginEpisode(observation: Observation, seed: UInt64) -> AltitudeControlCommand {
        command(for: observation)
    }

    public mutating func step(reward: Double, observation: Observation) -> AltitudeControlCommand {
        command(for: observation)
    }

    public mutating func endEpisode(reward: Double, terminal: Bool) {}
}
