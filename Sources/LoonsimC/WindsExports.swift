import Foundation
import WindField

/// Writes the forecast BLE's VAE decodes from `seed`'s latents to `path` as a loonsim wind grid
/// starting at `startUnixSeconds`, as `loonsim winds generate` does.
@_cdecl("loonsim_generate_wind_grid")
public func loonsimGenerateWindGrid(_ seed: Int64, _ startUnixSeconds: Int64, _ path: UnsafePointer<CChar>?,
                                    _ error: UnsafeMutablePointer<CChar>?, _ capacity: Int64) -> Int32 {
    reportingErrors(error, capacity) {
        guard seed >= 0 else { throw InterfaceError("seed must be a non-negative integer, got \(seed)") }
        let grid = try GenerativeWinds.forecast(
            latents: GenerativeWinds.latents(seed: UInt64(seed)), decoder: DataHome.shared.decoder(),
            startTime: Date(timeIntervalSince1970: TimeInterval(startUnixSeconds)),
            source: "BLE offlineskies22 VAE decode, loonsim seed \(seed)")
        try WindGridFile.write(grid, to: string(path, "the output path"))
    }
}
