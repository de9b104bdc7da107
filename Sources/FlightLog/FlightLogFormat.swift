/// The identity of loonsim's flight-log files (documented in `Docs/flight-log.md`).
public enum FlightLogFormat {
    /// The root attribute `format`.
    public static let name = "loonsim-flight-log"
    /// The root attribute `format_version`; a reader refuses any other.
    public static let version: Int64 = 1
    /// The group holding one dataset per column, one value per agent step.
    public static let stepsGroup = "steps"
    /// The group holding the scenario.
    public static let scenarioGroup = "scenario"
}
