import FileErrors
import Foundation
import StationKeeping
import WindField

/// The wind source a flight log names, made again for a replay.
public enum FlightWinds {
    /// The source for `log`: the VAE `decoder` for generative winds, or the grid file the log
    /// names (or `gridOverride`), which must have the SHA-256 the log recorded.
    ///
    /// - Throws: ``FlightLogError`` when the grid is missing, unreadable or another file than the one flown.
    public static func source(for log: FlightLog, file: String, decoder: () throws -> VAEDecoder,
                              gridOverride: String? = nil) throws -> StationKeepingEnvironment.WindSource {
        switch log.settings.winds {
        case .generative:
            return .generative(try decoder())
        case .grid(let recorded, let sha256):
            let path = gridOverride ?? recorded
            guard FileManager.default.fileExists(atPath: path) else {
                throw FlightLogError(file: file, problem: "was flown over the wind grid '\(recorded)', which is not there; "
                    + "give its path with --winds")
            }
            let actual = try SHA256.hexDigest(ofFile: path)
            guard actual == sha256 else {
                throw FlightLogError(file: file, problem: "was flown over a wind grid with SHA-256 \(sha256.prefix(12))…, "
                    + "but \(path) has \(actual.prefix(12))…")
            }
            return .grid(try GriddedWindField(WindGridFile.read(path)))
        }
    }
}
