/// Physical constants of BLE's balloon model, in SI units (reference §2.2, §11).
///
/// The values are BLE's to the last digit; derived constants are computed the way
/// BLE computes them, so that every formula built on them rounds identically.
public enum PhysicsConstants {
    /// Standard gravity `g`, m/s².
    public static let gravity = 9.80665

    /// Universal gas constant `R`, J/(mol·K).
    public static let universalGasConstant = 8.3144621

    /// Molar mass of dry air `M_air`, kg/mol.
    public static let dryAirMolarMass = 0.028964922481160

    /// Molar mass of helium `M_He`, kg/mol.
    public static let heliumMolarMass = 0.004002602

    /// Specific gas constant of dry air `R_air = R / M_air` ≈ 287.053, J/(kg·K).
    public static let dryAirSpecificGasConstant = universalGasConstant / dryAirMolarMass

    /// Stefan–Boltzmann constant `σ`, W/(m²·K⁴), as BLE writes it (not CODATA's 5.670374e−8).
    public static let stefanBoltzmann = 5.6704e-8

    /// Metres in one international foot (BLE's altitude limits are in feet).
    public static let metersPerFoot = 0.3048

    /// Seconds in one hour, as a Double for W·s → Wh conversions.
    public static let secondsPerHour = 3600.0

    /// Seconds in one day.
    public static let secondsPerDay: Int64 = 86_400
}
