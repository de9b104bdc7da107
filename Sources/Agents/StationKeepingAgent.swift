import BalloonPhysics
import StationKeeping

/// A controller that flies one balloon through episodes: BLE's `Agent` interface (ble-reference.md §6).
///
/// An evaluator calls ``beginEpisode(observation:seed:)`` with the reset observation, then
/// ``step(reward:observation:)`` once per agent step (180 s) with the reward and observation that
/// step returned, then ``endEpisode(reward:terminal:)``, as BLE's `eval_lib.eval_agent` does
/// (§7.2). Each call except the last returns the command for the next step.
///
/// Agents are **value types** (the built-in ones are structs): everything an episode changes
/// (a random walk's target, a random stream) lives in the value, and everything large and fixed
/// (a network's weights) lives in copy-on-write arrays. So a batched or parallel evaluator makes
/// one agent (e.g. with ``AgentRegistry/make(name:profile:)``) and gives each worker or episode
/// its own copy (`var agent = prototype`): copies are independent, cost a few reference counts,
/// need no locks, and a seed decides an episode whatever thread runs it. Randomness comes only
/// from the `seed` given to ``beginEpisode(observation:seed:)``, never from the clock.
/// A learned agent (e.g. a QR-DQN checkpoint) is a struct holding its immutable network; an
/// agent whose decision needs nothing but the current observation can also adopt
/// ``MemorylessAgent`` so that an evaluator may decide many environments at once.
public protocol StationKeepingAgent: Sendable {
    /// The agent's registry name (e.g. `station-seeker`), for logs and result files.
    var name: String { get }

    /// Starts an episode from the reset observation and returns the first command.
    ///
    /// `seed` seeds everything random in the episode (deterministic agents ignore it); the same
    /// seed and observations give the same commands on every run and machine.
    mutating func beginEpisode(observation: Observation, seed: UInt64) -> AltitudeControlCommand

    /// Takes the reward and observation the last step returned; returns the next command.
    mutating func step(reward: Double, observation: Observation) -> AltitudeControlCommand

    /// Ends the episode with the last step's reward; `terminal` is false when the episode was cut
    /// by the time limit rather than ended by the environment.
    mutating func endEpisode(reward: Double, terminal: Bool)
}

/// An agent whose command is a function of the current observation alone, with no episode state:
/// StationSeeker, perciatelli44 and greedy learned agents.
///
/// Adopters implement ``command(for:)``; the episode calls come free. A batched evaluator that
/// steps many environments in lockstep can call ``commands(for:)`` once per step instead (a
/// network agent runs one matrix product for the whole batch).
public protocol MemorylessAgent: StationKeepingAgent {
    /// The command for `observation`.
    func command(for observation: Observation) -> AltitudeControlCommand

    /// The command for each observation, in order: the same as ``command(for:)`` on each.
    func commands(for observations: [Observation]) -> [AltitudeControlCommand]

    /// Whether deciding a batch at once is much cheaper than one by one (a network agent), so an
    /// evaluator should fly several environments in lockstep. False unless the adopter says so.
    var prefersBatches: Bool { get }
}

extension MemorylessAgent {
    public var prefersBatches: Bool { false }

    public func commands(for observations: [Observation]) -> [AltitudeControlCommand] {
        observations.map(command(for:))
    }

    public mutating func beginEpisode(observation: Observation, seed: UInt64) -> AltitudeControlCommand {
        command(for: observation)
    }

    public mutating func step(reward: Double, observation: Observation) -> AltitudeControlCommand {
        command(for: observation)
    }

    public mutating func endEpisode(reward: Double, terminal: Bool) {}
}
