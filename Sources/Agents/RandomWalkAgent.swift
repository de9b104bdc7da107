import BalloonPhysics
import Randomness
import StationKeeping

/// BLE's random-walk explorer (ble-reference.md §6.2): it chases a target pressure that wanders
/// at random, holding within 100 Pa of it.
///
/// At ``beginEpisode(observation:seed:)`` the target is drawn uniformly from [6500, 11400] Pa and
/// the clock is reset to 0. Each ``step(reward:observation:)`` advances the clock by 180 s and adds
/// `scale · 0.1666 Pa/s · N(0, 1)` to the target, then commands UP if the balloon is more than
/// 100 Pa below the target's altitude (pressure − 100 > target), DOWN if more than 100 Pa above, and
/// STAY in between. The `scale` is the profile's choice (quirk 4, §14.1):
/// * ``PhysicsProfile/ble``: the clock itself, the *cumulative* time since the episode began, as BLE
///   computes it. The n-th increment has a standard deviation of 30·n Pa, so the target's spread
///   grows as ≈ 17·n^1.5 Pa and it soon leaves the flyable band.
/// * ``PhysicsProfile/corrected``: the 180 s elapsed since the last update, as BLE's comment
///   ("variance proportional to the amount of time that has elapsed since the last time it was
///   updated", "~10 Pa/min") describes. Each increment then has a 30 Pa standard deviation and the
///   target's variance grows in proportion to elapsed time: (30 Pa)² per step, ≈ 930 Pa after 48 h.
///
/// The balloon's pressure is decoded as BLE decodes it, in float32 (`5000 + 9000·f₀`), and compared
/// with the target rounded to float32 (NumPy 2 compares a float32 with a Python float that way).
/// BLE seeds its walk from the clock and draws with JAX; here every draw comes from
/// `SeededRandom(seed:stream:)` on stream ``randomStream``, seeded by the episode seed, so an
/// episode's targets are reproducible but are not BLE's numbers.
public struct RandomWalkAgent: StationKeepingAgent {
    public var name: String { "random-walk" }
    /// The stream name mixed with the episode seed.
    public static let randomStream = "random-walk"

    /// Which scaling of the target's increments the walk uses (see the type's summary).
    public let profile: PhysicsProfile
    /// The current target pressure, Pa.
    public private(set) var targetPressurePa: Double
    /// Time since the episode began, s: 180 per ``step(reward:observation:)``.
    public private(set) var elapsedSeconds: Double = 0
    private var random: SeededRandom

    /// A walk with the given profile; ``beginEpisode(observation:seed:)`` sets its first target.
    public init(profile: PhysicsProfile = .ble) {
        self.profile = profile
        random = SeededRandom(seed: 0, stream: Self.randomStream)
        let range = AgentConstants.RandomWalk.targetRangePa
        targetPressurePa = (range.lowerBound + range.upperBound) / 2
    }

    public mutating func beginEpisode(observation: Observation, seed: UInt64) -> AltitudeControlCommand {
        random = SeededRandom(seed: seed, stream: Self.randomStream)
        elapsedSeconds = 0
        targetPressurePa = random.nextUniform(in: AgentConstants.RandomWalk.targetRangePa)
        return command(for: observation)
    }

    public mutating func step(reward: Double, observation: Observation) -> AltitudeControlCommand {
        let constants = AgentConstants.RandomWalk.self
        elapsedSeconds += constants.stepSeconds
        let scaleSeconds = profile == .ble ? elapsedSeconds : constants.stepSeconds
        targetPressurePa += scaleSeconds * constants.standardDeviationPaPerSecond * random.nextStandardNormal()
        return command(for: observation)
    }

    public mutating func endEpisode(reward: Double, terminal: Bool) {}

    /// The command that moves the balloon toward the current target, with 100 Pa of hysteresis.
    public func command(for observation: Observation) -> AltitudeControlCommand {
        let features = AgentConstants.Features.self
        let pressure = Float(features.pressureOffsetPa) + observation[.pressure] * Float(features.pressureScalePa)
        let hysteresis = Float(AgentConstants.RandomWalk.hysteresisPa)
        let target = Float(targetPressurePa)
        if pressure - hysteresis > target { return .up }  // higher pressure = lower altitude
        if pressure + hysteresis < target { return .down }
        return .stay
    }
}
