/// BLE's envelope: a linearly elastic shell around helium and ballonet air (reference §2.4).
///
/// With `V_free = (n_He + n_air) R T_gas / P`, a slack envelope (`V_free ≤ V₀`) takes
/// `V = V_free` at zero superpressure; a taut one stretches as `V = V₀ + k_V (P_gas − P)`
/// with `P_gas = P V_free / V`, which is the quadratic `V² − (V₀ − k_V P) V − k_V P V_free = 0`.
public enum Envelope {
    /// Volume (m³) and superpressure (Pa) of an envelope holding `heliumMols` + `airMols` at
    /// `gasTemperatureK` in air at `pressurePa`.
    ///
    /// - Parameters:
    ///   - volumeBaseM3: V₀, the volume at zero superpressure, m³.
    ///   - volumePerPascalM3: k_V, the stretch per pascal of superpressure, m³/Pa.
    @inlinable
    public static func volumeAndSuperpressure(
        heliumMols: Double, airMols: Double, gasTemperatureK: Double, pressurePa: Double,
        volumeBaseM3: Double, volumePerPascalM3: Double
    ) -> (volumeM3: Double, superpressurePa: Double) {
        let freeVolume = (heliumMols + airMols) * PhysicsConstants.universalGasConstant * gasTemperatureK / pressurePa
        if freeVolume <= volumeBaseM3 { return (freeVolume, 0.0) }
        let b = -(volumeBaseM3 - volumePerPascalM3 * pressurePa)
        let c = -(volumePerPascalM3 * freeVolume * pressurePa)
        let volume = 0.5 * (-b + (b * b - 4 * c).squareRoot())
        return (volume, pressurePa * freeVolume / volume - pressurePa)
    }

    /// ``volumeAndSuperpressure(heliumMols:airMols:gasTemperatureK:pressurePa:volumeBaseM3:volumePerPascalM3:)``
    /// for `vehicle`'s envelope and helium.
    @inlinable
    public static func volumeAndSuperpressure(airMols: Double, gasTemperatureK: Double, pressurePa: Double,
                                              vehicle: FlightVehicle) -> (volumeM3: Double, superpressurePa: Double) {
        volumeAndSuperpressure(heliumMols: vehicle.heliumMols, airMols: airMols, gasTemperatureK: gasTemperatureK,
                               pressurePa: pressurePa, volumeBaseM3: vehicle.envelopeVolumeBaseM3,
                               volumePerPascalM3: vehicle.envelopeVolumePerPascalM3)
    }
}
