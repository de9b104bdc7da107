import Foundation

/// One entry of a BLE evaluation JSON's `flight_path` (reference §7.3).
public struct BLEFlightPoint: Sendable, Equatable, Decodable {
    /// East and north offsets, km; pressure and superpressure, Pa; time, s; battery SOC, 0…1.
    public var xKm: Double
    public var yKm: Double
    public var pressurePa: Double
    public var superpressurePa: Double
    public var elapsedSeconds: Double
    public var batteryStateOfCharge: Double

    enum CodingKeys: String, CodingKey {
        case xKm = "x", yKm = "y", pressurePa = "pressure", superpressurePa = "superpressure"
        case elapsedSeconds = "elapsed_seconds", batteryStateOfCharge = "power"
    }
}

/// One seed of a BLE evaluation JSON, with its flight path.
public struct BLEFlight: Sendable, Equatable, Decodable {
    public var seed: Int
    public var cumulativeReward: Double
    public var timeWithinRadius: Double
    public var finalTimestep: Int
    public var outOfPower: Bool
    public var envelopeBurst: Bool
    public var zeroPressure: Bool
    public var flightPath: [BLEFlightPoint]

    enum CodingKeys: String, CodingKey {
        case seed, cumulativeReward = "cumulative_reward", timeWithinRadius = "time_within_radius"
        case finalTimestep = "final_timestep", outOfPower = "out_of_power", envelopeBurst = "envelope_burst"
        case zeroPressure = "zeropressure", flightPath = "flight_path"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seed = try container.decode(Int.self, forKey: .seed)
        cumulativeReward = try container.decode(Double.self, forKey: .cumulativeReward)
        timeWithinRadius = try container.decode(Double.self, forKey: .timeWithinRadius)
        finalTimestep = try container.decode(Int.self, forKey: .finalTimestep)
        outOfPower = try container.decode(Bool.self, forKey: .outOfPower)
        envelopeBurst = try container.decode(Bool.self, forKey: .envelopeBurst)
        zeroPressure = try container.decode(Bool.self, forKey: .zeroPressure)
        flightPath = try container.decodeIfPresent([BLEFlightPoint].self, forKey: .flightPath) ?? []
    }

    /// The failure BLE's flags name, or nil.
    public var failure: String? {
        outOfPower ? "OUT_OF_POWER" : envelopeBurst ? "BURST" : zeroPressure ? "ZEROPRESSURE" : nil
    }
}

/// BLE's evaluation JSON (`eval.py`'s output, and `loonsim evaluate`'s, which keeps its format).
public enum BLEEvaluationFile {
    /// The seeds of `path`, sorted by seed.
    ///
    /// - Throws: ``FlightLogError`` when the file is missing, not a BLE evaluation list, or holds
    ///   no flight paths (written with `--no-flight-paths`, or merged without `--flight_paths`).
    public static func read(_ path: String) throws -> [BLEFlight] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlightLogError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        let flights: [BLEFlight]
        do {
            flights = try JSONDecoder().decode([BLEFlight].self, from: data)
        } catch {
            throw FlightLogError(file: path, problem: "is not a BLE evaluation JSON (a list of per-seed objects with "
                + "seed, time_within_radius, flight_path, …)")
        }
        guard !flights.isEmpty else { throw FlightLogError(file: path, problem: "holds no episodes") }
        guard flights.contains(where: { !$0.flightPath.isEmpty }) else {
            throw FlightLogError(file: path, problem: "holds no flight paths to draw (written without them)")
        }
        return flights.sorted { $0.seed < $1.seed }
    }
}
