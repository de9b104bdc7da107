import Foundation

/// BLE's thermal model of the envelope film, which carries the gas temperature (reference §2.6).
///
/// The balloon is a sphere of volume V: `r = (3V/4π)^(1/3)`, `A = 4πr²`. The film gains
/// sunlight and Earth IR, emits as a grey body, and exchanges heat with the air by free
/// convection; all air properties are taken at the ambient temperature:
///
///     dT/dt = (Q_sun + Q_earth + Q_conv − Q_emit) / (c · m_env)   K/s
///
/// Every formula follows BLE's order of operations. ``Surroundings`` holds the terms that do
/// not depend on the gas temperature, so that a Newton iteration (``StableInitialization``)
/// evaluates only the rest; the result is the same to the bit as evaluating from scratch.
public enum Thermal {
    /// The rate of change of the gas temperature, K/s.
    ///
    /// - Parameters:
    ///   - volumeM3: envelope volume, m³.
    ///   - envelopeMassKg: film mass, kg (its heat capacity is the balloon's).
    ///   - gasTemperatureK: film/gas temperature, K.
    ///   - ambientTemperatureK: air temperature, K.
    ///   - pressurePa: air pressure, Pa.
    ///   - solarElevationDeg: sun elevation, degrees; attenuation is zero below −4.242°.
    ///   - solarFluxWPerM2: top-of-atmosphere solar flux, W/m².
    ///   - upwellingInfraredWPerM2: Earth IR flux, W/m² (> 0).
    /// - Throws: the attenuation model's domain errors, and
    ///   ``BalloonPhysicsError/absorptivityOutOfRange(_:)`` when a total absorptivity leaves [0, 1].
    public static func temperatureRateKPerS(
        volumeM3: Double, envelopeMassKg: Double, gasTemperatureK: Double, ambientTemperatureK: Double,
        pressurePa: Double, solarElevationDeg: Double, solarFluxWPerM2: Double, upwellingInfraredWPerM2: Double
    ) throws(BalloonPhysicsError) -> Double {
        let attenuation = try AtmosphericAttenuation.factor(elevationDeg: solarElevationDeg, pressurePa: pressurePa)
        let earth = try earthAbsorptivity(upwellingInfraredWPerM2: upwellingInfraredWPerM2)
        let emitted = totalAbsorptivity(infraredAbsorptivity(temperatureK: gasTemperatureK))
        guard emitted >= 0, emitted <= 1 else { throw .absorptivityOutOfRange(emitted) }
        let surroundings = Surroundings(
            volumeM3: volumeM3, envelopeMassKg: envelopeMassKg, ambientTemperatureK: ambientTemperatureK,
            pressurePa: pressurePa, attenuation: attenuation, solarFluxWPerM2: solarFluxWPerM2,
            earthAbsorptivity: earth, upwellingInfraredWPerM2: upwellingInfraredWPerM2)
        return surroundings.temperatureRateKPerS(gasTemperatureK: gasTemperatureK, emittingAbsorptivity: emitted)
    }

    /// Total absorptivity (or emissivity) of the film with internal reflections:
    /// `a (1 + (1 − a − ρ_f)/(1 − ρ_f))`. BLE rejects results outside [0, 1]; this returns them.
    @inlinable
    public static func totalAbsorptivity(_ absorptivity: Double, reflectivity: Double = ThermalConstants.reflectivity) -> Double {
        let transmissivity = 1.0 - absorptivity - reflectivity
        return absorptivity * (1.0 + transmissivity / (1.0 - reflectivity))
    }

    /// IR absorptivity of the film at `temperatureK`: `0.04587 + 0.000232 (T − 210 K)`.
    @inlinable
    public static func infraredAbsorptivity(temperatureK: Double) -> Double {
        ThermalConstants.infraredAbsorptivityBase
            + ThermalConstants.infraredAbsorptivityPerKelvin * (temperatureK - ThermalConstants.infraredReferenceTemperatureK)
    }

    /// Black-body flux `σT⁴` at `temperatureK`, W/m².
    @inlinable
    public static func blackBodyFluxWPerM2(temperatureK: Double) -> Double {
        PhysicsConstants.stefanBoltzmann * pow(temperatureK, 4)
    }

    /// Black-body temperature `(F/σ)^(1/4)` of flux `fluxWPerM2`, K.
    @inlinable
    public static func blackBodyTemperatureK(fluxWPerM2: Double) -> Double {
        pow(fluxWPerM2 / PhysicsConstants.stefanBoltzmann, 0.25)
    }

    /// Total absorptivity of the film for the Earth's IR of flux `upwellingInfraredWPerM2`
    /// (its absorptivity at the Earth's black-body temperature): a constant per episode.
    ///
    /// - Throws: ``BalloonPhysicsError/invalidInput(name:value:)`` unless the flux is finite and positive;
    ///   ``BalloonPhysicsError/absorptivityOutOfRange(_:)`` when the result leaves [0, 1].
    public static func earthAbsorptivity(upwellingInfraredWPerM2 flux: Double) throws(BalloonPhysicsError) -> Double {
        guard flux.isFinite, flux > 0 else { throw .invalidInput(name: "upwelling infrared (W/m²)", value: flux) }
        let value = totalAbsorptivity(infraredAbsorptivity(temperatureK: blackBodyTemperatureK(fluxWPerM2: flux)))
        guard value >= 0, value <= 1 else { throw .absorptivityOutOfRange(value) }
        return value
    }
}
