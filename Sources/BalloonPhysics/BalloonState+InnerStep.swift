import Foundation
import WindField

extension BalloonState {
    /// One explicit-Euler inner step of `strideSeconds` under `wind` with the (already filtered)
    /// `command`: BLE's `_simulate_step_internal` (reference §2.3).
    ///
    /// Every right-hand side uses the state at the start of the step and all new values are
    /// assigned together, which keeps BLE's lags: the new V and SP describe the *start* of the
    /// step (old n_air, T_gas, P), and the new T_amb is the atmosphere's at the old P.
    ///
    /// 1. `x += u dt`, `y += v dt`.
    /// 2. Terminal-velocity ascent rate from the net lift `ρV − m`, turned into `dP/dt` with a
    ///    one-sided 1-Pa difference of `h_atm` in the direction of motion.
    /// 3. Sun at the old position and time; `T_gas += dT/dt · dt` (``Thermal``).
    /// 4. `(V, SP) = envelope(n_air, T_gas, P)`; SP > SP_max → BURST, SP ≤ 0 → ZEROPRESSURE.
    /// 5. ACS at the old pressure ratio (``AltitudeControlSystem``); `n_air += ṁ/M_air · dt`, ≥ 0.
    /// 6. Day if el > −4.242°: panel power, day or night load plus the compressor;
    ///    `E` clipped to [0, E_max]; E ≤ 0 → OUT_OF_POWER (overrides the envelope's status).
    /// 7. `t += dt`.
    ///
    /// Precondition-free: it never traps. Outside the atmosphere's table the lookups extrapolate
    /// the end layers (BLE would assert); ``simulateStep(wind:command:durationSeconds:strideSeconds:)``
    /// checks the start-of-step pressure.
    public mutating func advanceInnerStep(wind: WindVector, command: AltitudeControlCommand, strideSeconds: Int64 = 10) {
        let dt = Double(strideSeconds)
        let r = PhysicsConstants.universalGasConstant, mAir = PhysicsConstants.dryAirMolarMass
        let p = pressurePa, ambient = ambientTemperatureK, gas = gasTemperatureK
        let air = airMols, volume = envelopeVolumeM3, superpressure = superpressurePa

        // 1. Horizontal: the balloon moves with the wind.
        let newX = xMeters + wind.uMetersPerSecond * dt
        let newY = yMeters + wind.vMetersPerSecond * dt

        // 2. Vertical: buoyancy against drag at terminal velocity.
        let airDensity = p * mAir / (r * ambient)
        let drag = vehicle.envelopeDragCoefficient * pow(volume, 2.0 / 3.0)
        let totalMass = PhysicsConstants.heliumMolarMass * vehicle.heliumMols + mAir * air
            + vehicle.envelopeMassKg + vehicle.payloadMassKg
        let direction = airDensity * volume >= totalMass ? 1.0 : -1.0
        let ascentRate = direction * abs(2 * (airDensity * volume - totalMass) * PhysicsConstants.gravity
                                         / (airDensity * drag)).squareRoot()
        let here = atmosphere.heightAndTemperature(atPressurePa: p)
        let nudged = atmosphere.heightAndTemperature(atPressurePa: p + direction * 1.0).heightM
        let pressurePerMeter = direction * 1.0 / (nudged - here.heightM)
        let newPressure = p + pressurePerMeter * ascentRate * dt

        // 3. Thermal.
        let sun = SolarCalculator.position(at: solarSite, unixSeconds: unixSeconds)
        let attenuation = AtmosphericAttenuation.uncheckedFactor(elevationDeg: sun.elevationDeg, pressurePa: p)
        let surroundings = Thermal.Surroundings(
            volumeM3: volume, envelopeMassKg: vehicle.envelopeMassKg, ambientTemperatureK: ambient, pressurePa: p,
            attenuation: attenuation, solarFluxWPerM2: sun.fluxWPerM2, earthAbsorptivity: earthAbsorptivity,
            upwellingInfraredWPerM2: upwellingInfraredWPerM2)
        let newGas = gas + surroundings.temperatureRateKPerS(gasTemperatureK: gas) * dt

        // 4. Envelope.
        let envelope = Envelope.volumeAndSuperpressure(airMols: air, gasTemperatureK: gas, pressurePa: p, vehicle: vehicle)
        var newStatus = status
        if envelope.superpressurePa > vehicle.maximumSuperpressurePa { newStatus = .burst }
        if envelope.superpressurePa <= 0.0 { newStatus = .zeroPressure }

        // 5. Altitude control.
        let acs = AltitudeControlSystem.response(
            to: command, pressureRatio: pressureRatio, superpressurePa: superpressure, pressurePa: p,
            gasTemperatureK: gas, valveHoleDiameterM: vehicle.valveHoleDiameterM, profile: profile)
        let pumped = air + (acs.massFlowKgPerS / mAir) * dt
        let newAir = pumped < 0 ? 0.0 : pumped

        // 6. Power.
        let isDay = sun.isDay
        let solar = isDay ? SolarPanels.powerW(elevationDeg: sun.elevationDeg, attenuation: attenuation) : 0.0
        let load = (isDay ? vehicle.daytimePowerLoadW : vehicle.nighttimePowerLoadW) + acs.powerW
        let charged = batteryChargeWh + (solar - load) * (dt / PhysicsConstants.secondsPerHour)
        let newCharge = min(max(charged, 0.0), vehicle.batteryCapacityWh)
        if newCharge <= 0.0 { newStatus = .outOfPower }

        xMeters = newX
        yMeters = newY
        pressurePa = newPressure
        ambientTemperatureK = here.temperatureK
        gasTemperatureK = newGas
        envelopeVolumeM3 = envelope.volumeM3
        superpressurePa = envelope.superpressurePa
        status = newStatus
        acsPowerW = acs.powerW
        acsMassFlowKgPerS = acs.massFlowKgPerS
        airMols = newAir
        solarChargingW = solar
        powerLoadW = load
        batteryChargeWh = newCharge
        // 7. Time.
        unixSeconds += strideSeconds
        elapsedSeconds += strideSeconds
    }
}
