import BalloonPhysics
import Randomness
import StationKeeping

/// BLE's `random` agent (ble-reference.md §6.3): each command uniform over DOWN, STAY and UP.
///
/// The commands of an episode come from `SeededRandom(seed:stream:)` on stream ``randomStream``,
/// seeded by the episode seed: each is the next 64-bit draw modulo 3 (bias below 2⁻⁶³). BLE draws
/// with NumPy's global generator, so the sequence is reproducible but not BLE's.
public struct RandomAgent: StationKeepingAgent {
    public var name: String { "random" }
    /// The stream name mixed with the episode seed.
    public static let randomStream = "random-agent"

    private var random = SeededRandom(seed: 0, stream: Self.randomStream)

    public init() {}

    public mutating func beginEpisode(observation: Observation, seed: UInt64) -> AltitudeControlCommand {
        random = SeededRandom(seed: seed, stream: Self.randomStream)
        return nextCommand()
    }

    public mutating func step(reward: Double, observation: Observation) -> AltitudeControlCommand {
        nextCommand()
    }

    public mutating func endEpisode(reward: Double, terminal: Bool) {}

    private mutating func nextCommand() -> AltitudeControlCommand {
        AltitudeControlCommand(rawValue: Int(random.next() % 3))!
    }
}
