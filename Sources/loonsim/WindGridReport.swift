import Foundation
import WindField

/// The text `loonsim winds inspect` prints for a grid.
struct WindGridReport {
    var grid: WindGrid
    var path: String
    /// How the file stores the grid (from ``WindGridFile/format(of:)``).
    var format: String
    /// Levels the reader dropped for missing values, per variable (``WindGridReading/missingValues``).
    var missingValues: [MissingWindValues] = []
    /// Where the single time of a file without a time dimension came from.
    var singleTime: SingleTimeSource?

    init(reading: WindGridReading, path: String, format: String) {
        self.init(grid: reading.grid, path: path, format: format)
        missingValues = reading.missingValues
        singleTime = reading.singleTime
    }

    init(grid: WindGrid, path: String, format: String) {
        self.grid = grid
        self.path = path
        self.format = format
    }

    static func isoString(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    var text: String {
        var lines: [String] = [path]
        let frame: String
        switch grid.frame {
        case .tangentPlane(let station?):
            frame = String(format: "tangent plane around (%.4f°N, %.4f°E), x east / y north in km",
                           station.latitudeDeg, station.longitudeDeg)
        case .tangentPlane(nil):
            frame = "tangent plane around the station, x east / y north in km (placeless generative winds)"
        case .latitudeLongitude:
            frame = "latitude/longitude (degrees)"
        }
        lines.append("  schema      \(format)")
        lines.append("  frame       \(frame)")
        lines.append("  start time  \(Self.isoString(grid.startTime))")
        if let singleTime {
            lines.append("  one time    the file has no time dimension (time \(singleTime)): the winds hold still")
        } else if grid.time.count == 1 {
            lines.append("  one time    the grid holds a single time: the winds hold still")
        }
        if !grid.source.isEmpty { lines.append("  source      \(grid.source)") }
        lines.append("  axes")
        for axis in [grid.x, grid.y, grid.pressure, grid.time] {
            let spacing = axis.count == 1 ? "one point"
                : axis.isUniform ? String(format: "every %g", (axis.upperBound - axis.lowerBound) / Double(axis.count - 1))
                : "irregular"
            let name = axis.name.padding(toLength: 14, withPad: " ", startingAt: 0)
            let units = axis.units.padding(toLength: 13, withPad: " ", startingAt: 0)
            lines.append("    \(name)" + String(format: "%4d points  %10.6g … %-10.6g ", axis.count, axis.lowerBound,
                                                   axis.upperBound) + "\(units) (\(spacing))")
        }
        if !missingValues.isEmpty {
            lines.append("  missing values (fill) at levels outside the balloon's \(FlyablePressureBand.description) band: "
                + "those levels are dropped")
            lines.append("    pressure_Pa  variable  missing  of_values")
            for missing in missingValues.sorted(by: { ($0.pressurePa, $0.variable) < ($1.pressurePa, $1.variable) }) {
                lines.append(String(format: "    %11.1f  ", missing.pressurePa)
                    + missing.variable.padding(toLength: 8, withPad: " ", startingAt: 0)
                    + String(format: "  %7d  %9d", missing.missingCount, missing.valueCount))
            }
        }
        lines.append("  wind speed per pressure level (over all x, y and times)")
        lines.append("    pressure_Pa  mean_m/s  p95_m/s  max_m/s  mean_u  mean_v")
        for level in grid.levelSummaries() {
            lines.append(String(format: "    %11.1f  %8.2f  %7.2f  %7.2f  %6.2f  %6.2f", level.pressurePa, level.meanSpeed,
                                level.p95Speed, level.maxSpeed, level.meanU, level.meanV))
        }
        return lines.joined(separator: "\n")
    }
}
