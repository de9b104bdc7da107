import BalloonPhysics
import Foundation
import Randomness
import WindField

/// Maps a seed to a ``Scenario`` with loonsim's own random numbers, drawing from BLE's
/// distributions (reference §1.2, §2.8).
///
/// Each quantity has its own named stream of `SeededRandom`, so the mapping is stable across
/// platforms and releases, and adding a quantity never shifts another. The draws:
///
/// | quantity | distribution | stream |
/// |---|---|---|
/// | atmosphere α | U[0, 1) | `atmosphere` |
/// | start time | 2011-01-01T00:00Z + ⌊U·126 144 000⌋ s | `start-time` |
/// | start offset | r = 200 km·Beta(1.2, 2), θ ~ U[0, 2π); x = r cos θ, y = r sin θ | `start-offset` |
/// | station | lat U[−10°, 10°], lng U[−175°, 175°] | `station` |
/// | start pressure | U[6500 Pa, P_atm(50 000 ft)] | `start-pressure` |
/// | upwelling IR | 315·sigmoid(N(2, s²)), redrawn below 225 W/m²; s = 315 (`ble`) or 0.678 (`corrected`) | `upwelling-infrared` |
/// | VAE latents | 64 × N(0, 1), float32 | `vae-latents` |
/// | noise harmonics | per harmonic (u then v, BLE's order): seed ⌊U·1 634 753 849⌋, offsets 2U − 1 | `wind-noise` |
///
/// The `corrected` IR scale is chosen so that about 5.5 % of draws are redrawn, the rate BLE's
/// code comment expects (BLE's own scale of 315 saturates the sigmoid: IR ≈ 315 always).
public enum ScenarioSampler {
    /// 2011-01-01T00:00:00Z, s.
    public static let earliestStartUnixSeconds: Int64 = 1_293_840_000
    /// Length of the start-time window (2011-01-01 … 2014-12-31), s.
    public static let startWindowSeconds: Int64 = 126_144_000
    /// Largest start distance, m, and the Beta shape of its fraction.
    public static let maximumStartDistanceMeters = 200_000.0
    public static let startDistanceBeta = (a: 1.2, b: 2.0)
    /// Lowest start pressure, Pa; the highest is the atmosphere's pressure at 50 000 ft.
    public static let lowestStartPressurePa = 6_500.0
    /// Upwelling IR draw: 315·sigmoid(N(2, scale²)), redrawn below 225 W/m².
    public static let infraredMaximum = 315.0
    public static let infraredLocation = 2.0
    public static let infraredMinimum = 225.0
    public static func infraredScale(_ profile: PhysicsProfile) -> Double { profile == .ble ? 315 : 0.678 }
    /// Seeds of the OpenSimplex harmonics are drawn below this bound (BLE's `choice` range).
    public static let noiseSeedBound = 1_634_753_849.0

    /// The scenario of `seed` under `profile`.
    public static func scenario(seed: Int, profile: PhysicsProfile = .ble) throws -> Scenario {
        let key = UInt64(bitPattern: Int64(seed))
        func stream(_ name: String) -> SeededRandom { SeededRandom(seed: key, stream: name) }

        var atmosphereStream = stream("atmosphere")
        let alpha = atmosphereStream.nextUnitInterval()
        var timeStream = stream("start-time")
        let start = earliestStartUnixSeconds
            + Int64((timeStream.nextUnitInterval() * Double(startWindowSeconds)).rounded(.down))
        var offsetStream = stream("start-offset")
        let radius = maximumStartDistanceMeters
            * beta(startDistanceBeta.a, startDistanceBeta.b, using: &offsetStream)
        let theta = offsetStream.nextUniform(in: 0...(2 * .pi))
        var stationStream = stream("station")
        let station = GeoPoint(latitudeDeg: stationStream.nextUniform(in: -10...10),
                               longitudeDeg: stationStream.nextUniform(in: -175...175))
        var pressureStream = stream("start-pressure")
        let floor = try Atmosphere(alpha: alpha).floorPressurePa
        let pressure = pressureStream.nextUniform(in: lowestStartPressurePa...floor)
        var infraredStream = stream("upwelling-infrared")
        var infrared: Double
        repeat {
            let z = infraredLocation + infraredScale(profile) * infraredStream.nextStandardNormal()
            infrared = infraredMaximum / (1 + exp(-z))
        } while infrared < infraredMinimum
        var noiseStream = stream("wind-noise")
        func harmonics(_ component: SimplexWindNoise.Component) -> [SimplexWindNoise.Harmonic] {
            component.parameters.map { parameters in
                let harmonicSeed = Int64((noiseStream.nextUnitInterval() * noiseSeedBound).rounded(.down))
                let offsets = (0..<4).map { _ in 2 * noiseStream.nextUnitInterval() - 1 }
                return SimplexWindNoise.Harmonic(
                    seed: harmonicSeed, xOffset: offsets[0], yOffset: offsets[1], pressureOffset: offsets[2],
                    timeOffset: offsets[3], weight: parameters.weight, xSpacingKm: parameters.xSpacingKm,
                    ySpacingKm: parameters.ySpacingKm, pressureSpacingPa: parameters.pressureSpacingPa,
                    timeSpacingHours: parameters.timeSpacingHours)
            }
        }
        let u = harmonics(.u)
        let v = harmonics(.v)
        return Scenario(
            seed: seed, atmosphereAlpha: alpha, startUnixSeconds: start, station: station,
            xMeters: radius * cos(theta), yMeters: radius * sin(theta), initialPressurePa: pressure,
            upwellingInfraredWPerM2: infrared, vaeLatents: GenerativeWinds.latents(seed: key),
            windNoise: SimplexWindNoise(u: u, v: v))
    }

    /// A Beta(a, b) draw as X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    static func beta(_ a: Double, _ b: Double, using random: inout SeededRandom) -> Double {
        let x = gamma(a, using: &random)
        let y = gamma(b, using: &random)
        return x / (x + y)
    }

    /// A Gamma(shape, 1) draw for shape ≥ 1 (Marsaglia & Tsang 2000).
    static func gamma(_ shape: Double, using random: inout SeededRandom) -> Double {
        precondition(shape >= 1, "gamma sampler needs shape ≥ 1")
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = random.nextStandardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = random.nextUnitInterval()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }
}
