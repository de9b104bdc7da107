import BalloonPhysics
import StationKeeping

/// BLE's frozen perciatelli44 agent (ble-reference.md §6.6): greedy on the mean of each action's
/// 51 quantiles from ``Perciatelli44Network``.
///
/// Ties go to the lowest action (DOWN, STAY, UP), as NumPy's `argmax` does. The network is
/// immutable and copy-on-write, so copies of the agent share one set of weights.
/// ``commands(for:)`` runs a whole batch through one matrix product per layer and gives each
/// observation the command ``command(for:)`` gives it (the network's sums do not depend on the batch).
public struct Perciatelli44Agent: MemorylessAgent {
    public var name: String { "perciatelli44" }
    /// The Q-network.
    public let network: Perciatelli44Network

    /// The agent with a loaded network.
    public init(network: Perciatelli44Network) {
        self.network = network
    }

    /// The agent with the network shipped with loonsim (``Perciatelli44Network/loadDefault()``).
    ///
    /// Fails with the network's error when the weights file is missing or malformed.
    public init() throws {
        self.init(network: try Perciatelli44Network.loadDefault())
    }

    /// True: one product per layer serves a whole batch.
    public var prefersBatches: Bool { true }

    public func command(for observation: Observation) -> AltitudeControlCommand {
        AltitudeControlCommand(rawValue: network.greedyAction(observation: observation.values))!
    }

    public func commands(for observations: [Observation]) -> [AltitudeControlCommand] {
        var batch: [Float] = []
        batch.reserveCapacity(observations.count * Observation.count)
        for observation in observations { batch.append(contentsOf: observation.values) }
        let q = network.qValues(batch: batch, count: observations.count)
        let actions = Perciatelli44Network.actionCount
        return (0..<observations.count).map { row in
            var best = 0
            for action in 1..<actions where q[row * actions + action] > q[row * actions + best] { best = action }
            return AltitudeControlCommand(rawValue: best)!
        }
    }
}
