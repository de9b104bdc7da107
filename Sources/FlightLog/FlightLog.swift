import Evaluation
import FileErrors
import StationKeeping

/// One episode's flight log: its scenario, how it was flown, and every step.
///
/// On disk a flight log is one HDF5 file in the `loonsim-flight-log` format (version
/// ``FlightLogFormat/version``), documented in `Docs/flight-log.md`; ``write(to:)`` and
/// ``read(_:)`` convert.
public struct FlightLog: Sendable, Equatable {
    /// The complete scenario flown, so a replay needs nothing else.
    public var scenario: Scenario
    /// Agent, configuration, winds and the program that flew it.
    public var settings: FlightSettings
    /// BLE's metrics and the per-step records.
    public var result: EpisodeResult

    public init(scenario: Scenario, settings: FlightSettings, result: EpisodeResult) {
        self.scenario = scenario
        self.settings = settings
        self.result = result
    }
}

/// A flight-log file that cannot be used, as one line naming the file and the problem.
public typealias FlightLogError = FileError
