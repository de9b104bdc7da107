import Foundation
import WindField

extension BalloonState {
    /// A balloon launched under `launch` and stably initialised: BLE's balloon reset
    /// (`BalloonState(...)` then `cold_start_to_stable_params`, reference §1.2, §2.7).
    ///
    /// The atmosphere is built from α; the stable parameters (T_amb, T_gas, n_air, V, SP) come
    /// from ``StableInitialization`` at P₀ with the sun at the balloon's position and launch time;
    /// the power safety layer finds its sunrise and sunset there and then. The battery starts at
    /// `vehicle.initialBatteryChargeWh`, the last command is STAY, every layer is nominal.
    ///
    /// - Throws: ``BalloonPhysicsError`` when an input is not finite, α ∉ [0, 1], the balloon's
    ///   |latitude| ≥ 60°, P₀ ∉ (P₇, 101 325] Pa, or IR ≤ 0: the checks BLE makes by assertion.
    public init(launch: LaunchConditions, vehicle: FlightVehicle = .ble, profile: PhysicsProfile = .ble,
                powerSafetyLayerEnabled: Bool = true) throws(BalloonPhysicsError) {
        for (name, value) in [("station latitude (°)", launch.station.latitudeDeg),
                              ("station longitude (°)", launch.station.longitudeDeg),
                              ("x (m)", launch.xMeters), ("y (m)", launch.yMeters),
                              ("launch pressure (Pa)", launch.pressurePa)] where !value.isFinite {
            throw .invalidInput(name: name, value: value)
        }
        guard abs(launch.station.latitudeDeg) <= 90 else {
            throw .invalidInput(name: "station latitude (°)", value: launch.station.latitudeDeg)
        }
        let atmosphere = try Atmosphere(alpha: launch.atmosphereAlpha)
        let earth = try Thermal.earthAbsorptivity(upwellingInfraredWPerM2: launch.upwellingInfraredWPerM2)
        let site = SolarSite(station: launch.station, xMeters: launch.xMeters, yMeters: launch.yMeters)
        let powerSafety = try PowerSafetyLayer(site: site, unixSeconds: launch.startUnixSeconds)
        let stable = try StableInitialization.parameters(
            pressurePa: launch.pressurePa, vehicle: vehicle,
            sun: SolarCalculator.position(at: site, unixSeconds: launch.startUnixSeconds),
            upwellingInfraredWPerM2: launch.upwellingInfraredWPerM2, earthAbsorptivity: earth, atmosphere: atmosphere)

        self.atmosphere = atmosphere
        self.profile = profile
        self.vehicle = vehicle
        station = launch.station
        upwellingInfraredWPerM2 = launch.upwellingInfraredWPerM2
        earthAbsorptivity = earth
        let stationLatitude = launch.station.latitudeDeg * SolarCalculator.radiansPerDegree
        stationSinLatitude = sin(stationLatitude)
        stationCosLatitude = cos(stationLatitude)
        self.powerSafetyLayerEnabled = powerSafetyLayerEnabled
        unixSeconds = launch.startUnixSeconds
        elapsedSeconds = 0
        xMeters = launch.xMeters
        yMeters = launch.yMeters
        pressurePa = launch.pressurePa
        ambientTemperatureK = stable.ambientTemperatureK
        gasTemperatureK = stable.gasTemperatureK
        airMols = stable.airMols
        envelopeVolumeM3 = stable.volumeM3
        superpressurePa = stable.superpressurePa
        acsPowerW = 0
        acsMassFlowKgPerS = 0
        solarChargingW = 0
        powerLoadW = 0
        batteryChargeWh = vehicle.initialBatteryChargeWh
        lastCommand = .stay
        status = .ok
        self.powerSafety = powerSafety
        envelopeSafety = EnvelopeSafetyLayer(maximumSuperpressurePa: vehicle.maximumSuperpressurePa)
        altitudeSafety = AltitudeSafetyLayer()
    }
}
