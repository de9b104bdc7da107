import Foundation
import HDF5

/// The time of a CF file whose winds have no time dimension, as cfgrib writes one GRIB forecast:
/// scalar coordinates `valid_time` (the instant the winds are for), `time` (the forecast's reference
/// time) and `step` (the lead time, a duration such as `hours`).
///
/// `valid_time` is preferred; without it, `time` + `step` (or `time` alone). A file with none of them
/// starts at 1970-01-01T00:00:00Z, and ``SingleTimeSource/none`` says so.
enum CFSingleTime {
    static let validTimeNames = ["valid_time"]
    static let referenceNames = ["time", "forecast_reference_time"]
    static let stepNames = ["step", "forecast_period"]

    /// The single instant, and where it came from.
    static func read(_ file: HDF5File, members: [String]) throws -> (Date, SingleTimeSource) {
        let path = file.filePath
        if let name = validTimeNames.first(where: members.contains) {
            return (try instant(name, file: file), .validTime(name))
        }
        guard let reference = referenceNames.first(where: members.contains) else {
            return (Date(timeIntervalSince1970: 0), .none)
        }
        let start = try instant(reference, file: file)
        guard let step = stepNames.first(where: members.contains) else { return (start, .reference(reference)) }
        let dataset = try file.dataset(step)
        let units = try dataset.stringAttribute("units") ?? ""
        guard let secondsPerUnit = CFTimeUnits.secondsPerDurationUnit(units) else {
            throw WindGridError(file: path, problem: "scalar coordinate '\(step)' has units '\(units)', expected a duration "
                + "(hours, days, minutes or seconds)")
        }
        return (start.addingTimeInterval(try scalar(step, dataset: dataset, file: path) * secondsPerUnit),
                .referencePlusStep(reference: reference, step: step))
    }

    /// The forecast's reference time, from a scalar `time` coordinate with CF time units; nil when there is none.
    static func referenceTime(_ file: HDF5File, members: [String]) throws -> Date? {
        for name in referenceNames where members.contains(name) {
            if try file.dataset(name).shape().isEmpty { return try instant(name, file: file) }
        }
        return nil
    }

    /// The instant a scalar coordinate with CF time units holds.
    private static func instant(_ name: String, file: HDF5File) throws -> Date {
        let dataset = try file.dataset(name)
        let units = try dataset.stringAttribute("units") ?? ""
        switch CFTimeUnits.parse(units, calendar: try dataset.stringAttribute("calendar")) {
        case .success(let timeUnits): return timeUnits.date(try scalar(name, dataset: dataset, file: file.filePath))
        case .failure(let failure): throw WindGridError(file: file.filePath, problem: "scalar coordinate '\(name)': \(failure.reason)")
        }
    }

    /// The one finite value of a scalar (or one-point) coordinate.
    private static func scalar(_ name: String, dataset: HDF5Dataset, file: String) throws -> Double {
        let values = try dataset.read(as: Double.self)
        guard values.count == 1, let value = values.first, value.isFinite else {
            throw WindGridError(file: file, problem: "'\(name)' should hold the one time of winds without a time dimension, "
                + "but holds \(values.count == 1 ? "a non-finite value" : "\(values.count) values")")
        }
        return value
    }
}
