import StationKeeping

/// Where an evaluation keeps each finished episode, one file per seed (the `FlightLog` module's
/// flight logs, for `loonsim evaluate`).
///
/// The evaluator saves every episode as soon as it ends and, when resuming, asks the store for a
/// saved episode before flying a scenario again.
public protocol EpisodeStore: Sendable {
    /// Writes the episode flown from `scenario` to `path`, atomically.
    func save(_ result: EpisodeResult, scenario: Scenario, to path: String) throws

    /// The episode saved at `path`, or nil when it is missing, incomplete, damaged, or was made
    /// from another scenario or with other settings than this store's.
    func load(_ path: String, expecting scenario: Scenario) -> EpisodeResult?
}
