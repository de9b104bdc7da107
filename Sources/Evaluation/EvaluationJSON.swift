import Foundation

/// BLE's evaluation JSON (reference §7.3), with loonsim's own fields added to each object.
///
/// The file is a list, one object per seed, sorted by seed: BLE's keys `seed`,
/// `cumulative_reward`, `time_within_radius`, `out_of_power`, `envelope_burst`, `zeropressure`,
/// `final_timestep`, `flight_path` (entries `x`, `y` in km, `pressure`, `superpressure` in Pa,
/// `elapsed_seconds` (a float, as BLE writes it), `power` = battery SOC), plus loonsim's `time_within_radius_full_trial`,
/// `trial_steps`, `agent`, `profile`, `winds`. BLE's readers ignore keys they do not know.
public enum EvaluationJSON {
    /// One seed's object. BLE's own files lack loonsim's keys (the optionals).
    struct Entry: Codable {
        var seed: Int
        var cumulative_reward: Double
        var time_within_radius: Double
        var out_of_power: Bool
        var envelope_burst: Bool
        var zeropressure: Bool
        var final_timestep: Int
        var flight_path: [Point]?
        var time_within_radius_full_trial: Double?
        var trial_steps: Int?
        var agent: String?
        var profile: String?
        var winds: String?
    }

    struct Point: Codable {
        var x: Double
        var y: Double
        var pressure: Double
        var superpressure: Double
        var elapsed_seconds: Double
        var power: Double
    }

    /// Writes `results` to `path` atomically.
    public static func write(_ results: [EpisodeResult], provenance: RunProvenance, flightPaths: Bool,
                             to path: String) throws {
        let entries = results.sorted { $0.seed < $1.seed }.map { result in
            Entry(seed: result.seed, cumulative_reward: result.cumulativeReward, time_within_radius: result.timeWithinRadius,
                  out_of_power: result.outOfPower, envelope_burst: result.envelopeBurst, zeropressure: result.zeroPressure,
                  final_timestep: result.finalTimestep,
                  flight_path: flightPaths ? result.flightPath.map {
                      Point(x: $0.xKm, y: $0.yKm, pressure: $0.pressurePa, superpressure: $0.superpressurePa,
                            elapsed_seconds: Double($0.elapsedSeconds), power: $0.batteryStateOfCharge)
                  } : [],
                  time_within_radius_full_trial: result.timeWithinRadiusFullTrial, trial_steps: result.trialSteps,
                  agent: provenance.agent, profile: provenance.profile, winds: provenance.winds)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(entries).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads a file written by ``write(_:provenance:flightPaths:to:)`` (or by BLE, whose
    /// objects lack loonsim's keys: the full-trial TWR is then taken as BLE's).
    public static func read(_ path: String) throws -> [EpisodeResult] {
        results(of: try entries(path))
    }

    /// The episode results (without flight paths) of decoded entries.
    static func results(of entries: [Entry]) -> [EpisodeResult] {
        entries.map { entry in
            EpisodeResult(seed: entry.seed, cumulativeReward: entry.cumulative_reward, timeWithinRadius: entry.time_within_radius,
                          timeWithinRadiusFullTrial: entry.time_within_radius_full_trial ?? entry.time_within_radius,
                          outOfPower: entry.out_of_power, envelopeBurst: entry.envelope_burst, zeroPressure: entry.zeropressure,
                          finalTimestep: entry.final_timestep, trialSteps: entry.trial_steps ?? entry.final_timestep,
                          flightPath: [])
        }
    }

    /// How the first episode of a loonsim result file was made.
    public static func provenance(_ path: String) throws -> RunProvenance {
        try provenance(of: entries(path), in: path)
    }

    /// How the first of `entries`, read from `path`, was made.
    static func provenance(of entries: [Entry], in path: String) throws -> RunProvenance {
        guard let first = entries.first else { throw EvaluationError.unreadable(path: path, reason: "holds no episodes") }
        guard let agent = first.agent, let profile = first.profile, let steps = first.trial_steps, let winds = first.winds else {
            throw EvaluationError.unreadable(path: path, reason: "has no loonsim fields (agent, profile, trial_steps, winds)")
        }
        return RunProvenance(agent: agent, profile: profile, trialSteps: steps, winds: winds)
    }

    static func entries(_ path: String) throws -> [Entry] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw EvaluationError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        do { return try JSONDecoder().decode([Entry].self, from: data) } catch {
            throw EvaluationError.unreadable(path: path, reason: "is not an evaluation JSON list")
        }
    }
}

extension EvaluationJSON {
    /// Joins result files of one evaluation (its shards) into `output`, keeping every key,
    /// flight paths included, sorted by seed.
    ///
    /// - Throws: ``EvaluationError`` when a file cannot be read, lacks loonsim's fields, was made
    ///   with other settings than the first (agent, profile, trial length, winds), or repeats a seed.
    public static func merge(_ paths: [String], to output: String) throws
        -> (results: [EpisodeResult], provenance: RunProvenance)
    {
        precondition(!paths.isEmpty, "nothing to merge")
        var first: RunProvenance?  // the first file's settings, which every other must share
        var merged: [Entry] = []
        var seen = Set<Int>()
        for path in paths {
            let shard = try entries(path)  // each file read once
            let made = try provenance(of: shard, in: path)
            let reference = first ?? made
            first = reference
            guard made == reference else {
                throw EvaluationError.unreadable(path: path, reason: "was made with agent \(made.agent), profile \(made.profile), "
                    + "\(made.trialSteps) steps, winds \(made.winds); \((paths[0] as NSString).lastPathComponent) with "
                    + "\(reference.agent), \(reference.profile), \(reference.trialSteps) steps, \(reference.winds)")
            }
            for entry in shard {
                guard seen.insert(entry.seed).inserted else {
                    throw EvaluationError.unreadable(path: path, reason: "repeats seed \(entry.seed) of another shard")
                }
                merged.append(entry)
            }
        }
        merged.sort { $0.seed < $1.seed }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(merged).write(to: URL(fileURLWithPath: output), options: .atomic)
        return (results(of: merged), first!)
    }
}
