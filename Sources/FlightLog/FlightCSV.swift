import Foundation

/// The per-step table of a flight log as CSV: a header of column names (`step` first, then
/// ``FlightLogColumn/all``), one row per step, doubles printed in full so they read back exactly.
public enum FlightCSV {
    /// The CSV text of `log`.
    public static func text(_ log: FlightLog) -> String {
        let columns = FlightLogColumn.all
        var lines = [(["step"] + columns.map(\.name)).joined(separator: ",")]
        lines.reserveCapacity(log.result.flightPath.count + 1)
        for (index, point) in log.result.flightPath.enumerated() {
            lines.append(([String(index + 1)] + columns.map { $0.text(point) }).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the CSV of `log` to `path` atomically.
    public static func write(_ log: FlightLog, to path: String) throws {
        try PageDocument.write(text(log), to: path)
    }
}
