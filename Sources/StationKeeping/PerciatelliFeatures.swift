import BalloonPhysics
import Foundation
import WindField

/// Builds BLE's 1099-value observation from the balloon state (`PerciatelliFeatureConstructor`, reference §4).
///
/// It holds the episode's forecast and a ``WindGP`` of the forecast error. Each
/// ``observe(state:measuredWind:)`` adds the error measured at the balloon; each
/// ``observation(for:)`` writes the 16 ambient features and the 361-slot relative wind column:
/// GP mean wind (forecast + error) and normalised variance for the levels inside the accessible
/// pressure range (§4.3), (0, 1, 1) elsewhere. Values are computed in Double and rounded to
/// float32 once, like BLE's numpy code.
///
/// A reference type (it owns the GP and scratch buffers); give each environment its own.
public final class PerciatelliFeatures {
    /// Added to norms before dividing, as BLE's `TOLERANCE` (m and m/s).
    public static let tolerance = 1e-5
    /// Distance squash constant for feature 7, km; wind-speed squash constant, m/s (reference §4.1–4.2).
    public static let distanceSquashKm = 250.0
    public static let windSpeedSquashMetersPerSecond = 30.0

    public private(set) var forecast: GriddedWindField
    public let gp = WindGP()
    /// The sunrise search's time-only solar terms, shared from one step to the next.
    private let sunCache = SolarEphemerisCache()
    /// The accessible range's search column for the episode's balloon and atmosphere.
    private var searchColumn: PressureRange.SearchColumn?

    private let levelPressures: [Double] = (0..<Observation.levelCount).map(Observation.levelPressurePa)
    private var meanU = [Double](repeating: 0, count: Observation.levelCount)
    private var meanV = [Double](repeating: 0, count: Observation.levelCount)
    private var uncertainty = [Double](repeating: 0, count: Observation.levelCount)
    private var forecastU = [Double](repeating: 0, count: Observation.levelCount)
    private var forecastV = [Double](repeating: 0, count: Observation.levelCount)

    public init(forecast: GriddedWindField) {
        self.forecast = forecast
    }

    /// Starts a new episode on `forecast`, forgetting every observation.
    public func reset(forecast: GriddedWindField) {
        self.forecast = forecast
        gp.reset()
    }

    /// Records the wind measured at the balloon: the GP learns `measured − forecast` there.
    public func observe(state: BalloonState, measuredWind: WindVector) {
        let f = forecast.wind(xMeters: state.xMeters, yMeters: state.yMeters, pressurePa: state.pressurePa,
                              elapsedSeconds: Double(state.elapsedSeconds))
        observe(state: state, forecastWind: WindVector(uMetersPerSecond: f.u, vMetersPerSecond: f.v),
                measuredWind: measuredWind)
    }

    /// The same, for a caller that has already looked up the forecast at the state (`forecastWind`).
    public func observe(state: BalloonState, forecastWind: WindVector, measuredWind: WindVector) {
        gp.observe(xMeters: state.xMeters, yMeters: state.yMeters, pressurePa: state.pressurePa,
                   elapsedSeconds: Double(state.elapsedSeconds),
                   errorU: measuredWind.uMetersPerSecond - forecastWind.uMetersPerSecond,
                   errorV: measuredWind.vMetersPerSecond - forecastWind.vMetersPerSecond)
    }

    /// The observation of `state` in a new array (call after ``observe(state:measuredWind:)`` for the same state).
    public func observation(for state: BalloonState) throws(BalloonPhysicsError) -> Observation {
        var values = [Float](repeating: 0, count: Observation.count)
        try values.withUnsafeMutableBufferPointer { (buffer) throws(BalloonPhysicsError) in try write(state, into: buffer) }
        return Observation(values: values)
    }

    /// Writes the observation of `state` into `output` (1099 values); allocation-free.
    public func write(_ state: BalloonState, into output: UnsafeMutableBufferPointer<Float>) throws(BalloonPhysicsError) {
        precondition(output.count == Observation.count, "the observation has \(Observation.count) values")
        // The sun as BLE's solar code sees it from the balloon (latitude kept in radians), once for
        // the elevation, the excess-energy flag and the accessible range.
        let site = state.solarSite
        let sun = SolarCalculator.position(at: site, unixSeconds: state.unixSeconds)
        try writeAmbient(state, site: site, sun: sun, into: output)
        try writeWindColumn(state, sun: sun, into: output)
    }

    // MARK: Ambient features (§4.1)

    private func writeAmbient(_ state: BalloonState, site: SolarSite, sun: SolarPosition,
                              into f: UnsafeMutableBufferPointer<Float>) throws(BalloonPhysicsError) {
        let t = state.unixSeconds
        f[0] = Float(Self.saturatingRescale(state.pressurePa, Observation.lowestLevelPa, Observation.highestLevelPa))
        f[1] = Float(state.batteryStateOfCharge)
        f[2] = Float(Self.saturatingRescale(sun.elevationDeg, -90, 90))
        let cycle = try Self.solarCycle(at: site, unixSeconds: t, cache: sunCache)
        f[3] = Float(sin(cycle))
        f[4] = Float(cos(cycle))
        let heading = atan2(-state.xMeters / 1000, -state.yMeters / 1000)
        f[5] = Float(sin(heading))
        f[6] = Float(cos(heading))
        let distanceKm = Self.distanceMeters(state) / 1000
        f[7] = Float(distanceKm / (distanceKm + Self.distanceSquashKm))
        f[8] = state.lastCommand == .up ? 1 : 0
        f[9] = state.lastCommand == .stay ? 1 : 0
        f[10] = state.lastCommand == .down ? 1 : 0
        let paused = state.navigationIsPaused
        f[11] = paused ? 1 : 0
        f[12] = paused ? 0 : 1
        f[13] = state.hasExcessEnergy(sun: sun) ? 1 : 0
        let power = try PowerTable.powerW(pressureRatio: state.pressureRatio, stateOfCharge: state.batteryStateOfCharge)
        f[14] = Float(Self.saturatingRescale(power, 100, 300))
        f[15] = Float(state.pressureRatio)
    }

    /// BLE's normalised solar cycle φ ∈ [0, 2π]: [sunrise, sunset] ↦ [0, π], [sunset, sunrise] ↦ [π, 2π].
    static func solarCycle(at site: SolarSite, unixSeconds t: Int64, cache: SolarEphemerisCache? = nil)
        throws(BalloonPhysicsError) -> Double
    {
        let next = try SunriseSunset.next(at: site, unixSeconds: t, cache: cache)
        let day = PhysicsConstants.secondsPerDay
        if next.sunsetUnixSeconds < next.sunriseUnixSeconds {
            let sunrise = next.sunriseUnixSeconds - day
            return .pi * Double(t - sunrise) / Double(next.sunsetUnixSeconds - sunrise)
        }
        let sunset = next.sunsetUnixSeconds - day
        return .pi + .pi * Double(t - sunset) / Double(next.sunriseUnixSeconds - sunset)
    }

    // MARK: Wind column (§4.2)

    private func writeWindColumn(_ state: BalloonState, sun: SolarPosition,
                                 into f: UnsafeMutableBufferPointer<Float>) throws(BalloonPhysicsError) {
        if searchColumn?.serves(state) != true {
            searchColumn = try PressureRange.SearchColumn(vehicle: state.vehicle, atmosphere: state.atmosphere)
        }
        let range = try PressureRange.accessible(for: state, column: searchColumn, sun: sun)
        let balloonLevel = Self.balloonLevel(pressurePa: state.pressurePa)
        // Slot j shows level j − 180 + b; everything starts as (0, 1, 1).
        for slot in 0..<Observation.slotCount {
            let index = Observation.slotIndex(slot)
            f[index] = 0
            f[index + 1] = 1
            f[index + 2] = 1
        }
        // The levels inside the accessible range form one run; the GP is needed only there.
        guard let first = levelPressures.firstIndex(where: { range.contains($0) }),
              let last = levelPressures.lastIndex(where: { range.contains($0) }) else { return }
        let count = last - first + 1
        let elapsed = Double(state.elapsedSeconds)
        levelPressures.withUnsafeBufferPointer { pressures in
            let levels = UnsafeBufferPointer(rebasing: pressures[first...last])
            meanU.withUnsafeMutableBufferPointer { u in
                meanV.withUnsafeMutableBufferPointer { v in
                    uncertainty.withUnsafeMutableBufferPointer { s in
                        gp.query(xMeters: state.xMeters, yMeters: state.yMeters, elapsedSeconds: elapsed, pressuresPa: levels,
                                 meanU: UnsafeMutableBufferPointer(rebasing: u[0..<count]),
                                 meanV: UnsafeMutableBufferPointer(rebasing: v[0..<count]),
                                 uncertainty: UnsafeMutableBufferPointer(rebasing: s[0..<count]))
                    }
                }
            }
            forecastU.withUnsafeMutableBufferPointer { u in
                forecastV.withUnsafeMutableBufferPointer { v in
                    forecast.column(xMeters: state.xMeters, yMeters: state.yMeters, elapsedSeconds: elapsed,
                                    pressuresPa: levels, u: UnsafeMutableBufferPointer(rebasing: u[0..<count]),
                                    v: UnsafeMutableBufferPointer(rebasing: v[0..<count]))
                }
            }
        }
        let distance = Self.distanceMeters(state)
        let towardStation = (-state.xMeters / (distance + Self.tolerance), -state.yMeters / (distance + Self.tolerance))
        for offset in 0..<count {
            let level = first + offset
            let slot = level + Observation.balloonSlot - balloonLevel
            let u = meanU[offset] + forecastU[offset]
            let v = meanV[offset] + forecastV[offset]
            let magnitude = (u * u + v * v).squareRoot()
            let angle: Double
            if distance < Self.tolerance {
                angle = 0
            } else if magnitude < Self.tolerance {
                angle = .pi
            } else {
                let cosine = (u / (magnitude + Self.tolerance)) * towardStation.0
                    + (v / (magnitude + Self.tolerance)) * towardStation.1
                angle = acos(min(max(cosine, -1), 1))
            }
            let index = Observation.slotIndex(slot)
            f[index] = Float(uncertainty[offset])
            f[index + 1] = Float(angle / .pi)
            f[index + 2] = Float(magnitude / (magnitude + Self.windSpeedSquashMetersPerSecond))
        }
    }

    /// The column level nearest the balloon: `round((clip(P, 5000, 14000) − 5000)/50)`, ties to even.
    public static func balloonLevel(pressurePa: Double) -> Int {
        let clipped = min(max(pressurePa, Observation.lowestLevelPa), Observation.highestLevelPa)
        return Int(((clipped - Observation.lowestLevelPa) / Observation.levelSpacingPa).rounded(.toNearestOrEven))
    }

    /// Distance to the station, m: the norm of (x, y).
    @inline(__always)
    static func distanceMeters(_ state: BalloonState) -> Double {
        (state.xMeters * state.xMeters + state.yMeters * state.yMeters).squareRoot()
    }

    /// `clip((x − low)/(high − low), 0, 1)`.
    @inline(__always)
    static func saturatingRescale(_ x: Double, _ low: Double, _ high: Double) -> Double {
        min(max((x - low) / (high - low), 0), 1)
    }
}
