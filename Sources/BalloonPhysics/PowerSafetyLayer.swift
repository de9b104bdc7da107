import WindField

/// The safety layer that keeps enough charge to last the night (reference §2.9).
///
/// At launch it finds the next sunrise and sunset (``SunriseSunset``) and takes the night to end
/// 30 min after sunrise. At each agent step, times already passed are rolled forward: under
/// ``PhysicsProfile/ble`` by whole days (never recomputed for the balloon's new position, as in BLE);
/// under ``PhysicsProfile/corrected`` by searching again at the current position.
///
/// * By day (sunset comes before the end of night): stay paused while the state of charge is
///   below 0.05, otherwise unpause and pass the command.
/// * By night: once paused stay paused; otherwise pause if the charge left at the end of night at
///   the night load, `(E − 183.7 W · (sunrise + 30 min − t))/E_max`, would be below 0.025.
///
/// Paused means DOWN → STAY.
public struct PowerSafetyLayer: Sendable, Equatable, Codable {
    /// The sunrise found at launch, Unix seconds (BLE's `_sunrise`; never rolled).
    public let launchSunriseUnixSeconds: Int64
    /// The sunset found at launch, Unix seconds.
    public let launchSunsetUnixSeconds: Int64
    /// The end of the coming (or current) night: a sunrise plus 30 min, Unix seconds.
    public private(set) var nightEndUnixSeconds: Int64
    /// The coming sunset, Unix seconds.
    public private(set) var sunsetUnixSeconds: Int64
    /// Whether the layer is holding navigation to save power.
    public private(set) var navigationIsPaused = false

    /// The layer of a balloon at `position` at `unixSeconds`.
    ///
    /// - Throws: ``BalloonPhysicsError/latitudeNotSupported(latitudeDeg:)`` unless |lat| < 60°.
    public init(position: GeoPoint, unixSeconds: Int64) throws(BalloonPhysicsError) {
        try self.init(site: SolarSite(position), unixSeconds: unixSeconds)
    }

    /// The layer of a balloon at `site` at `unixSeconds`.
    public init(site position: SolarSite, unixSeconds: Int64) throws(BalloonPhysicsError) {
        let (sunrise, sunset) = try SunriseSunset.next(at: position, unixSeconds: unixSeconds)
        launchSunriseUnixSeconds = sunrise
        launchSunsetUnixSeconds = sunset
        nightEndUnixSeconds = sunrise + SafetyLayerConstants.powerSunriseHysteresisSeconds
        sunsetUnixSeconds = sunset
    }

    /// Rolls the sun times past `unixSeconds` and returns the command to execute instead of `command`.
    ///
    /// - Parameters:
    ///   - position: the balloon's position now (used only under `corrected`, when a time rolls).
    ///   - nighttimePowerLoadW: the hotel load by night, W.
    ///   - batteryChargeWh / batteryCapacityWh: the battery now, Wh.
    /// - Throws: ``BalloonPhysicsError/latitudeNotSupported(latitudeDeg:)`` under `corrected` when the
    ///   balloon has drifted to |lat| ≥ 60° and a time must be recomputed.
    public mutating func filter(_ command: AltitudeControlCommand, unixSeconds t: Int64, position: GeoPoint,
                                nighttimePowerLoadW: Double, batteryChargeWh: Double, batteryCapacityWh: Double,
                                profile: PhysicsProfile) throws(BalloonPhysicsError) -> AltitudeControlCommand {
        try filter(command, unixSeconds: t, site: SolarSite(position), nighttimePowerLoadW: nighttimePowerLoadW,
                   batteryChargeWh: batteryChargeWh, batteryCapacityWh: batteryCapacityWh, profile: profile)
    }

    /// ``filter(_:unixSeconds:position:nighttimePowerLoadW:batteryChargeWh:batteryCapacityWh:profile:)``
    /// with the balloon's place as a ``SolarSite``.
    public mutating func filter(_ command: AltitudeControlCommand, unixSeconds t: Int64, site position: SolarSite,
                                nighttimePowerLoadW: Double, batteryChargeWh: Double, batteryCapacityWh: Double,
                                profile: PhysicsProfile) throws(BalloonPhysicsError) -> AltitudeControlCommand {
        try rollSunTimes(past: t, position: position, profile: profile)
        if sunsetUnixSeconds < nightEndUnixSeconds {
            // Day.
            let stateOfCharge = batteryChargeWh / batteryCapacityWh
            if navigationIsPaused && stateOfCharge < SafetyLayerConstants.powerRestartStateOfCharge {
                return command.paused
            }
            navigationIsPaused = false
            return command
        }
        // Night.
        if navigationIsPaused { return command.paused }
        let energyToNightEndWh = nighttimePowerLoadW * (Double(nightEndUnixSeconds - t) / PhysicsConstants.secondsPerHour)
        if (batteryChargeWh - energyToNightEndWh) / batteryCapacityWh < SafetyLayerConstants.powerMinimumStateOfCharge {
            navigationIsPaused = true
            return command.paused
        }
        return command
    }

    private mutating func rollSunTimes(past t: Int64, position: SolarSite, profile: PhysicsProfile) throws(BalloonPhysicsError) {
        guard t > nightEndUnixSeconds || t > sunsetUnixSeconds else { return }
        if profile.recomputesPowerSafetySunTimes {
            let (sunrise, sunset) = try SunriseSunset.next(at: position, unixSeconds: t)
            if t > nightEndUnixSeconds { nightEndUnixSeconds = sunrise + SafetyLayerConstants.powerSunriseHysteresisSeconds }
            if t > sunsetUnixSeconds { sunsetUnixSeconds = sunset }
        }
        let day = PhysicsConstants.secondsPerDay
        while t > nightEndUnixSeconds { nightEndUnixSeconds += day }
        while t > sunsetUnixSeconds { sunsetUnixSeconds += day }
    }
}
