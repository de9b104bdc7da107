import Foundation

/// Electrical power from the balloon's six solar panels (reference §2.10).
///
/// Four panels at 35° tilt hang 3.3 m below the envelope and two at 65° hang 2.7 m below,
/// each rated 210 W. The envelope shades a panel (factor 0.4392) once the sun is at or above
/// `atan2(√(d(10.41603 + d)), 8.69275)` for its drop `d`: 37.738° and 34.395°.
/// `P = 210 · att · (4 cos(el − 35°) S(el, 3.3) + 2 cos(el − 65°) S(el, 2.7))`.
public enum SolarPanels {
    /// Elevation at and above which the envelope shades the main (3.3 m) panels, degrees.
    public static let mainPanelShadingElevationDeg = shadingElevationDeg(dropM: SolarConstants.mainPanels.dropM)

    /// Elevation at and above which the envelope shades the side (2.7 m) panels, degrees.
    public static let sidePanelShadingElevationDeg = shadingElevationDeg(dropM: SolarConstants.sidePanels.dropM)

    /// The elevation at which the envelope starts to shade a panel `dropM` below it, degrees.
    public static func shadingElevationDeg(dropM: Double) -> Double {
        atan2((dropM * (SolarConstants.shadingEnvelopeHeightM + dropM)).squareRoot(),
              SolarConstants.shadingEnvelopeRadiusM) * SolarCalculator.degreesPerRadian
    }

    /// Panel power at solar elevation `elevationDeg` and pressure `pressurePa`, W.
    ///
    /// - Throws: the domain errors of ``AtmosphericAttenuation/factor(elevationDeg:pressurePa:)``.
    public static func powerW(elevationDeg: Double, pressurePa: Double) throws(BalloonPhysicsError) -> Double {
        let attenuation = try AtmosphericAttenuation.factor(elevationDeg: elevationDeg, pressurePa: pressurePa)
        return powerW(elevationDeg: elevationDeg, attenuation: attenuation)
    }

    /// Panel power at solar elevation `elevationDeg` for a precomputed attenuation factor, W.
    @inlinable
    public static func powerW(elevationDeg: Double, attenuation: Double) -> Double {
        let toRad = SolarCalculator.radiansPerDegree
        let mainShadow = elevationDeg >= mainPanelShadingElevationDeg ? SolarConstants.shadowFactor : 1.0
        let sideShadow = elevationDeg >= sidePanelShadingElevationDeg ? SolarConstants.shadowFactor : 1.0
        return SolarConstants.panelRatingW * attenuation
            * (SolarConstants.mainPanels.count * cos((elevationDeg - SolarConstants.mainPanels.tiltDeg) * toRad) * mainShadow
               + SolarConstants.sidePanels.count * cos((elevationDeg - SolarConstants.sidePanels.tiltDeg) * toRad) * sideShadow)
    }
}
