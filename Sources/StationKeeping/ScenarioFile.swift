import FileErrors
import Foundation
import WindField

/// Reads scenario files in the `ble-scenarios/1` JSON format (`../shared/data/ble/README.md`).
///
/// Each scenario object needs `seed`, `alpha`, `start_unix_s`, `center_lat_deg`,
/// `center_lng_deg`, `x_m`, `y_m`, `initial_pressure_pa`, `upwelling_infrared_w_per_m2`,
/// `vae_latents` (64 numbers) and `wind_noise` (`u` and `v`, 5 harmonics each with `seed`,
/// `ox`, `oy`, `op`, `ot`, `weight`, `x_spacing_km`, `y_spacing_km`, `pressure_spacing_pa`,
/// `time_spacing_h`). Other keys (BLE's balloon state, checks) are ignored here.
public enum ScenarioFile {
    /// The `format` value this reader accepts.
    public static let formatName = "ble-scenarios/1"

    /// Loads every scenario in `path`, in file order.
    ///
    /// Numbers are parsed with `JSONDecoder`, which reads every double exactly
    /// (Foundation's `JSONSerialization` on Linux misreads some by one unit in the last place).
    ///
    /// - Throws: ``ScenarioFileError`` naming the file, the scenario and the field for a
    ///   missing or malformed value.
    public static func load(_ path: String) throws -> [Scenario] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioFileError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch DecodingError.dataCorrupted {
            throw ScenarioFileError(file: path, problem: "is not valid JSON")
        } catch {
            throw ScenarioFileError(file: path, problem: "has no 'format' field")
        }
        guard header.format == formatName else {
            throw ScenarioFileError(file: path, problem: "has format '\(header.format)', expected '\(formatName)'")
        }
        let file: Contents
        do {
            file = try JSONDecoder().decode(Contents.self, from: data)
        } catch let error as DecodingError {
            throw ScenarioFileError(file: path, problem: describe(error, in: data))
        }
        return try file.scenarios.enumerated().map { index, entry in try entry.scenario(file: path, index: index) }
    }

    struct Header: Decodable { var format: String }
    struct Contents: Decodable { var scenarios: [Entry] }

    struct Entry: Decodable {
        var seed: Int
        var alpha: Double
        var start_unix_s: Double
        var center_lat_deg: Double
        var center_lng_deg: Double
        var x_m: Double
        var y_m: Double
        var initial_pressure_pa: Double
        var upwelling_infrared_w_per_m2: Double
        var vae_latents: [Double]
        var wind_noise: [String: [HarmonicEntry]]

        func scenario(file: String, index: Int) throws -> Scenario {
            let context = "scenario \(index) (seed \(seed))"
            guard vae_latents.count == VAEDecoder.latentCount else {
                throw ScenarioFileError(file: file, problem: "\(context): field 'vae_latents' has \(vae_latents.count) values, "
                    + "expected \(VAEDecoder.latentCount)")
            }
            var components: [[SimplexWindNoise.Harmonic]] = []
            for name in ["u", "v"] {
                guard let harmonics = wind_noise[name], !harmonics.isEmpty else {
                    throw ScenarioFileError(file: file, problem: "\(context): field 'wind_noise.\(name)' is missing or empty")
                }
                components.append(harmonics.map(\.harmonic))
            }
            guard start_unix_s == start_unix_s.rounded(), abs(start_unix_s) < 1e12 else {
                throw ScenarioFileError(file: file, problem: "\(context): field 'start_unix_s' must be whole seconds")
            }
            for (name, value) in [("alpha", alpha), ("center_lat_deg", center_lat_deg), ("center_lng_deg", center_lng_deg),
                                  ("x_m", x_m), ("y_m", y_m), ("initial_pressure_pa", initial_pressure_pa),
                                  ("upwelling_infrared_w_per_m2", upwelling_infrared_w_per_m2)] where !value.isFinite {
                throw ScenarioFileError(file: file, problem: "\(context): field '\(name)' is not a finite number")
            }
            return Scenario(
                seed: seed, atmosphereAlpha: alpha, startUnixSeconds: Int64(start_unix_s),
                station: GeoPoint(latitudeDeg: center_lat_deg, longitudeDeg: center_lng_deg),
                xMeters: x_m, yMeters: y_m, initialPressurePa: initial_pressure_pa,
                upwellingInfraredWPerM2: upwelling_infrared_w_per_m2, vaeLatents: vae_latents.map(Float.init),
                windNoise: SimplexWindNoise(u: components[0], v: components[1]))
        }
    }

    struct HarmonicEntry: Decodable {
        var seed: Int64
        var ox: Double, oy: Double, op: Double, ot: Double
        var weight: Double
        var x_spacing_km: Double, y_spacing_km: Double, pressure_spacing_pa: Double, time_spacing_h: Double

        var harmonic: SimplexWindNoise.Harmonic {
            SimplexWindNoise.Harmonic(seed: seed, xOffset: ox, yOffset: oy, pressureOffset: op, timeOffset: ot, weight: weight,
                                      xSpacingKm: x_spacing_km, ySpacingKm: y_spacing_km,
                                      pressureSpacingPa: pressure_spacing_pa, timeSpacingHours: time_spacing_h)
        }
    }

    /// One line for a decoding failure: which scenario, which field, what is wrong.
    static func describe(_ error: DecodingError, in data: Data) -> String {
        func location(_ path: [CodingKey]) -> (String, String) {
            var scenario = ""
            var field: [String] = []
            for (position, key) in path.enumerated() {
                if position == 1, let index = key.intValue { scenario = "scenario \(index)"; continue }
                if position == 0 { continue }
                if let index = key.intValue { field[field.count - 1] += "[\(index)]" } else { field.append(key.stringValue) }
            }
            if let index = path.count > 1 ? path[1].intValue : nil, let seed = seed(at: index, in: data) {
                scenario += " (seed \(seed))"
            }
            return (scenario, field.joined(separator: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let (scenario, field) = location(context.codingPath + [key])
            return scenario.isEmpty ? "has no '\(key.stringValue)' list" : "\(scenario): field '\(field)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let (scenario, field) = location(context.codingPath)
            return scenario.isEmpty ? "has a malformed '\(field)'" : "\(scenario): field '\(field)' is malformed (\(context.debugDescription.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))))"
        case .dataCorrupted(let context):
            let (scenario, field) = location(context.codingPath)
            return scenario.isEmpty ? "is not valid JSON" : "\(scenario): field '\(field)' is malformed"
        @unknown default:
            return "cannot be read as a scenario file"
        }
    }

    /// The seed of scenario `index`, read leniently for error messages.
    static func seed(at index: Int, in data: Data) -> Int? {
        struct Seeds: Decodable { var scenarios: [Seed] }
        struct Seed: Decodable { var seed: Int? }
        guard let seeds = try? JSONDecoder().decode(Seeds.self, from: data), index < seeds.scenarios.count else { return nil }
        return seeds.scenarios[index].seed
    }
}

/// A scenario file that cannot be used, with a one-line reason naming the file.
public typealias ScenarioFileError = FileError
