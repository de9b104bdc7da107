import Foundation

/// BLE's altitude control system: a compressor that pumps air into the ballonet (DOWN) and a
/// valve that vents it (UP) (reference §2.5, §2.3 step 5).
public enum AltitudeControlSystem {
    /// The compressor power BLE runs at for `pressureRatio`, W: piecewise linear through
    /// (1.00, 100), (1.05, 100), (1.20, 300), (1.25, 400), (1.35, 400), extrapolating the flat end
    /// segments (scipy `interp1d`, `fill_value='extrapolate'`), so always in [100, 400] W.
    @inlinable
    public static func compressorPowerW(pressureRatio: Double) -> Double {
        let x = AltitudeControlConstants.compressorPressureRatios, y = AltitudeControlConstants.compressorPowersW
        // numpy `searchsorted(x, pr, 'left')`, clipped to [1, n − 1].
        var hi = 1
        while hi < x.count - 1 && !(x[hi] >= pressureRatio) { hi += 1 }
        let lo = hi - 1
        let slope = (y[hi] - y[lo]) / (x[hi] - x[lo])
        return slope * (pressureRatio - x[lo]) + y[lo]
    }

    /// The fan efficiency at `pressureRatio` and `powerW` under `profile`, kg of air per Wh (``FanEfficiencyTable``).
    @inlinable
    public static func fanEfficiencyKgPerWh(pressureRatio: Double, powerW: Double, profile: PhysicsProfile = .ble) -> Double {
        FanEfficiencyTable.table(for: profile).efficiencyKgPerWh(pressureRatio: pressureRatio, powerW: powerW)
    }

    /// Air pumped in at `powerW` with efficiency `efficiencyKgPerWh`: `η·W/3600`, kg/s.
    @inlinable
    public static func pumpedMassFlowKgPerS(powerW: Double, efficiencyKgPerWh: Double) -> Double {
        efficiencyKgPerWh * powerW / PhysicsConstants.secondsPerHour
    }

    /// Air vented through the valve (negative), kg/s:
    /// `−0.62 · (π d²/4) · √(2 · SP · ρ_gas)` with `ρ_gas = (SP + P) M_air / (R T_gas)`.
    @inlinable
    public static func ventedMassFlowKgPerS(superpressurePa: Double, pressurePa: Double, gasTemperatureK: Double,
                                            valveHoleDiameterM: Double) -> Double {
        let valveArea = Double.pi * pow(valveHoleDiameterM, 2) / 4.0
        let gasDensity = (superpressurePa + pressurePa) * PhysicsConstants.dryAirMolarMass
            / (PhysicsConstants.universalGasConstant * gasTemperatureK)
        return -1 * AltitudeControlConstants.valveDischargeCoefficient * valveArea * (2.0 * superpressurePa * gasDensity).squareRoot()
    }

    /// Compressor power (W) and ballonet mass flow (kg/s, + in) for `command`, given the
    /// start-of-step pressure ratio, superpressure, pressure and gas temperature.
    ///
    /// DOWN runs the compressor at ``compressorPowerW(pressureRatio:)``; UP vents at no power; STAY does nothing.
    @inlinable
    public static func response(to command: AltitudeControlCommand, pressureRatio: Double, superpressurePa: Double,
                                pressurePa: Double, gasTemperatureK: Double, valveHoleDiameterM: Double,
                                profile: PhysicsProfile) -> (powerW: Double, massFlowKgPerS: Double) {
        switch command {
        case .up:
            return (0.0, ventedMassFlowKgPerS(superpressurePa: superpressurePa, pressurePa: pressurePa,
                                              gasTemperatureK: gasTemperatureK, valveHoleDiameterM: valveHoleDiameterM))
        case .down:
            let power = compressorPowerW(pressureRatio: pressureRatio)
            let efficiency = fanEfficiencyKgPerWh(pressureRatio: pressureRatio, powerW: power, profile: profile)
            return (power, pumpedMassFlowKgPerS(powerW: power, efficiencyKgPerWh: efficiency))
        case .stay:
            return (0.0, 0.0)
        }
    }
}
