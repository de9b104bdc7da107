/// How an evaluation was made, as its result files record it: shards are merged only when
/// they agree on all of it.
public struct RunProvenance: Equatable, Sendable {
    /// The agent's name.
    public var agent: String
    /// The physics profile's name (`ble`, `corrected`).
    public var profile: String
    /// Agent steps the trial allows.
    public var trialSteps: Int
    /// The wind source: `generative` or a grid file's name.
    public var winds: String

    public init(agent: String, profile: String, trialSteps: Int, winds: String) {
        self.agent = agent
        self.profile = profile
        self.trialSteps = trialSteps
        self.winds = winds
    }
}
