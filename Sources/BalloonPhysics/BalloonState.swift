import WindField

/// Everything about one balloon in flight: BLE's `BalloonState` (reference §2.2).
///
/// A plain value. The episode's constants (atmosphere, profile, vehicle, station, upwelling IR)
/// are `let`; the dynamic state is `var`, in SI units with the unit in each name. Time is kept
/// in integer seconds, exactly: ``unixSeconds`` (UTC) and ``elapsedSeconds`` since launch.
///
/// Make one with ``init(launch:vehicle:profile:powerSafetyLayerEnabled:)`` (BLE's reset and
/// stable initialisation), advance it with ``simulateStep(wind:command:durationSeconds:strideSeconds:)``.
public struct BalloonState: Sendable, Equatable {
    // MARK: Episode constants

    /// The episode's atmosphere.
    public let atmosphere: Atmosphere
    /// Which of BLE's quirks this flight reproduces.
    public let profile: PhysicsProfile
    /// The flight system's constants.
    public let vehicle: FlightVehicle
    /// The station (BLE's `center_latlng`): the origin of the (x, y) plane.
    public let station: GeoPoint
    /// Upwelling (Earth) infrared flux, W/m², constant for the episode.
    public let upwellingInfraredWPerM2: Double
    /// ``Thermal/earthAbsorptivity(upwellingInfraredWPerM2:)`` of ``upwellingInfraredWPerM2``.
    @usableFromInline let earthAbsorptivity: Double
    /// sin and cos of the station's latitude, for ``solarSite``.
    @usableFromInline let stationSinLatitude: Double
    @usableFromInline let stationCosLatitude: Double
    /// Whether the power safety layer filters commands (BLE's `power_safety_layer_enabled`, default true).
    public var powerSafetyLayerEnabled: Bool

    // MARK: Time

    /// Now, Unix seconds (UTC).
    public var unixSeconds: Int64
    /// Time since launch, s.
    public var elapsedSeconds: Int64

    // MARK: Dynamic state

    /// East offset from the station, m.
    public var xMeters: Double
    /// North offset from the station, m.
    public var yMeters: Double
    /// Ambient pressure at the balloon, Pa: the altitude coordinate.
    public var pressurePa: Double
    /// Ambient temperature, K (from the atmosphere at the previous inner step's pressure).
    public var ambientTemperatureK: Double
    /// Temperature of the gas (helium and ballonet air alike), K.
    public var gasTemperatureK: Double
    /// Air in the ballonet, mol (≥ 0).
    public var airMols: Double
    /// Envelope volume, m³ (describes the start of the last inner step).
    public var envelopeVolumeM3: Double
    /// Superpressure: internal minus ambient pressure, Pa (describes the start of the last inner step).
    public var superpressurePa: Double
    /// Compressor power in the last inner step, W.
    public var acsPowerW: Double
    /// Ballonet mass flow in the last inner step, kg/s: + pumping in (DOWN), − venting (UP).
    public var acsMassFlowKgPerS: Double
    /// Solar panel power in the last inner step, W.
    public var solarChargingW: Double
    /// Total load (hotel + compressor) in the last inner step, W.
    public var powerLoadW: Double
    /// Battery charge, Wh, in [0, capacity].
    public var batteryChargeWh: Double
    /// The last *commanded* action (before the safety layers); STAY at launch.
    public var lastCommand: AltitudeControlCommand
    /// Whether the flight goes on.
    public var status: BalloonStatus

    // MARK: Safety layers

    /// The power safety layer's state.
    public var powerSafety: PowerSafetyLayer
    /// The envelope safety layer's state.
    public var envelopeSafety: EnvelopeSafetyLayer
    /// The altitude safety layer's state.
    public var altitudeSafety: AltitudeSafetyLayer

    // MARK: Derived quantities

    /// Launch time, Unix seconds.
    @inlinable
    public var startUnixSeconds: Int64 { unixSeconds - elapsedSeconds }

    /// The balloon's latitude/longitude: the destination point of (x, y) from the station (reference §3.1).
    @inlinable
    public var position: GeoPoint { TangentPlane.destination(from: station, eastMeters: xMeters, northMeters: yMeters) }

    /// The balloon's place as BLE's solar code sees it (the same point as ``position``, computed
    /// bit-compatibly with BLE; ``SolarSite``). Every solar quantity of the physics uses it.
    @inlinable
    public var solarSite: SolarSite {
        SolarSite(station: station, sinStationLatitude: stationSinLatitude, cosStationLatitude: stationCosLatitude,
                  xMeters: xMeters, yMeters: yMeters)
    }

    /// Battery state of charge `E/E_max`, 0…1.
    @inlinable
    public var batteryStateOfCharge: Double { batteryChargeWh / vehicle.batteryCapacityWh }

    /// `(P + max(SP, 0))/P`: what the compressor pushes against.
    @inlinable
    public var pressureRatio: Double { (pressurePa + (superpressurePa > 0 ? superpressurePa : 0)) / pressurePa }

    /// Whether any safety layer holds navigation (observation feature 11).
    @inlinable
    public var navigationIsPaused: Bool {
        powerSafety.navigationIsPaused || envelopeSafety.navigationIsPaused || altitudeSafety.navigationIsPaused
    }

    /// The sun seen from the balloon now.
    @inlinable
    public var sun: SolarPosition { SolarCalculator.position(at: solarSite, unixSeconds: unixSeconds) }

    /// Whether the panels would make more than the day load with the battery above 99 %
    /// (observation feature 13): `solar_power(el, P) > 120.4 W and soc > 0.99`.
    public var hasExcessEnergy: Bool { hasExcessEnergy(sun: sun) }

    /// ``hasExcessEnergy`` for a caller that already has this state's ``sun``.
    public func hasExcessEnergy(sun: SolarPosition) -> Bool {
        let elevation = sun.elevationDeg
        let attenuation = AtmosphericAttenuation.uncheckedFactor(elevationDeg: elevation, pressurePa: pressurePa)
        return SolarPanels.powerW(elevationDeg: elevation, attenuation: attenuation) > vehicle.daytimePowerLoadW
            && batteryStateOfCharge > 0.99
    }

    /// Geopotential height of the balloon, m (the altitude safety layer's altitude).
    @inlinable
    public var altitudeM: Double { atmosphere.heightAndTemperature(atPressurePa: pressurePa).heightM }
}
