/// The constants of one flight system: envelope, masses, loads, valve and battery (reference §2.2).
///
/// BLE keeps these as defaults of its `BalloonState` dataclass and never changes them; the
/// default value here is that vehicle. Helium is part of the vehicle because BLE never vents it.
public struct FlightVehicle: Sendable, Equatable, Codable {
    /// Envelope volume at zero superpressure V₀, m³.
    public var envelopeVolumeBaseM3: Double = 1804
    /// Envelope stretch per pascal of superpressure k_V, m³/Pa.
    public var envelopeVolumePerPascalM3: Double = 0.0199
    /// Envelope (film) mass, kg; also the thermal mass.
    public var envelopeMassKg: Double = 68.5
    /// Superpressure above which the envelope bursts, Pa.
    public var maximumSuperpressurePa: Double = 2380
    /// Drag coefficient C_d of the envelope (constant).
    public var envelopeDragCoefficient: Double = 0.25
    /// Payload mass (78.5 kg payload + 14 kg ballast), kg.
    public var payloadMassKg: Double = 92.5
    /// Helium in the envelope n_He, mol (never vented).
    public var heliumMols: Double = 6830
    /// Hotel load by night, W.
    public var nighttimePowerLoadW: Double = 183.7
    /// Hotel load by day (sun above −4.242°), W.
    public var daytimePowerLoadW: Double = 120.4
    /// Diameter of the ACS vent aperture, m.
    public var valveHoleDiameterM: Double = 0.04
    /// Battery capacity (an ideal energy reservoir), Wh.
    public var batteryCapacityWh: Double = 3058.56
    /// Battery charge at launch (95 % of capacity), Wh.
    public var initialBatteryChargeWh: Double = 2905.6

    /// BLE's vehicle.
    public init() {}

    /// BLE's vehicle (the only one BLE flies).
    public static let ble = FlightVehicle()
}
