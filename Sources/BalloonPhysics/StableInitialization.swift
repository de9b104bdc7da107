import WindField

/// The floating state of a balloon at rest at a pressure: BLE's `StableParams` (reference §2.7).
public struct StableParameters: Sendable, Equatable {
    /// Air temperature at the pressure, K.
    public var ambientTemperatureK: Double
    /// Gas temperature where dT/dt ≈ 0, K.
    public var gasTemperatureK: Double
    /// Ballonet air for neutral buoyancy at the base volume, mol (≥ 0).
    public var airMols: Double
    /// Envelope volume, m³.
    public var volumeM3: Double
    /// Superpressure, Pa.
    public var superpressurePa: Double

    public init(ambientTemperatureK: Double, gasTemperatureK: Double, airMols: Double, volumeM3: Double, superpressurePa: Double) {
        self.ambientTemperatureK = ambientTemperatureK
        self.gasTemperatureK = gasTemperatureK
        self.airMols = airMols
        self.volumeM3 = volumeM3
        self.superpressurePa = superpressurePa
    }
}

/// BLE's `calculate_stable_params_for_pressure`: the balloon's launch state, and the
/// superpressure probe of the accessible-pressure search (reference §2.7, §4.3).
///
/// 1. `T_amb = T_atm(P)`.
/// 2. Neutral buoyancy at the *base* volume: `n_air = max(0, [P M_air V₀/(R T_amb) − m_env − m_pay − M_He n_He]/M_air)`.
/// 3. `T_gas` by Newton's method on `f(T) = dT/dt(V₀, T, …)` from 206 K, with central differences
///    of δ = 0.01 K (`f ≈ ½(f(T−δ/2) + f(T+δ/2))`, `f′ ≈ (f(T+δ/2) − f(T−δ/2))/δ`), stepping only
///    when f′ ≠ 0, and stopping after 10 iterations or once |f| < 1e−5 K/s.
/// 4. `(V, SP) = envelope(n_He, n_air, T_gas, P)`.
public enum StableInitialization {
    /// Gas temperature the Newton iteration starts from, K.
    public static let initialGasTemperatureK = 206.0
    /// Temperature step of the central differences, K.
    public static let temperatureStepK = 0.01
    /// Most Newton iterations.
    public static let maximumIterations = 10
    /// The iteration stops once |dT/dt| is below this, K/s.
    public static let rateTolerance = 1e-5

    /// The stable parameters at `pressurePa` with the sun as seen from `position` at `unixSeconds`.
    ///
    /// - Throws: ``BalloonPhysicsError/pressureOutsideAtmosphere(pressurePa:lowestPa:highestPa:)``,
    ///   the attenuation model's domain errors (P above 101 325 Pa), and the thermal model's
    ///   (non-positive IR, absorptivity out of range).
    public static func parameters(pressurePa: Double, vehicle: FlightVehicle = .ble, position: GeoPoint,
                                  unixSeconds: Int64, upwellingInfraredWPerM2: Double,
                                  atmosphere: Atmosphere) throws(BalloonPhysicsError) -> StableParameters {
        try parameters(pressurePa: pressurePa, vehicle: vehicle,
                       sun: SolarCalculator.position(at: position, unixSeconds: unixSeconds),
                       upwellingInfraredWPerM2: upwellingInfraredWPerM2, atmosphere: atmosphere)
    }

    /// The stable parameters at `pressurePa` under a precomputed `sun`.
    public static func parameters(pressurePa: Double, vehicle: FlightVehicle = .ble, sun: SolarPosition,
                                  upwellingInfraredWPerM2: Double,
                                  atmosphere: Atmosphere) throws(BalloonPhysicsError) -> StableParameters {
        let earth = try Thermal.earthAbsorptivity(upwellingInfraredWPerM2: upwellingInfraredWPerM2)
        return try parameters(pressurePa: pressurePa, vehicle: vehicle, sun: sun,
                              upwellingInfraredWPerM2: upwellingInfraredWPerM2, earthAbsorptivity: earth, atmosphere: atmosphere)
    }

    static func parameters(pressurePa: Double, vehicle: FlightVehicle, sun: SolarPosition, upwellingInfraredWPerM2: Double,
                           earthAbsorptivity: Double, atmosphere: Atmosphere) throws(BalloonPhysicsError) -> StableParameters {
        let ambient = try atmosphere.atPressure(pressurePa).temperatureK
        let mAir = PhysicsConstants.dryAirMolarMass
        let neutralAir = (pressurePa * mAir * vehicle.envelopeVolumeBaseM3 / (PhysicsConstants.universalGasConstant * ambient)
                          - vehicle.envelopeMassKg - vehicle.payloadMassKg - PhysicsConstants.heliumMolarMass * vehicle.heliumMols) / mAir
        let airMols = neutralAir < 0 ? 0.0 : neutralAir

        let attenuation = try AtmosphericAttenuation.factor(elevationDeg: sun.elevationDeg, pressurePa: pressurePa)
        let surroundings = Thermal.Surroundings(
            volumeM3: vehicle.envelopeVolumeBaseM3, envelopeMassKg: vehicle.envelopeMassKg, ambientTemperatureK: ambient,
            pressurePa: pressurePa, attenuation: attenuation, solarFluxWPerM2: sun.fluxWPerM2,
            earthAbsorptivity: earthAbsorptivity, upwellingInfraredWPerM2: upwellingInfraredWPerM2)
        func rate(_ t: Double) throws(BalloonPhysicsError) -> Double {
            let emitting = Thermal.totalAbsorptivity(Thermal.infraredAbsorptivity(temperatureK: t))
            guard emitting >= 0, emitting <= 1 else { throw .absorptivityOutOfRange(emitting) }
            return surroundings.temperatureRateKPerS(gasTemperatureK: t, emittingAbsorptivity: emitting)
        }
        var gas = initialGasTemperatureK
        let delta = temperatureStepK
        for _ in 0..<maximumIterations {
            let below = try rate(gas - delta / 2)
            let above = try rate(gas + delta / 2)
            let slope = (above - below) / delta
            let mean = (below + above) / 2.0
            if abs(slope) > 0.0 { gas -= mean / slope }
            if abs(mean) < rateTolerance { break }
        }
        let (volume, superpressure) = Envelope.volumeAndSuperpressure(airMols: airMols, gasTemperatureK: gas,
                                                                      pressurePa: pressurePa, vehicle: vehicle)
        return StableParameters(ambientTemperatureK: ambient, gasTemperatureK: gas, airMols: airMols,
                                volumeM3: volume, superpressurePa: superpressure)
    }
}
