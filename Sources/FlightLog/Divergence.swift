/// The first place where a replay differs from its log.
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
    /// The agent step (from 1), or nil for the episode's totals.
    public var step: Int?
    /// The column or attribute that differs (`x_m`, `action`, `cumulative_reward`, …).
    public var field: String
    /// The logged and the replayed value, as text (doubles in full).
    public var logged: String
    public var replayed: String

    public init(step: Int?, field: String, logged: String, replayed: String) {
        self.step = step
        self.field = field
        self.logged = logged
        self.replayed = replayed
    }

    public var description: String {
        "diverges at \(step.map { "step \($0)" } ?? "the totals"), \(field): logged \(logged), replayed \(replayed)"
    }
}
