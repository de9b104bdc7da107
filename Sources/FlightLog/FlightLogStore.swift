import Evaluation
import StationKeeping

/// The episode store of `loonsim evaluate`: every episode becomes a flight log.
///
/// On `--resume` a saved log is reused only when it was flown from the same scenario with the same
/// agent (name and checkpoint checksum), configuration and winds (name and grid checksum).
public struct FlightLogStore: EpisodeStore {
    /// How this evaluation flies.
    public var settings: FlightSettings

    public init(settings: FlightSettings) {
        self.settings = settings
    }

    public func save(_ result: EpisodeResult, scenario: Scenario, to path: String) throws {
        try FlightLog(scenario: scenario, settings: settings, result: result).write(to: path)
    }

    public func load(_ path: String, expecting scenario: Scenario) -> EpisodeResult? {
        guard let log = try? FlightLog.read(path), log.scenario == scenario, log.settings.fliesLike(settings) else { return nil }
        return log.result
    }
}
