/// Constants of BLE's sun and solar-power models (reference §2.10, §11).
public enum SolarConstants {
    /// Solar elevation below which it is night and the attenuation is zero, degrees.
    public static let minimumElevationDeg = -4.242

    /// Resolution of the sunrise/sunset/noon/midnight search, s (3 min).
    public static let searchStepSeconds: Int64 = 180

    /// Solar constant of the flux model, W/m².
    public static let solarConstantWPerM2 = 1366.0

    /// Rated power of one solar panel, W.
    public static let panelRatingW = 210.0

    /// The four main panels: tilt, degrees, and drop below the envelope, m.
    public static let mainPanels = (count: 4.0, tiltDeg: 35.0, dropM: 3.3)

    /// The two side panels: tilt, degrees, and drop below the envelope, m.
    public static let sidePanels = (count: 2.0, tiltDeg: 65.0, dropM: 2.7)

    /// Envelope radius used for panel shading, m.
    public static let shadingEnvelopeRadiusM = 8.69275

    /// Envelope height used for panel shading, m.
    public static let shadingEnvelopeHeightM = 10.41603

    /// Fraction of a panel's power left when the envelope shades it.
    public static let shadowFactor = 0.4392

    /// Upper end of the attenuation model's pressure domain (sea level), Pa.
    public static let attenuationMaximumPressurePa = 101_325.0
}
