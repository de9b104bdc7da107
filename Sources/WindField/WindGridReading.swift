import Foundation

/// A wind grid as read from a file, with what the reader had to do to make it usable.
///
/// Real forecast files are not all shaped like a loonsim grid: levels under the ground hold missing
/// values, and a file converted from one GRIB message has no time dimension. The reader accepts both
/// and says here what it did, for `winds inspect` to show and `winds import` to warn about.
public struct WindGridReading: Sendable {
    /// The grid, with every value finite.
    public var grid: WindGrid
    /// Missing (fill) values the file holds, per wind variable and level; only levels outside those the
    /// balloon's winds are read from may hold any (``FlyablePressureBand``), and those levels are dropped.
    public var missingValues: [MissingWindValues]
    /// Where the single time of a file without a time dimension came from; nil when the file has one.
    public var singleTime: SingleTimeSource?

    /// Makes a reading.
    public init(grid: WindGrid, missingValues: [MissingWindValues] = [], singleTime: SingleTimeSource? = nil) {
        self.grid = grid
        self.missingValues = missingValues
        self.singleTime = singleTime
    }

    /// The levels dropped because they held missing values, Pa ascending.
    public var droppedLevelsPa: [Double] { Set(missingValues.map(\.pressurePa)).sorted() }

    /// One line per thing a user should know, for `winds import` to print as warnings (empty when none).
    public var warnings: [String] {
        var lines: [String] = []
        if !missingValues.isEmpty {
            let levels = droppedLevelsPa.map { pressure in
                let counts = missingValues.filter { $0.pressurePa == pressure }
                    .map { "\($0.variable) \($0.missingCount)" }.joined(separator: ", ")
                let total = missingValues.first { $0.pressurePa == pressure }?.valueCount ?? 0
                return "\(CFWindGridReader.formatPressure(pressure)) (\(counts) of \(total))"
            }
            lines.append("dropped \(levels.count) level\(levels.count == 1 ? "" : "s") outside the balloon's "
                + "\(FlyablePressureBand.description) band that hold\(levels.count == 1 ? "s" : "") missing (fill) values: " + levels.joined(separator: ", "))
        }
        if let singleTime {
            lines.append("holds a single time, \(ISO8601.string(from: grid.startTime)) (\(singleTime)): the winds hold still")
        }
        return lines
    }
}

/// Missing (fill) values of one wind variable at one pressure level of a file.
public struct MissingWindValues: Sendable, Equatable {
    /// The variable as the file names it (`u`, `u_component_of_wind`, …).
    public var variable: String
    /// The level, Pa.
    public var pressurePa: Double
    /// Missing values at the level, over all times, latitudes and longitudes.
    public var missingCount: Int
    /// Values at the level, over all times, latitudes and longitudes.
    public var valueCount: Int

    public init(variable: String, pressurePa: Double, missingCount: Int, valueCount: Int) {
        self.variable = variable
        self.pressurePa = pressurePa
        self.missingCount = missingCount
        self.valueCount = valueCount
    }
}

/// Where the time of a file without a time dimension came from.
public enum SingleTimeSource: Sendable, Equatable, CustomStringConvertible {
    /// A scalar coordinate holding the valid time (cfgrib's `valid_time`), named.
    case validTime(String)
    /// A scalar reference time plus a scalar forecast step (cfgrib's `time` + `step`), named.
    case referencePlusStep(reference: String, step: String)
    /// A scalar reference time with no step, named.
    case reference(String)
    /// No time coordinate at all: the grid starts at 1970-01-01T00:00:00Z.
    case none

    public var description: String {
        switch self {
        case .validTime(let name): return "from '\(name)'"
        case .referencePlusStep(let reference, let step): return "from '\(reference)' + '\(step)'"
        case .reference(let name): return "from '\(name)'"
        case .none: return "not in the file, so assumed"
        }
    }
}
