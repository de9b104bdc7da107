import Foundation
import StationKeeping

/// How a flight was made, apart from its scenario: the agent, the environment's configuration,
/// the wind source and the loonsim that flew it.
public struct FlightSettings: Sendable, Equatable {
    /// The agent that chose the actions.
    public var agent: AgentRecord
    /// Physics profile, trial length, radius and safety layers.
    public var configuration: EnvironmentConfiguration
    /// Where the forecast came from.
    public var winds: WindSourceRecord
    /// `loonsim --version` of the program that wrote the log.
    public var loonsimVersion: String
    /// The command line that flew the episode, arguments joined by spaces.
    public var commandLine: String

    public init(agent: AgentRecord, configuration: EnvironmentConfiguration, winds: WindSourceRecord,
                loonsimVersion: String, commandLine: String) {
        self.agent = agent
        self.configuration = configuration
        self.winds = winds
        self.loonsimVersion = loonsimVersion
        self.commandLine = commandLine
    }

    /// Whether a flight made with `other` flies the same way: the same agent, configuration and
    /// winds (the loonsim version and command line may differ, e.g. for `--resume`).
    public func fliesLike(_ other: FlightSettings) -> Bool {
        agent == other.agent && configuration == other.configuration && winds == other.winds
    }
}

/// The agent of a flight.
public struct AgentRecord: Sendable, Equatable {
    /// The agent's name (`station-seeker`, `checkpoint:run7.h5`, …).
    public var name: String
    /// For a learned agent, the checkpoint file as it was given, and its SHA-256 (lowercase hex).
    public var checkpointFile: String?
    public var checkpointSHA256: String?

    public init(name: String, checkpointFile: String? = nil, checkpointSHA256: String? = nil) {
        self.name = name
        self.checkpointFile = checkpointFile
        self.checkpointSHA256 = checkpointSHA256
    }
}

/// Where a flight's forecast came from.
public enum WindSourceRecord: Sendable, Equatable {
    /// BLE's generative winds: the scenario's latents decoded by the named generator.
    case generative(generator: String)
    /// A loonsim wind grid: the file as it was given and its SHA-256 (lowercase hex).
    case grid(file: String, sha256: String)

    /// The generator loonsim's generative winds use.
    public static let vaeGenerator = "offlineskies22 VAE decoder"

    /// The short name result files use: `generative`, or the grid file's name.
    public var name: String {
        switch self {
        case .generative: return "generative"
        case .grid(let file, _): return (file as NSString).lastPathComponent
        }
    }
}
