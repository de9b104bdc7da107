/// Where the sun is seen from a point, and how strong it is: the solar calculator's result.
public struct SolarPosition: Sendable, Equatable {
    /// Elevation above the horizon, corrected for refraction, degrees (negative below).
    public var elevationDeg: Double
    /// Solar flux at the top of the atmosphere, W/m².
    public var fluxWPerM2: Double

    public init(elevationDeg: Double, fluxWPerM2: Double) {
        self.elevationDeg = elevationDeg
        self.fluxWPerM2 = fluxWPerM2
    }

    /// Whether the sun counts as up for power (elevation > −4.242°, reference §2.3 step 6).
    @inlinable
    public var isDay: Bool { elevationDeg > SolarConstants.minimumElevationDeg }
}
