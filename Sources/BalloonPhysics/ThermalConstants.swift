/// Constants of BLE's envelope thermal model, PE01 film (reference §2.6, §11).
public enum ThermalConstants {
    /// Fraction of the envelope area that faces the sun.
    public static let solarViewFactor = 0.25
    /// Fraction of the envelope area that faces the Earth.
    public static let earthViewFactor = 0.4605
    /// Film reflectivity ρ_f.
    public static let reflectivity = 0.0291
    /// Film absorptivity of sunlight α_s.
    public static let solarAbsorptivity = 0.01435
    /// IR absorptivity at the reference temperature.
    public static let infraredAbsorptivityBase = 0.04587
    /// Change of the IR absorptivity per kelvin, 1/K.
    public static let infraredAbsorptivityPerKelvin = 0.000232
    /// Reference temperature of the IR absorptivity model, K.
    public static let infraredReferenceTemperatureK = 210.0
    /// Specific heat of the film, J/(kg·K). The film's heat capacity stands in for the gas's.
    public static let filmSpecificHeat = 1500.0
}
