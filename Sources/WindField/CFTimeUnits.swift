import Foundation

/// CF-convention time units: `<unit> since <reference date-time>` (e.g. ERA5's
/// `hours since 1900-01-01 00:00:00.0` or `seconds since 1970-01-01`).
///
/// Only the standard (Gregorian) calendar is accepted; dates before 1582 are
/// not expected in wind data.
public struct CFTimeUnits: Sendable, Equatable {
    /// Seconds per unit of the stored values.
    public var secondsPerUnit: Double
    /// The reference instant the values count from.
    public var reference: Date

    /// Parses `units` (and the optional `calendar` attribute); returns nil with a reason when it cannot.
    public static func parse(_ units: String, calendar: String? = nil) -> Result<CFTimeUnits, ParseFailure> {
        if let calendar, !["standard", "gregorian", "proleptic_gregorian"].contains(calendar.lowercased()) {
            return .failure(ParseFailure(reason: "calendar '\(calendar)' is not supported (only standard/gregorian)"))
        }
        let parts = units.trimmingCharacters(in: .whitespaces).components(separatedBy: " since ")
        guard parts.count == 2 else {
            return .failure(ParseFailure(reason: "time units '\(units)' are not of the form '<unit> since <date>'"))
        }
        guard let secondsPerUnit = secondsPerDurationUnit(parts[0]) else {
            return .failure(ParseFailure(reason: "time unit '\(parts[0])' is unknown (expected seconds, minutes, hours or days)"))
        }
        guard let reference = parseDateTime(parts[1]) else {
            return .failure(ParseFailure(reason: "reference date '\(parts[1])' in time units cannot be read"))
        }
        return .success(CFTimeUnits(secondsPerUnit: secondsPerUnit, reference: reference))
    }

    /// Seconds in one `unit` of a duration (`hours`, `days`, `s`, … as in CF's `<unit> since …`, and the
    /// `milliseconds`…`nanoseconds` xarray writes for a forecast `step`), or nil for a unit it does not know.
    public static func secondsPerDurationUnit(_ unit: String) -> Double? {
        let table: [String: Double] = [
            "nanoseconds": 1e-9, "microseconds": 1e-6, "milliseconds": 1e-3,
            "seconds": 1, "second": 1, "secs": 1, "sec": 1, "s": 1,
            "minutes": 60, "minute": 60, "mins": 60, "min": 60,
            "hours": 3600, "hour": 3600, "hrs": 3600, "hr": 3600, "h": 3600,
            "days": 86_400, "day": 86_400, "d": 86_400,
        ]
        return table[unit.lowercased().trimmingCharacters(in: .whitespaces)]
    }

    /// Why a units string was rejected.
    public struct ParseFailure: Error, Sendable, Equatable {
        public var reason: String
    }

    /// The instant `value` units after the reference.
    public func date(_ value: Double) -> Date {
        reference.addingTimeInterval(value * secondsPerUnit)
    }

    /// Reads a date-time `YYYY-MM-DD[( |T)hh:mm[:ss[.fff]]][Z|±hh:mm| UTC]`.
    public static func parseDateTime(_ text: String) -> Date? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var offsetSeconds = 0
        if rest.hasSuffix("UTC") { rest = rest.dropLast(3) }
        rest = Substring(rest.trimmingCharacters(in: .whitespaces))
        if rest.hasSuffix("Z") { rest = rest.dropLast() }
        // A trailing ±hh:mm or ±hhmm zone after the time part.
        if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }),
           rest[..<signIndex].contains(where: { $0 == ":" || $0 == "T" || $0 == " " }),
           rest.distance(from: rest.startIndex, to: signIndex) > 10 {
            let zone = rest[rest.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4 || zone.count == 2, let value = Int(zone) else { return nil }
            let hours = zone.count == 4 ? value / 100 : value
            let minutes = zone.count == 4 ? value % 100 : 0
            offsetSeconds = (hours * 3600 + minutes * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        let pieces = rest.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard let datePart = pieces.first, pieces.count <= 2 else { return nil }
        let ymd = datePart.split(separator: "-").map { Int($0) }
        guard ymd.count == 3, let year = ymd[0], let month = ymd[1], let day = ymd[2],
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0
        var second = 0.0
        if pieces.count == 2 {
            let hms = pieces[1].split(separator: ":")
            guard (1...3).contains(hms.count), let h = Int(hms[0]) else { return nil }
            hour = h
            if hms.count >= 2 { guard let m = Int(hms[1]) else { return nil }; minute = m }
            if hms.count == 3 { guard let s = Double(hms[2]) else { return nil }; second = s }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let midnight = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        return midnight.addingTimeInterval(Double(hour * 3600 + minute * 60 - offsetSeconds) + second)
    }
}
