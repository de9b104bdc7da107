import WindField

/// The next sunrise and sunset after a moment, found BLE's way (reference §2.10).
///
/// BLE searches grids of 3-minute steps with a discrete "binary search" that assumes the
/// objective is symmetric around its minimum. The times it returns are therefore whole
/// multiples of 3 min after the query time, and can be a few minutes off the true events;
/// loonsim reproduces the search exactly, because the solar-cycle feature and the power
/// safety layer depend on it.
public enum SunriseSunset {
    /// The next sunrise and sunset, in Unix seconds: each ≥ `unixSeconds` and less than a day after it.
    ///
    /// Sunrise and sunset are the moments the elevation crosses −4.242°.
    ///
    /// - Throws: ``BalloonPhysicsError/latitudeNotSupported(latitudeDeg:)`` unless |lat| < 60°
    ///   (no polar day or night).
    public static func next(at point: GeoPoint, unixSeconds t: Int64) throws(BalloonPhysicsError)
        -> (sunriseUnixSeconds: Int64, sunsetUnixSeconds: Int64)
    {
        try next(at: SolarSite(point), unixSeconds: t)
    }

    /// ``next(at:unixSeconds:)`` seen from `point`, a ``SolarSite``.
    ///
    /// - Parameter cache: remembers the time-only half of the ~45 solar evaluations, which
    ///   the next call 3 minutes later mostly repeats; the result is the same bits without it.
    public static func next(at point: SolarSite, unixSeconds t: Int64, cache: SolarEphemerisCache? = nil)
        throws(BalloonPhysicsError) -> (sunriseUnixSeconds: Int64, sunsetUnixSeconds: Int64)
    {
        guard abs(point.latitudeDeg) < 60.0 else { throw .latitudeNotSupported(latitudeDeg: point.latitudeDeg) }
        let day = PhysicsConstants.secondsPerDay
        // BLE asks "is it afternoon?" three times with the same arguments; once gives the same answer.
        let afternoon = isAfternoon(at: point, unixSeconds: t)
        let noon = nextNoon(at: point, unixSeconds: t, afternoon: afternoon, cache: cache)
        let midnight = nextMidnight(at: point, unixSeconds: t, afternoon: afternoon, cache: cache)
        let threshold = SolarConstants.minimumElevationDeg
        var sunrise: Int64, sunset: Int64
        if afternoon {
            sunrise = search(at: point, from: midnight, to: noon, cache: cache) { abs($0 - threshold) }
            sunset = search(at: point, from: noon - day, to: midnight, cache: cache) { abs($0 - threshold) }
        } else {
            sunrise = search(at: point, from: midnight - day, to: noon, cache: cache) { abs($0 - threshold) }
            sunset = search(at: point, from: noon, to: midnight, cache: cache) { abs($0 - threshold) }
        }
        if sunrise < t { sunrise += day }
        if sunset < t { sunset += day }
        return (sunrise, sunset)
    }

    /// Whether the sun is past its highest point: the elevation one second later is lower.
    public static func isAfternoon(at point: GeoPoint, unixSeconds t: Int64) -> Bool {
        isAfternoon(at: SolarSite(point), unixSeconds: t)
    }

    static func isAfternoon(at point: SolarSite, unixSeconds t: Int64) -> Bool {
        SolarCalculator.elevationDeg(at: point, unixSeconds: t + 1) < SolarCalculator.elevationDeg(at: point, unixSeconds: t)
    }

    /// The next solar noon (highest elevation) on the 3-min grid from `t`, Unix seconds.
    public static func nextNoon(at point: GeoPoint, unixSeconds t: Int64) -> Int64 {
        nextNoon(at: SolarSite(point), unixSeconds: t)
    }

    static func nextNoon(at point: SolarSite, unixSeconds t: Int64, afternoon: Bool? = nil,
                         cache: SolarEphemerisCache? = nil) -> Int64 {
        let start = (afternoon ?? isAfternoon(at: point, unixSeconds: t)) ? t + 12 * 3600 : t
        return search(at: point, from: start, to: start + 12 * 3600, cache: cache) { -$0 }
    }

    /// The next solar midnight (lowest elevation) on the 3-min grid from `t`, Unix seconds.
    public static func nextMidnight(at point: GeoPoint, unixSeconds t: Int64) -> Int64 {
        nextMidnight(at: SolarSite(point), unixSeconds: t)
    }

    static func nextMidnight(at point: SolarSite, unixSeconds t: Int64, afternoon: Bool? = nil,
                             cache: SolarEphemerisCache? = nil) -> Int64 {
        let start = (afternoon ?? isAfternoon(at: point, unixSeconds: t)) ? t : t + 12 * 3600
        return search(at: point, from: start, to: start + 12 * 3600, cache: cache) { $0 }
    }

    /// BLE's search over `start + k·3 min`, k = 0…⌊(end − start)/3 min⌋, for the minimum of
    /// `objective(elevation)` (``discreteMinimum(count:objective:)``), as Unix seconds.
    ///
    /// An empty window (end − start < 3 min, where BLE asserts) returns `start`.
    static func search(at point: SolarSite, from start: Int64, to end: Int64, cache: SolarEphemerisCache? = nil,
                       objective: (Double) -> Double) -> Int64 {
        let step = SolarConstants.searchStepSeconds
        let k = discreteMinimum(count: (end - start) / step) {
            let t = start + $0 * step
            return objective(cache.map { SolarCalculator.elevationDeg(at: point, unixSeconds: t, cache: $0) }
                ?? SolarCalculator.elevationDeg(at: point, unixSeconds: t))
        }
        return start + k * step
    }

    /// BLE's discrete "binary search" for the minimum of `g` over 0…`count`: while `hi > lo + 1`,
    /// move `hi` to ⌈mid⌉ if `g(lo) < g(hi)`, else `lo` to ⌊mid⌋; then return the better end
    /// (`hi` on ties). Exact for objectives symmetric around their minimum. `count ≤ 0` returns 0.
    static func discreteMinimum(count: Int64, _ g: (Int64) -> Double) -> Int64 {
        guard count > 0 else { return 0 }
        var lo: Int64 = 0, hi = count
        var gLo = g(lo), gHi = g(hi)
        while hi > lo + 1 {
            if gLo < gHi {
                hi = lo + (hi - lo + 1) / 2   // ⌈lo + (hi − lo)/2⌉
                gHi = g(hi)
            } else {
                lo = lo + (hi - lo) / 2       // ⌊lo + (hi − lo)/2⌋
                gLo = g(lo)
            }
        }
        return gLo < gHi ? lo : hi
    }
}
