import BalloonPhysics

/// One agent step of a flight, recorded after the step: what a flight log keeps per step and
/// what BLE's `flight_path` entries hold (reference §7.3).
///
/// Every value is the simulator's own double, unrounded, so a replay can compare it bit for bit.
public struct FlightPoint: Sendable, Equatable, Codable {
    /// Time since the start, s.
    public var elapsedSeconds: Int64
    /// East and north offsets from the station, m.
    public var xMeters: Double
    public var yMeters: Double
    /// The balloon's position, degrees.
    public var latitudeDeg: Double
    public var longitudeDeg: Double
    /// Ambient pressure, Pa, and the altitude the scenario's atmosphere gives it, m.
    public var pressurePa: Double
    public var altitudeM: Double
    /// Superpressure, Pa.
    public var superpressurePa: Double
    /// Battery state of charge, 0…1, and charge, Wh.
    public var batteryStateOfCharge: Double
    public var batteryChargeWh: Double
    /// The commanded action and the effective one (after the power → envelope → altitude safety
    /// layers): 0 DOWN, 1 STAY, 2 UP. A flight log may hold any value here; replay reports it.
    public var command: Int
    public var effectiveCommand: Int
    /// ACS (pump) power in the step's last inner step, W, and solar charging power, W.
    public var acsPowerW: Double
    public var solarPowerW: Double
    /// The forecast and the ground-truth (forecast + noise) wind at the start-of-step state,
    /// the latter applied for the whole step, m/s.
    public var forecastWindU: Double
    public var forecastWindV: Double
    public var windU: Double
    public var windV: Double
    /// The step's reward and the distance to the station after it, km.
    public var reward: Double
    public var distanceKm: Double
    /// Safety-layer states after the step: the power layer's pause, the envelope and altitude layers' states.
    public var powerSafetyPaused: Bool
    public var envelopeSafetyState: EnvelopeSafetyLayer.State
    public var altitudeSafetyState: AltitudeSafetyLayer.State
    /// Balloon status after the step.
    public var status: BalloonStatus

    public init(elapsedSeconds: Int64, xMeters: Double, yMeters: Double, latitudeDeg: Double, longitudeDeg: Double,
                pressurePa: Double, altitudeM: Double, superpressurePa: Double, batteryStateOfCharge: Double,
                batteryChargeWh: Double, command: Int, effectiveCommand: Int, acsPowerW: Double, solarPowerW: Double,
                forecastWindU: Double, forecastWindV: Double, windU: Double, windV: Double, reward: Double,
                distanceKm: Double, powerSafetyPaused: Bool, envelopeSafetyState: EnvelopeSafetyLayer.State,
                altitudeSafetyState: AltitudeSafetyLayer.State, status: BalloonStatus) {
        self.elapsedSeconds = elapsedSeconds
        self.xMeters = xMeters
        self.yMeters = yMeters
        self.latitudeDeg = latitudeDeg
        self.longitudeDeg = longitudeDeg
        self.pressurePa = pressurePa
        self.altitudeM = altitudeM
        self.superpressurePa = superpressurePa
        self.batteryStateOfCharge = batteryStateOfCharge
        self.batteryChargeWh = batteryChargeWh
        self.command = command
        self.effectiveCommand = effectiveCommand
        self.acsPowerW = acsPowerW
        self.solarPowerW = solarPowerW
        self.forecastWindU = forecastWindU
        self.forecastWindV = forecastWindV
        self.windU = windU
        self.windV = windV
        self.reward = reward
        self.distanceKm = distanceKm
        self.powerSafetyPaused = powerSafetyPaused
        self.envelopeSafetyState = envelopeSafetyState
        self.altitudeSafetyState = altitudeSafetyState
        self.status = status
    }

    /// East offset, km (BLE's `flight_path` `x`).
    public var xKm: Double { xMeters / 1000 }
    /// North offset, km (BLE's `flight_path` `y`).
    public var yKm: Double { yMeters / 1000 }
    /// Whether any safety layer let through another action than the one commanded.
    public var safetyLayerIntervened: Bool { command != effectiveCommand }
}
