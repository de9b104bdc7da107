import Agents
import BalloonPhysics
import StationKeeping

/// BLE's MarcoPolo exploration (ble-reference.md §6.5): some episodes alternate the learner's
/// policy with a random-walk explorer, so the replay memory sees altitudes the policy avoids.
///
/// At each episode start, with probability `exploratoryEpisodeProbability` the episode is
/// exploratory. Every episode starts in the RL phase. In an exploratory episode the phases
/// alternate, RL for `rlPhaseSteps` steps (BLE: 80 = 4 h) then explorer for `explorerPhaseSteps`
/// (BLE: 40 = 2 h), and so on. The phase clock advances by one step on each ``step(observation:)``
/// call *before* the phase check. The explorer (``RandomWalkAgent``) begins every episode; its
/// `step` is called only during explorer phases, so its own clock advances only then.
public struct MarcoPoloExploration: Sendable {
    /// The settings (see ``ExplorationConfiguration``).
    public let configuration: ExplorationConfiguration
    /// Whether the current episode alternates phases.
    public private(set) var isExploratoryEpisode = false
    /// Steps taken in the current episode (the phase clock).
    public private(set) var stepsIntoEpisode = 0
    private var explorer: RandomWalkAgent

    public init(configuration: ExplorationConfiguration, profile: PhysicsProfile) {
        self.configuration = configuration
        explorer = RandomWalkAgent(profile: profile)
    }

    /// Whether the explorer is in control at the current phase clock.
    public var explorerHasControl: Bool {
        guard isExploratoryEpisode else { return false }
        let cycle = configuration.rlPhaseSteps + configuration.explorerPhaseSteps
        guard cycle > 0 else { return false }
        return stepsIntoEpisode % cycle >= configuration.rlPhaseSteps
    }

    /// Starts an episode: draws whether it explores (one uniform from `generator`) and begins the
    /// explorer with `seed`. The first step is always the policy's.
    public mutating func beginEpisode(observation: Observation, seed: UInt64, using generator: inout Xoshiro256StarStar) {
        isExploratoryEpisode = generator.nextUniform() < configuration.exploratoryEpisodeProbability
        stepsIntoEpisode = 0
        _ = explorer.beginEpisode(observation: observation, seed: seed)
    }

    /// Starts an episode whose draw is already known (re-flying a recorded episode).
    public mutating func beginEpisode(observation: Observation, seed: UInt64, exploratory: Bool) {
        isExploratoryEpisode = exploratory
        stepsIntoEpisode = 0
        _ = explorer.beginEpisode(observation: observation, seed: seed)
    }

    /// Advances the phase clock after a step; returns the explorer's command when it has control
    /// now (nil: the policy acts).
    public mutating func step(observation: Observation) -> AltitudeControlCommand? {
        stepsIntoEpisode += 1
        guard explorerHasControl else { return nil }
        return explorer.step(reward: 0, observation: observation)
    }
}

/// How the learner explores: MarcoPolo phases and ε-greedy actions.
public struct ExplorationConfiguration: Codable, Equatable, Sendable {
    /// Probability that an episode alternates with the random-walk explorer (BLE: 0.8; 0: never).
    public var exploratoryEpisodeProbability = 0.8
    /// Steps of the policy's phase (BLE: 80, 4 h).
    public var rlPhaseSteps = 80
    /// Steps of the explorer's phase (BLE: 40, 2 h).
    public var explorerPhaseSteps = 40
    /// ε of ε-greedy during the policy's phases (BLE's QR-DQN: 0).
    public var epsilon = 0.0

    public init() {}
}
