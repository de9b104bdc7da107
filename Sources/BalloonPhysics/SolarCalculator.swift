import Foundation
import WindField

/// NOAA's solar calculator as BLE implements it: elevation, azimuth and flux for a place and a
/// UTC second (reference §2.10).
///
/// The day fraction is `(⌊unix⌋ mod 86 400)/86 400`, the Julian day number comes from the UTC
/// calendar date with BLE's floating-point formula, the true solar time uses C `fmod` (sign of the
/// dividend), and every degree/radian conversion multiplies by the same constant as Python's
/// `math.radians`/`math.degrees`. Evaluation is plain trigonometry; a caller evaluating many instants on one time lattice can
/// share the time-only half through a ``SolarEphemerisCache`` (same bits).
///
/// Every step is BLE's, with the same library calls, so results agree with BLE to the bit
/// wherever numpy and Swift both use the C library; the one liberty is `x²` as `x·x`, which is
/// bit-identical to glibc's `pow(x, 2)`. (BLE's unstable regimes amplify any other last-bit change.)
///
/// Inputs are not range-checked: any finite latitude/longitude gives the formula's value
/// (BLE rejects invalid s2 `LatLng`s, which a destination point never is).
public enum SolarCalculator {
    @usableFromInline static let radiansPerDegree = TangentPlane.radiansPerDegree
    @usableFromInline static let degreesPerRadian = TangentPlane.degreesPerRadian

    /// Elevation (refraction-corrected) and flux of the sun seen from `point` at `unixSeconds`.
    @inlinable
    public static func position(at point: GeoPoint, unixSeconds: Int64) -> SolarPosition {
        position(at: SolarSite(point), unixSeconds: unixSeconds)
    }

    /// Elevation (refraction-corrected) and flux of the sun seen from `site` at `unixSeconds`.
    @inlinable
    public static func position(at site: SolarSite, unixSeconds: Int64) -> SolarPosition {
        let geometry = SolarGeometry(site: site, unixSeconds: unixSeconds)
        return SolarPosition(elevationDeg: geometry.elevationDeg, fluxWPerM2: geometry.fluxWPerM2)
    }

    /// Solar elevation only, degrees: what the sunrise/sunset search evaluates.
    @inlinable
    public static func elevationDeg(at point: GeoPoint, unixSeconds: Int64) -> Double {
        elevationDeg(at: SolarSite(point), unixSeconds: unixSeconds)
    }

    /// Solar elevation only, degrees, seen from `site`.
    @inlinable
    public static func elevationDeg(at site: SolarSite, unixSeconds: Int64) -> Double {
        SolarGeometry(site: site, unixSeconds: unixSeconds).elevationDeg
    }

    /// ``elevationDeg(at:unixSeconds:)`` with the time-only half of the work taken from `cache`.
    @inlinable
    public static func elevationDeg(at site: SolarSite, unixSeconds: Int64, cache: SolarEphemerisCache) -> Double {
        SolarGeometry(site: site, ephemeris: cache.ephemeris(unixSeconds: unixSeconds)).elevationDeg
    }

    /// Solar azimuth, degrees clockwise from north (NOAA formula). BLE computes it and never uses it.
    public static func azimuthDeg(at point: GeoPoint, unixSeconds: Int64) -> Double {
        let site = SolarSite(point)
        return SolarGeometry(site: site, unixSeconds: unixSeconds).azimuthDeg
    }
}

/// The time-only half of one solar-calculator evaluation (reference §2.10, in its order):
/// everything that does not depend on where the sun is seen from.
@usableFromInline
struct SolarEphemeris {
    /// `1440·(day fraction) + EoT` in minutes, before the longitude term is added.
    @usableFromInline let solarTimeBaseMinutes: Double
    @usableFromInline let declinationRad: Double
    @usableFromInline let sinDeclination: Double
    @usableFromInline let cosDeclination: Double
    @usableFromInline let fluxWPerM2: Double

    @inlinable
    init(unixSeconds: Int64) {
        let toRad = SolarCalculator.radiansPerDegree, toDeg = SolarCalculator.degreesPerRadian
        var secondOfDay = unixSeconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400 }
        let dayFraction = Double(secondOfDay) / 86_400.0
        let jdn = SolarGeometry.julianDayNumber(unixSeconds: unixSeconds)
        let century = (jdn + dayFraction - 2451545.0) / 36525.0

        let meanLongitude = (280.46646 + century * (36000.76983 + century * 0.0003032)) * toRad
        let sin2L0 = sin(2.0 * meanLongitude)
        let cos2L0 = cos(2.0 * meanLongitude)
        let sin4L0 = sin(4.0 * meanLongitude)
        let meanAnomaly = (357.52911 + century * (35999.05029 - 0.0001537 * century)) * toRad
        let sinM = sin(meanAnomaly)
        let sin2M = sin(2.0 * meanAnomaly)
        let sin3M = sin(3.0 * meanAnomaly)
        let meanObliquity = (23.0 + (26.0 + (21.448 - century * (46.815 + century * (0.00059 - century * 0.001813))) / 60.0) / 60.0) * toRad
        let nodeRad = (125.04 - 1934.136 * century) * toRad
        let obliquity = meanObliquity + (0.00256 * cos(nodeRad)) * toRad
        let tanHalfObliquity = tan(obliquity / 2.0)
        let y = tanHalfObliquity * tanHalfObliquity
        let e = 0.016708634 - century * (0.000042037 + 0.0000001267 * century)
        let equationOfTime = 4.0 * (y * sin2L0 - 2.0 * e * sinM + 4.0 * e * y * sinM * cos2L0
                                    - 0.5 * y * y * sin4L0 - 1.25 * e * e * sin2M)
        // BLE adds 1440·f + EoT + 4λ left to right, so this partial sum is exactly its first step.
        solarTimeBaseMinutes = 1440.0 * dayFraction + equationOfTime * toDeg

        let centre = (sinM * (1.914602 - century * (0.004817 + 0.000014 * century))
                      + sin2M * (0.019993 - 0.000101 * century) + sin3M * 0.000289) * toRad
        let apparentLongitude = meanLongitude + centre - (0.00569 - 0.00478 * sin(nodeRad)) * toRad
        let declination = asin(sin(obliquity) * sin(apparentLongitude))
        declinationRad = declination
        sinDeclination = sin(declination)
        cosDeclination = cos(declination)
        let orbitRatio = (1 + e) / (1 - e)
        fluxWPerM2 = SolarConstants.solarConstantWPerM2 * (1 + 0.5 * (orbitRatio * orbitRatio - 1) * cos(meanAnomaly))
    }
}

/// Remembers the time-only half of solar evaluations by Unix second, for a caller that evaluates
/// the sun many times on a shared time lattice (the sunrise/sunset search moves by 3 minutes per
/// agent step, so most of its instants repeat). Results are the same bits as without it.
///
/// A reference type with no locking: give each thread (each environment) its own.
public final class SolarEphemerisCache {
    private var entries: [Int64: SolarEphemeris] = [:]
    /// Entries kept at most; the cache starts afresh when full.
    public static let capacity = 4_096

    public init() {}

    @usableFromInline
    func ephemeris(unixSeconds t: Int64) -> SolarEphemeris {
        if let known = entries[t] { return known }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        let computed = SolarEphemeris(unixSeconds: t)
        entries[t] = computed
        return computed
    }
}

/// The intermediate angles of one solar-calculator evaluation (reference §2.10, in its order).
@usableFromInline
struct SolarGeometry {
    @usableFromInline let sinLatitude: Double
    @usableFromInline let cosLatitude: Double
    @usableFromInline let hourAngleRad: Double
    @usableFromInline let declinationRad: Double
    @usableFromInline let zenithRad: Double
    @usableFromInline let elevationDeg: Double
    @usableFromInline let fluxWPerM2: Double

    @inlinable
    init(site: SolarSite, unixSeconds: Int64) {
        self.init(site: site, ephemeris: SolarEphemeris(unixSeconds: unixSeconds))
    }

    @inlinable
    init(site: SolarSite, ephemeris: SolarEphemeris) {
        let sinLatitude = site.sinLatitude, cosLatitude = site.cosLatitude, longitudeDeg = site.longitudeDeg
        let toRad = SolarCalculator.radiansPerDegree, toDeg = SolarCalculator.degreesPerRadian
        var hourAngle = (fmod(ephemeris.solarTimeBaseMinutes + 4.0 * longitudeDeg, 1440.0) * toRad) / 4.0
        if hourAngle < 0 { hourAngle += Double.pi } else { hourAngle -= Double.pi }
        let zenith = acos(sinLatitude * ephemeris.sinDeclination + cosLatitude * ephemeris.cosDeclination * cos(hourAngle))

        let uncorrected = 90.0 - zenith * toDeg
        let refractionArcsec: Double
        if uncorrected > 85.0 {
            refractionArcsec = 0
        } else if uncorrected > 5.0 {
            let t = tan(uncorrected * toRad)
            refractionArcsec = 58.1 / t - 0.07 / pow(t, 3) + 0.000086 / pow(t, 5)
        } else if uncorrected > -0.575 {
            refractionArcsec = 1735.0 + uncorrected * (-518.2 + uncorrected * (103.4 + uncorrected * (-12.79 + uncorrected * 0.711)))
        } else {
            refractionArcsec = -20.772 / tan(uncorrected * toRad)
        }
        self.sinLatitude = sinLatitude
        self.cosLatitude = cosLatitude
        hourAngleRad = hourAngle
        declinationRad = ephemeris.declinationRad
        zenithRad = zenith
        elevationDeg = uncorrected + refractionArcsec / 3600.0
        fluxWPerM2 = ephemeris.fluxWPerM2
    }

    @usableFromInline
    var azimuthDeg: Double {
        let toDeg = SolarCalculator.degreesPerRadian
        let cosAzimuth = (sinLatitude * cos(zenithRad) - sin(declinationRad)) / (cosLatitude * sin(zenithRad))
        let unwrapped = acos(min(max(cosAzimuth, -1.0), 1.0))
        return hourAngleRad > 0 ? unwrapped * toDeg + 180.0 : 180.0 - unwrapped * toDeg
    }

    /// BLE's Julian day number of the UTC calendar date of `unixSeconds` (at 0h, hence the .5).
    @inlinable
    static func julianDayNumber(unixSeconds: Int64) -> Double {
        var days = unixSeconds / 86_400
        if unixSeconds % 86_400 < 0 { days -= 1 }
        let date = CivilDate.civil(fromDaysSinceEpoch: days)
        let year = Double(date.year), month = Double(date.month), day = Double(date.day)
        return 367.0 * year - (7.0 * (year + ((month + 9.0) / 12.0).rounded(.down)) / 4.0).rounded(.down)
            - (3.0 * (((year + (month - 9.0) / 7.0) / 100.0).rounded(.down) + 1.0) / 4.0).rounded(.down)
            + (275.0 * month / 9.0).rounded(.down) + day + 1721028.5
    }
}
