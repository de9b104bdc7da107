import BalloonPhysics
import Evaluation
import Foundation
import HDF5
import StationKeeping

extension FlightLog {
    /// Reads the flight log at `path`.
    ///
    /// - Throws: ``FlightLogError``, one line naming the file and the problem: no such file, not
    ///   HDF5, truncated, not a flight log, another format version, incomplete, or a missing,
    ///   short or out-of-range dataset or attribute.
    public static func read(_ path: String) throws -> FlightLog {
        let file: HDF5File
        do {
            file = try HDF5File.open(path)
        } catch {
            throw FlightLogError(file: path, problem: Self.problem(of: error, path: path))
        }
        defer { file.close() }
        func damaged(_ text: String) -> FlightLogError { FlightLogError(file: path, problem: "is damaged: \(text)") }
        guard let format = try? file.stringAttribute("format") else {
            throw FlightLogError(file: path, problem: "is not a loonsim flight log (an HDF5 file without a 'format' attribute)")
        }
        guard format == FlightLogFormat.name else {
            throw FlightLogError(file: path, problem: "is a '\(format)' file, not a loonsim flight log")
        }
        let version = (try? file.numericAttribute("format_version"))??.first
        guard version == Double(FlightLogFormat.version) else {
            throw FlightLogError(file: path, problem: "is flight-log format version \(version.map { String(Int($0)) } ?? "?"); "
                + "this loonsim reads version \(FlightLogFormat.version)")
        }
        guard (try? file.numericAttribute("complete"))??.first == 1 else {
            throw FlightLogError(file: path, problem: "is incomplete (its writer stopped before the end)")
        }
        func text(_ name: String) throws -> String {
            guard let value = try? file.stringAttribute(name) else { throw damaged("attribute '\(name)' is missing") }
            return value
        }
        func number(_ name: String) throws -> Double {
            guard let value = try? file.numericAttribute(name), value.count == 1 else {
                throw damaged("attribute '\(name)' is missing")
            }
            return value[0]
        }
        guard let profile = PhysicsProfile(rawValue: try text("profile")) else {
            throw damaged("physics profile '\(try text("profile"))' is not one loonsim knows")
        }
        let configuration = EnvironmentConfiguration(
            profile: profile, trialSteps: Int(try number("trial_steps")),
            stationKeepingRadiusKm: try number("station_keeping_radius_km"),
            powerSafetyLayerEnabled: try number("power_safety_layer_enabled") == 1)
        let winds: WindSourceRecord
        if let grid = try? file.stringAttribute("winds_grid_file") {
            winds = .grid(file: grid, sha256: try text("winds_grid_sha256"))
        } else {
            winds = .generative(generator: try text("winds_generator"))
        }
        let agent = AgentRecord(name: try text("agent"), checkpointFile: try? file.stringAttribute("agent_checkpoint_file"),
                                checkpointSHA256: try? file.stringAttribute("agent_checkpoint_sha256"))
        let settings = FlightSettings(agent: agent, configuration: configuration, winds: winds,
                                      loonsimVersion: try text("loonsim_version"), commandLine: try text("command_line"))
        guard let scenarioGroup = try? file.group(FlightLogFormat.scenarioGroup) else { throw damaged("group 'scenario' is missing") }
        let scenario = try Scenario(group: scenarioGroup, file: path)
        guard let steps = try? file.group(FlightLogFormat.stepsGroup) else { throw damaged("group 'steps' is missing") }
        let finalTimestep = Int(try number("final_timestep"))
        let points = try readSteps(steps, count: finalTimestep, damaged: damaged)
        let result = EpisodeResult(
            seed: Int(try number("seed")), cumulativeReward: try number("cumulative_reward"),
            timeWithinRadius: try number("time_within_radius"),
            timeWithinRadiusFullTrial: try number("time_within_radius_full_trial"),
            outOfPower: try number("out_of_power") == 1, envelopeBurst: try number("envelope_burst") == 1,
            zeroPressure: try number("zeropressure") == 1, finalTimestep: finalTimestep,
            trialSteps: configuration.trialSteps, flightPath: points)
        return FlightLog(scenario: scenario, settings: settings, result: result)
    }

    /// The per-step records: every column must hold `count` values the column can take.
    private static func readSteps(_ group: HDF5Group, count: Int,
                                  damaged: (String) -> FlightLogError) throws -> [FlightPoint] {
        guard count >= 0 else { throw damaged("final_timestep is negative") }
        var points = [FlightPoint](repeating: FlightPoint(
            elapsedSeconds: 0, xMeters: 0, yMeters: 0, latitudeDeg: 0, longitudeDeg: 0, pressurePa: 0, altitudeM: 0,
            superpressurePa: 0, batteryStateOfCharge: 0, batteryChargeWh: 0, command: 1, effectiveCommand: 1, acsPowerW: 0,
            solarPowerW: 0, forecastWindU: 0, forecastWindV: 0, windU: 0, windV: 0, reward: 0, distanceKm: 0,
            powerSafetyPaused: false, envelopeSafetyState: .nominal, altitudeSafetyState: .nominal, status: .ok), count: count)
        for column in FlightLogColumn.all {
            let name = "'steps/\(column.name)'"
            guard group.contains(column.name) else { throw damaged("dataset \(name) is missing") }
            func values<T: HDF5Element>(_: T.Type) throws -> [T] {
                guard let values = try? group.dataset(column.name).read(as: T.self) else {
                    throw damaged("dataset \(name) cannot be read")
                }
                guard values.count == count else {
                    throw damaged("dataset \(name) holds \(values.count) steps, final_timestep says \(count)")
                }
                return values
            }
            switch column.storage {
            case .real(let key):
                for (index, value) in try values(Double.self).enumerated() { points[index][keyPath: key] = value }
            case .integer(let key):
                for (index, value) in try values(Int64.self).enumerated() { points[index][keyPath: key] = value }
            case .code(_, let decode):
                for (index, value) in try values(Int8.self).enumerated() where !decode(&points[index], value) {
                    throw damaged("dataset \(name) holds \(value) at step \(index + 1), which is not one of \(column.units)")
                }
            }
        }
        return points
    }

    /// The reader's problem for a file HDF5 cannot open.
    static func problem(of error: Error, path: String) -> String {
        let text = "\(error)"
        let prefix = path + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
