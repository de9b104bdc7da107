import Foundation
import HDF5

/// One episode's flight on disk: loonsim's interim flight-log layout (HDF5, one file per episode).
///
/// Root attributes: `format` = `loonsim-flight/0`, `complete` = 1, `seed`, `agent`, `profile`,
/// `trial_steps`, `cumulative_reward`, `time_within_radius`, `time_within_radius_full_trial`,
/// `out_of_power`, `envelope_burst`, `zeropressure`, `final_timestep` (BLE's metrics, §7.2).
/// Datasets, one value per agent step (post-step state): `x_km`, `y_km`, `pressure_pa`,
/// `superpressure_pa`, `elapsed_s` (int64), `battery_soc`, `command`, `effective_command`
/// (int8: 0 DOWN, 1 STAY, 2 UP), `reward`, `distance_km`, `wind_u_mps`, `wind_v_mps` (the
/// wind applied during the step), `status` (int8: 0 OK, 1 OUT_OF_POWER, 2 BURST, 3 ZEROPRESSURE).
/// Files are written atomically, so an interrupted evaluation leaves only complete files.
public enum EpisodeFile {
    public static let formatName = "loonsim-flight/0"
    static let statusNames = ["OK", "OUT_OF_POWER", "BURST", "ZEROPRESSURE"]

    /// What an episode file says about how it was made; `--resume` reuses only a matching file.
    public struct Provenance: Equatable, Sendable {
        public var agent: String
        public var profile: String
        public var trialSteps: Int
        public var winds: String
        public init(agent: String, profile: String, trialSteps: Int, winds: String) {
            self.agent = agent
            self.profile = profile
            self.trialSteps = trialSteps
            self.winds = winds
        }
    }

    /// Writes `result` to `path` atomically.
    public static func write(_ result: EpisodeResult, provenance: Provenance, to path: String) throws {
        try HDF5File.write(to: path) { file in
            try file.setAttribute("format", formatName)
            try file.setAttribute("seed", Int64(result.seed))
            try file.setAttribute("agent", provenance.agent)
            try file.setAttribute("profile", provenance.profile)
            try file.setAttribute("winds", provenance.winds)
            try file.setAttribute("trial_steps", Int64(provenance.trialSteps))
            try file.setAttribute("cumulative_reward", result.cumulativeReward)
            try file.setAttribute("time_within_radius", result.timeWithinRadius)
            try file.setAttribute("time_within_radius_full_trial", result.timeWithinRadiusFullTrial)
            try file.setAttribute("out_of_power", Int8(result.outOfPower ? 1 : 0))
            try file.setAttribute("envelope_burst", Int8(result.envelopeBurst ? 1 : 0))
            try file.setAttribute("zeropressure", Int8(result.zeroPressure ? 1 : 0))
            try file.setAttribute("final_timestep", Int64(result.finalTimestep))
            let path = result.flightPath
            let n = [path.count]
            func doubles(_ name: String, _ values: (FlightPoint) -> Double) throws {
                try file.createDataset(name, shape: n, values: path.map(values))
            }
            try doubles("x_km", \.xKm)
            try doubles("y_km", \.yKm)
            try doubles("pressure_pa", \.pressurePa)
            try doubles("superpressure_pa", \.superpressurePa)
            try file.createDataset("elapsed_s", shape: n, values: path.map(\.elapsedSeconds))
            try doubles("battery_soc", \.batteryStateOfCharge)
            try file.createDataset("command", shape: n, values: path.map { Int8($0.command) })
            try file.createDataset("effective_command", shape: n, values: path.map { Int8($0.effectiveCommand) })
            try doubles("reward", \.reward)
            try doubles("distance_km", \.distanceKm)
            try doubles("wind_u_mps", \.windU)
            try doubles("wind_v_mps", \.windV)
            try file.createDataset("status", shape: n, values: path.map { Int8(statusNames.firstIndex(of: $0.status) ?? 0) })
            try file.setAttribute("complete", Int8(1))
        }
    }

    /// Reads an episode file; nil when it is missing, incomplete, damaged or made another way.
    public static func read(_ path: String, expecting provenance: Provenance) -> EpisodeResult? {
        guard FileManager.default.fileExists(atPath: path), let file = try? HDF5File.open(path) else { return nil }
        defer { file.close() }
        func text(_ name: String) -> String? { try? file.stringAttribute(name) }
        func number(_ name: String) -> Double? { (try? file.numericAttribute(name))??.first }
        guard text("format") == formatName, number("complete") == 1, text("agent") == provenance.agent,
              text("profile") == provenance.profile, text("winds") == provenance.winds,
              number("trial_steps") == Double(provenance.trialSteps),
              let seed = number("seed"), let reward = number("cumulative_reward"),
              let twr = number("time_within_radius"), let twrFull = number("time_within_radius_full_trial"),
              let final = number("final_timestep") else { return nil }
        func doubles(_ name: String) -> [Double]? { try? file.dataset(name).read(as: Double.self) }
        guard let x = doubles("x_km"), let y = doubles("y_km"), let p = doubles("pressure_pa"),
              let sp = doubles("superpressure_pa"), let soc = doubles("battery_soc"), let r = doubles("reward"),
              let d = doubles("distance_km"), let u = doubles("wind_u_mps"), let v = doubles("wind_v_mps"),
              let t = try? file.dataset("elapsed_s").read(as: Int64.self),
              let c = try? file.dataset("command").read(as: Int8.self),
              let e = try? file.dataset("effective_command").read(as: Int8.self),
              let s = try? file.dataset("status").read(as: Int8.self),
              [y.count, p.count, sp.count, soc.count, r.count, d.count, u.count, v.count, t.count, c.count, e.count, s.count]
                .allSatisfy({ $0 == x.count }), x.count == Int(final) else { return nil }
        let points = (0..<x.count).map { i in
            FlightPoint(xKm: x[i], yKm: y[i], pressurePa: p[i], superpressurePa: sp[i], elapsedSeconds: t[i],
                        batteryStateOfCharge: soc[i], command: Int(c[i]), effectiveCommand: Int(e[i]), reward: r[i],
                        distanceKm: d[i], windU: u[i], windV: v[i],
                        status: statusNames[min(max(Int(s[i]), 0), statusNames.count - 1)])
        }
        return EpisodeResult(seed: Int(seed), cumulativeReward: reward, timeWithinRadius: twr,
                             timeWithinRadiusFullTrial: twrFull, outOfPower: number("out_of_power") == 1,
                             envelopeBurst: number("envelope_burst") == 1, zeroPressure: number("zeropressure") == 1,
                             finalTimestep: Int(final), trialSteps: provenance.trialSteps, flightPath: points)
    }
}
