import BalloonPhysics

/// A misuse of the environment or a scenario it cannot fly, with a one-line reason.
public enum EnvironmentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `step` before any `reset`.
    case notReset
    /// `step` after the episode terminated or was truncated.
    case episodeEnded(stepCount: Int)
    /// An action index other than 0 (DOWN), 1 (STAY), 2 (UP).
    case invalidAction(Int)
    /// The scenario lies outside what the simulator supports.
    case scenarioOutsideDomain(seed: Int?, reason: String)
    /// The physics rejected a state during the episode.
    case physics(BalloonPhysicsError)

    public var description: String {
        switch self {
        case .notReset:
            return "the environment must be reset before it is stepped"
        case .episodeEnded(let steps):
            return "the episode ended after \(steps) steps; reset before stepping again"
        case .invalidAction(let action):
            return "action \(action) is not one of 0 (down), 1 (stay), 2 (up)"
        case .scenarioOutsideDomain(let seed, let reason):
            return "scenario\(seed.map { " of seed \($0)" } ?? "") cannot be flown: \(reason)"
        case .physics(let error):
            return "physics: \(error)"
        }
    }
}
