/// A proleptic-Gregorian UTC calendar date and time of day, from and to Unix seconds.
///
/// BLE keeps time as a timezone-aware `datetime`; loonsim keeps integer Unix seconds and
/// derives the calendar fields only where BLE reads them (the solar calculator's Julian day,
/// reference §2.10). Exact for every Int64 second in ±25 000 years of 1970.
public struct CivilDate: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The UTC date and time of `unixSeconds` (floor semantics before 1970).
    public init(unixSeconds: Int64) {
        let (days, secondOfDay) = Self.floorDivide(unixSeconds, PhysicsConstants.secondsPerDay)
        let (y, m, d) = Self.civil(fromDaysSinceEpoch: days)
        self.init(year: y, month: m, day: d, hour: Int(secondOfDay / 3600),
                  minute: Int(secondOfDay % 3600 / 60), second: Int(secondOfDay % 60))
    }

    /// Unix seconds of this UTC date and time.
    public var unixSeconds: Int64 {
        Self.daysSinceEpoch(year: year, month: month, day: day) * PhysicsConstants.secondsPerDay
            + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
    }

    /// ISO 8601 with a `+00:00` offset, as BLE's exports print it: `2013-06-28T21:57:42+00:00`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))+00:00"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` with an optional `Z` or `+00:00` suffix; nil for anything else.
    public init?(iso8601 text: String) {
        var body = Substring(text)
        if body.hasSuffix("Z") { body = body.dropLast() } else if body.hasSuffix("+00:00") { body = body.dropLast(6) }
        let parts = body.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" })
        guard parts.count == 6, body.count == 19 else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 6, (1...12).contains(numbers[1]), (1...31).contains(numbers[2]),
              (0...23).contains(numbers[3]), (0...59).contains(numbers[4]), (0...59).contains(numbers[5]) else { return nil }
        self.init(year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4], second: numbers[5])
    }

    /// The (year, month, day) of day number `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    @inlinable
    static func civil(fromDaysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Days from 1970-01-01 to a (year, month, day) (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `(⌊a/b⌋, a mod b)` with the remainder in [0, b), like Python's `divmod` (b > 0).
    static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}
