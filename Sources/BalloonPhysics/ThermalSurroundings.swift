import Foundation

extension Thermal {
    /// The terms of dT/dt that do not depend on the gas temperature: geometry, radiation
    /// received, and the air's properties (reference §2.6).
    ///
    /// Squares are products (bit-identical to glibc's `pow(x, 2)`); every other power is `pow`, as in
    /// BLE, because BLE's trajectories amplify last-bit differences in some regimes.
    public struct Surroundings: Sendable, Equatable {
        /// Envelope radius `(3V/4π)^(1/3)`, m.
        public let radiusM: Double
        /// Envelope area `4πr²`, m².
        public let areaM2: Double
        /// Absorbed sunlight, W.
        public let solarHeatW: Double
        /// Absorbed Earth IR, W.
        public let earthHeatW: Double
        @usableFromInline let ambientTemperatureK: Double
        @usableFromInline let conductivity: Double
        @usableFromInline let prandtl: Double
        /// `g ρ² (2r)³ / (T_amb μ²)`: the Grashof number per kelvin of temperature difference.
        @usableFromInline let grashofPerKelvin: Double
        /// `c · m_env`, J/K.
        @usableFromInline let heatCapacity: Double

        /// The surroundings of an envelope of `volumeM3` in air at `ambientTemperatureK` and `pressurePa`.
        ///
        /// - Parameters:
        ///   - attenuation: the solar attenuation factor at the balloon (``AtmosphericAttenuation``).
        ///   - earthAbsorptivity: ``Thermal/earthAbsorptivity(upwellingInfraredWPerM2:)``.
        @inlinable
        public init(volumeM3: Double, envelopeMassKg: Double, ambientTemperatureK: Double, pressurePa: Double,
                    attenuation: Double, solarFluxWPerM2: Double, earthAbsorptivity: Double,
                    upwellingInfraredWPerM2: Double) {
            let radius = pow(3 * volumeM3 / (4 * Double.pi), 1.0 / 3.0)
            let area = 4 * Double.pi * radius * radius
            radiusM = radius
            areaM2 = area
            solarHeatW = solarFluxWPerM2 * attenuation * ThermalConstants.solarViewFactor * area
                * Thermal.totalAbsorptivity(ThermalConstants.solarAbsorptivity)
            earthHeatW = upwellingInfraredWPerM2 * ThermalConstants.earthViewFactor * area * earthAbsorptivity
            let t = ambientTemperatureK
            let viscosity = 1.458e-6 * pow(t, 1.5) / (t + 110.4)
            conductivity = 0.0241 * pow(t / 273.15, 0.9)
            prandtl = 0.804 - 3.25e-4 * t
            let airDensity = pressurePa * PhysicsConstants.dryAirMolarMass / (PhysicsConstants.universalGasConstant * t)
            grashofPerKelvin = PhysicsConstants.gravity * (airDensity * airDensity) * pow(2 * radius, 3)
                / (t * (viscosity * viscosity))
            self.ambientTemperatureK = t
            heatCapacity = ThermalConstants.filmSpecificHeat * envelopeMassKg
        }

        /// dT/dt for a gas at `gasTemperatureK` whose film emits with total absorptivity
        /// `emittingAbsorptivity` (= `totalAbsorptivity(infraredAbsorptivity(T_gas))`), K/s.
        @inlinable
        public func temperatureRateKPerS(gasTemperatureK: Double, emittingAbsorptivity: Double) -> Double {
            let emitted = Thermal.blackBodyFluxWPerM2(temperatureK: gasTemperatureK) * areaM2 * emittingAbsorptivity
            let grashof = grashofPerKelvin * abs(ambientTemperatureK - gasTemperatureK)
            let rayleigh = prandtl * grashof
            let nusselt = 2 + 0.457 * pow(rayleigh, 0.25) + pow(1 + 2.69e-8 * rayleigh, 1.0 / 12.0)
            let heatTransfer = nusselt * conductivity / (2 * radiusM)
            let convected = areaM2 * (heatTransfer * (ambientTemperatureK - gasTemperatureK))
            return (solarHeatW + earthHeatW + convected - emitted) / heatCapacity
        }

        /// dT/dt for a gas at `gasTemperatureK`, K/s.
        @inlinable
        public func temperatureRateKPerS(gasTemperatureK: Double) -> Double {
            temperatureRateKPerS(gasTemperatureK: gasTemperatureK,
                                 emittingAbsorptivity: Thermal.totalAbsorptivity(Thermal.infraredAbsorptivity(temperatureK: gasTemperatureK)))
        }
    }
}
