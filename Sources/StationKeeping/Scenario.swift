import WindField

/// Everything a seed fixes about one episode (reference §1.2): the place, the time, the
/// atmosphere, the balloon's start and the winds.
///
/// A scenario comes from a seed through ``ScenarioSampler`` (loonsim's own RNG) or from a
/// scenario file (``ScenarioFile``), which is how BLE's own episodes are flown in loonsim.
public struct Scenario: Sendable, Equatable {
    /// The seed the scenario was made from or exported with, if any.
    public var seed: Int?
    /// Atmosphere lapse-rate mix α ∈ [0, 1) (reference §2.1).
    public var atmosphereAlpha: Double
    /// Start of the episode, whole seconds since 1970-01-01 UTC.
    public var startUnixSeconds: Int64
    /// The station (tangent-plane origin).
    public var station: GeoPoint
    /// The balloon's start offset east of the station, m.
    public var xMeters: Double
    /// The balloon's start offset north of the station, m.
    public var yMeters: Double
    /// The start pressure P0, Pa; the balloon is stabilised there (reference §2.7).
    public var initialPressurePa: Double
    /// Upwelling infrared flux for the thermal model, W/m² (reference §2.8).
    public var upwellingInfraredWPerM2: Double
    /// The 64 VAE latents the forecast is decoded from.
    public var vaeLatents: [Float]
    /// The 5 + 5 simplex-noise harmonics of the ground-truth wind.
    public var windNoise: SimplexWindNoise

    public init(seed: Int?, atmosphereAlpha: Double, startUnixSeconds: Int64, station: GeoPoint, xMeters: Double,
                yMeters: Double, initialPressurePa: Double, upwellingInfraredWPerM2: Double, vaeLatents: [Float],
                windNoise: SimplexWindNoise) {
        self.seed = seed
        self.atmosphereAlpha = atmosphereAlpha
        self.startUnixSeconds = startUnixSeconds
        self.station = station
        self.xMeters = xMeters
        self.yMeters = yMeters
        self.initialPressurePa = initialPressurePa
        self.upwellingInfraredWPerM2 = upwellingInfraredWPerM2
        self.vaeLatents = vaeLatents
        self.windNoise = windNoise
    }
}

extension SimplexWindNoise: Equatable {
    public static func == (lhs: SimplexWindNoise, rhs: SimplexWindNoise) -> Bool {
        lhs.u == rhs.u && lhs.v == rhs.v
    }
}

extension Scenario {
    /// This scenario flown over a fixed wind grid: at the grid's station (when it names one) and
    /// start time; everything else (start offset, pressure, atmosphere, noise) stays the seed's.
    public func flown(over grid: WindGrid) -> Scenario {
        var flown = self
        if case .tangentPlane(let station?) = grid.frame { flown.station = station }
        flown.startUnixSeconds = Int64(grid.startTime.timeIntervalSince1970.rounded(.down))
        return flown
    }
}
