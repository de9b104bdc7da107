import Foundation
import Randomness

/// BLE's default wind source: a forecast decoded by the offlineskies22 VAE from 64 latents (reference §3.3–3.4).
///
/// Ground truth is this forecast plus ``SimplexWindNoise``.
public enum GenerativeWinds {
    /// The random stream a seed's VAE latents are drawn from (see `SeededRandom.init(seed:stream:)`).
    public static let latentStream = "vae-latents"

    /// The 64 latents loonsim draws for `seed`: independent standard normals, rounded to float32.
    public static func latents(seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed, stream: latentStream)
        return (0..<VAEDecoder.latentCount).map { _ in Float(random.nextStandardNormal()) }
    }

    /// Decodes `latents` into a forecast grid on BLE's tangent plane (±500 km, 5–14 kPa, 0–48 h).
    public static func forecast(latents: [Float], decoder: VAEDecoder, startTime: Date, source: String) throws -> WindGrid {
        try WindGrid(bleField: decoder.decode(latents: latents), startTime: startTime, source: source)
    }
}
