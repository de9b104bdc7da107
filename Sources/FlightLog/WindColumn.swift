import WindField

/// The ground-truth wind at many pressure levels above and below the balloon, after every step:
/// what the drawing colours to show which layers blow home.
public struct WindColumn: Sendable, Equatable {
    /// The levels, Pa, low pressure (high altitude) first.
    public var pressuresPa: [Double]
    /// Per step, per level: the cosine of the angle between the wind and the direction from the
    /// balloon to the station (1 blows straight home, −1 straight away; 0 when either is zero).
    public var homeward: [[Float]]
    /// Per step, per level: the wind speed, m/s.
    public var speedMps: [[Float]]

    /// BLE's forecast levels span 5 000 to 14 000 Pa; the drawing samples every 250 Pa.
    public static let defaultPressuresPa: [Double] = stride(from: 5_000.0, through: 14_000.0, by: 250.0).map { $0 }

    public init(pressuresPa: [Double] = WindColumn.defaultPressuresPa) {
        self.pressuresPa = pressuresPa
        homeward = []
        speedMps = []
    }

    /// Appends the column at (`xMeters`, `yMeters`) `elapsedSeconds` into the episode: forecast plus the
    /// scenario's noise, as the environment computes the wind it applies.
    mutating func append(forecast: GriddedWindField, noise: SimplexWindNoise, xMeters: Double, yMeters: Double,
                         elapsedSeconds: Double) {
        let distance = (xMeters * xMeters + yMeters * yMeters).squareRoot()
        var cosines: [Float] = []
        var speeds: [Float] = []
        for pressure in pressuresPa {
            let f = forecast.wind(xMeters: xMeters, yMeters: yMeters, pressurePa: pressure, elapsedSeconds: elapsedSeconds)
            let n = noise.noise(xMeters: xMeters, yMeters: yMeters, pressurePa: pressure, elapsedSeconds: elapsedSeconds)
            let u = f.u + n.u
            let v = f.v + n.v
            let speed = (u * u + v * v).squareRoot()
            speeds.append(Float(speed))
            cosines.append(speed > 0 && distance > 0 ? Float(-(u * xMeters + v * yMeters) / (speed * distance)) : 0)
        }
        homeward.append(cosines)
        speedMps.append(speeds)
    }
}
