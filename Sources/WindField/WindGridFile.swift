import Foundation
import HDF5

/// loonsim's own HDF5 wind-grid schema (documented in `WindFields/README.md`).
///
/// `read(_:)` also accepts CF NetCDF4 files such as ERA5 pressure-level
/// downloads, recognised by the absence of loonsim's `format` attribute.
public enum WindGridFile {
    /// Value of the root `format` attribute.
    public static let formatName = "loonsim-wind-grid"
    /// Current schema version (root attribute `format_version`).
    public static let formatVersion: Int64 = 1

    /// Reads a wind grid from loonsim's schema or from a CF NetCDF4 (ERA5-style) file.
    public static func read(_ path: String) throws -> WindGrid {
        try reading(path).grid
    }

    /// Reads a wind grid as ``read(_:)`` does, with what the reader did to a CF file on the way
    /// (levels dropped for missing values, the time of a file without a time dimension).
    public static func reading(_ path: String) throws -> WindGridReading {
        let file = try HDF5File.open(path)
        defer { file.close() }
        if let format = try file.stringAttribute("format") {
            guard format == formatName else {
                throw WindGridError(file: path, problem: "has format '\(format)', expected '\(formatName)'")
            }
            return WindGridReading(grid: try readLoonsimSchema(file))
        }
        return try CFWindGridReader.read(file)
    }

    /// A one-line description of how `path` stores its winds (for `loonsim winds inspect`).
    public static func format(of path: String) throws -> String {
        let file = try HDF5File.open(path)
        defer { file.close() }
        if let format = try file.stringAttribute("format") {
            let version = try file.numericAttribute("format_version")?.first.map { " v\(Int($0))" } ?? ""
            return format + version
        }
        return "CF NetCDF4 (u/v on pressure levels, ERA5-style)"
    }

    /// Writes `grid` to `path` atomically (temporary file, then rename).
    public static func write(_ grid: WindGrid, to path: String) throws {
        try HDF5File.write(to: path) { file in
            try file.setAttribute("format", formatName)
            try file.setAttribute("format_version", formatVersion)
            try file.setAttribute("start_time", ISO8601.string(from: grid.startTime))
            try file.setAttribute("horizontal_frame", grid.frame.schemaName)
            if case .tangentPlane(let station?) = grid.frame {
                try file.setAttribute("station_latitude_deg", station.latitudeDeg)
                try file.setAttribute("station_longitude_deg", station.longitudeDeg)
            }
            try file.setAttribute("source", grid.source)
            let names = axisNames(for: grid.frame)
            var scales: [HDF5Dataset] = []
            for (axis, name) in zip([grid.time, grid.pressure, grid.y, grid.x], names) {
                let dataset = try file.createDataset(name, shape: [axis.count], values: axis.values)
                try dataset.setAttribute("units", axis.units)
                try dataset.makeDimensionScale(named: name)
                scales.append(dataset)
            }
            let shape = grid.shape
            for (name, values, long) in [("u", grid.u, "eastward wind"), ("v", grid.v, "northward wind")] {
                let dataset = try file.createDataset(name, shape: shape, values: values,
                                                     chunks: [1, shape[1], shape[2], shape[3]], deflateLevel: 4)
                try dataset.setAttribute("units", "m s-1")
                try dataset.setAttribute("long_name", long)
                try dataset.setAttribute("dimensions", names.joined(separator: " "))
                for (dimension, scale) in scales.enumerated() {
                    try dataset.attachDimensionScale(scale, to: dimension)
                }
            }
        }
    }

    /// Dataset names of the axes in `(time, pressure, y, x)` order.
    static func axisNames(for frame: HorizontalFrame) -> [String] {
        switch frame {
        case .tangentPlane: return ["time", "pressure", "y", "x"]
        case .latitudeLongitude: return ["time", "pressure", "latitude", "longitude"]
        }
    }

    private static func readLoonsimSchema(_ file: HDF5File) throws -> WindGrid {
        let path = file.filePath
        let version = try file.numericAttribute("format_version")?.first ?? 0
        guard version >= 1, version <= Double(formatVersion) else {
            throw WindGridError(file: path, problem: "has format_version \(version), this loonsim reads 1...\(formatVersion)")
        }
        guard let startText = try file.stringAttribute("start_time") else {
            throw WindGridError(file: path, problem: "attribute 'start_time' is missing")
        }
        guard let startTime = ISO8601.date(from: startText) else {
            throw WindGridError(file: path, problem: "attribute 'start_time' ('\(startText)') is not an ISO 8601 date-time")
        }
        let frameName = try file.stringAttribute("horizontal_frame") ?? ""
        let frame: HorizontalFrame
        switch frameName {
        case "tangent_plane":
            let lat = try file.numericAttribute("station_latitude_deg")?.first
            let lon = try file.numericAttribute("station_longitude_deg")?.first
            frame = .tangentPlane(station: lat.flatMap { lat in lon.map { GeoPoint(latitudeDeg: lat, longitudeDeg: $0) } })
        case "latitude_longitude":
            frame = .latitudeLongitude
        default:
            throw WindGridError(file: path, problem: "attribute 'horizontal_frame' is '\(frameName)', expected "
                + "'tangent_plane' or 'latitude_longitude'")
        }
        let names = axisNames(for: frame)
        var axes: [GridAxis] = []
        for (name, kind) in zip(names, [AxisKind.time, .pressure, .y(frame), .x(frame)]) {
            let dataset = try file.dataset(name)
            let shape = try dataset.shape()
            guard shape.count == 1 else {
                throw WindGridError(file: path, problem: "axis '\(name)' has rank \(shape.count), expected 1")
            }
            let units = try dataset.stringAttribute("units") ?? ""
            let scale = try kind.scaleToCanonical(units: units, axis: name, file: path)
            let (axis, reversed) = try GridAxis.validated(
                name: name, values: try dataset.read(as: Double.self).map { $0 * scale }, units: kind.canonicalUnits,
                file: path)
            guard !reversed else { throw WindGridError(file: path, problem: "axis '\(name)' must be ascending") }
            axes.append(axis)
        }
        let expected = axes.map(\.count)
        var components: [[Float]] = []
        for name in ["u", "v"] {
            let dataset = try file.dataset(name)
            let shape = try dataset.shape()
            guard shape == expected else {
                throw WindGridError(file: path, problem: "'\(name)' has shape \(shape), expected \(expected) "
                    + "(\(names.joined(separator: ", ")))")
            }
            let units = try dataset.stringAttribute("units") ?? ""
            guard AxisKind.isMetresPerSecond(units) else {
                throw WindGridError(file: path, problem: "'\(name)' has unknown units '\(units)' (expected m s-1)")
            }
            components.append(try dataset.read(as: Float.self))
        }
        return try WindGrid(frame: frame, startTime: startTime, x: axes[3], y: axes[2], pressure: axes[1],
                            time: axes[0], u: components[0], v: components[1],
                            source: try file.stringAttribute("source") ?? "", file: path)
    }
}

/// The physical meaning of an axis, which fixes its canonical unit.
enum AxisKind {
    case time, pressure, y(HorizontalFrame), x(HorizontalFrame)

    var canonicalUnits: String {
        switch self {
        case .time: return "hours"
        case .pressure: return "Pa"
        case .y(.tangentPlane), .x(.tangentPlane): return "km"
        case .y(.latitudeLongitude): return "degrees_north"
        case .x(.latitudeLongitude): return "degrees_east"
        }
    }

    /// The factor that turns file values in `units` into canonical units.
    func scaleToCanonical(units rawUnits: String, axis: String, file: String) throws -> Double {
        let units = rawUnits.trimmingCharacters(in: .whitespaces)
        let factor: Double?
        switch self {
        case .time:
            factor = ["hours": 1, "hour": 1, "h": 1, "seconds": 1 / 3600, "second": 1 / 3600, "s": 1 / 3600,
                      "minutes": 1 / 60, "min": 1 / 60][units]
        case .pressure:
            factor = ["Pa": 1, "pa": 1, "hPa": 100, "hpa": 100, "mbar": 100, "millibars": 100, "millibar": 100,
                      "kPa": 1000][units]
        case .y(.tangentPlane), .x(.tangentPlane):
            factor = ["km": 1, "m": 0.001][units]
        case .y(.latitudeLongitude):
            factor = ["degrees_north", "degree_north", "degrees_N", "degree_N", "degreesN", "degrees"].contains(units) ? 1 : nil
        case .x(.latitudeLongitude):
            factor = ["degrees_east", "degree_east", "degrees_E", "degree_E", "degreesE", "degrees"].contains(units) ? 1 : nil
        }
        guard let factor else {
            let shown = units.isEmpty ? "no units attribute" : "unknown units '\(units)'"
            throw WindGridError(file: file, problem: "axis '\(axis)' has \(shown) (expected \(acceptedUnits))")
        }
        return factor
    }

    private var acceptedUnits: String {
        switch self {
        case .time: return "hours or seconds"
        case .pressure: return "Pa or hPa"
        case .y(.tangentPlane), .x(.tangentPlane): return "km or m"
        case .y(.latitudeLongitude): return "degrees_north"
        case .x(.latitudeLongitude): return "degrees_east"
        }
    }

    static func isMetresPerSecond(_ units: String) -> Bool {
        ["m s-1", "m s**-1", "m/s", "m.s-1", "meter/second", "metre/second", "m s^-1", "meters/second"]
            .contains(units.trimmingCharacters(in: .whitespaces))
    }
}

/// ISO 8601 date-times in whole seconds, UTC (`2012-03-20T00:00:00Z`).
enum ISO8601 {
    static func string(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
