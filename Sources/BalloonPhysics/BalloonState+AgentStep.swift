extension BalloonState {
    /// One agent step: BLE's `Balloon.simulate_step` (reference §1.1 step 2).
    ///
    /// 1. ``lastCommand`` ← `command` (the commanded action, even when the layers override it).
    /// 2. The safety layers filter the command once, on the start-of-step state:
    ///    power (if enabled) → envelope → altitude; the later layers win (§2.9).
    /// 3. `durationSeconds / strideSeconds` inner steps (default 18 × 10 s) with the wind held
    ///    and the filtered command, stopping early once ``status`` is not OK.
    ///
    /// - Parameter wind: the wind at the start-of-step state, applied for the whole step.
    /// - Returns: the effective (filtered) command.
    /// - Throws: ``BalloonPhysicsError/steppedAfterTerminalStatus(_:)`` once the flight has ended;
    ///   ``BalloonPhysicsError/invalidStepDuration(durationSeconds:strideSeconds:)``;
    ///   ``BalloonPhysicsError/pressureOutsideAtmosphere(pressurePa:lowestPa:highestPa:)`` when the
    ///   start-of-step pressure left the atmosphere's table; under `corrected`,
    ///   ``BalloonPhysicsError/latitudeNotSupported(latitudeDeg:)`` when the power layer must
    ///   recompute sun times at |lat| ≥ 60°. A throw leaves the state as it was, but for `lastCommand`.
    @discardableResult
    public mutating func simulateStep(wind: WindVector, command: AltitudeControlCommand,
                                      durationSeconds: Int64 = 180, strideSeconds: Int64 = 10) throws(BalloonPhysicsError)
        -> AltitudeControlCommand
    {
        lastCommand = command
        guard status == .ok else { throw .steppedAfterTerminalStatus(status) }
        guard strideSeconds > 0, durationSeconds > 0, durationSeconds % strideSeconds == 0 else {
            throw .invalidStepDuration(durationSeconds: durationSeconds, strideSeconds: strideSeconds)
        }
        let altitude = try atmosphere.atPressure(pressurePa).heightM
        let effective = try effectiveCommand(for: command, altitudeM: altitude)
        for _ in 0..<(durationSeconds / strideSeconds) {
            advanceInnerStep(wind: wind, command: effective, strideSeconds: strideSeconds)
            if status != .ok { break }
        }
        return effective
    }

    /// Runs the three safety layers on `command` (updating their states) and returns what they let through.
    private mutating func effectiveCommand(for command: AltitudeControlCommand,
                                           altitudeM: Double) throws(BalloonPhysicsError) -> AltitudeControlCommand {
        var effective = command
        if powerSafetyLayerEnabled {
            var layer = powerSafety
            effective = try layer.filter(
                effective, unixSeconds: unixSeconds, site: profile.recomputesPowerSafetySunTimes ? solarSite : SolarSite(station),
                nighttimePowerLoadW: vehicle.nighttimePowerLoadW, batteryChargeWh: batteryChargeWh,
                batteryCapacityWh: vehicle.batteryCapacityWh, profile: profile)
            powerSafety = layer
        }
        effective = envelopeSafety.filter(effective, superpressurePa: superpressurePa)
        effective = altitudeSafety.filter(effective, altitudeM: altitudeM)
        return effective
    }
}
