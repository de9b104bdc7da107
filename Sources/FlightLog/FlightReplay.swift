import BalloonPhysics
import Evaluation
import StationKeeping
import WindField

/// Re-flies a flight log's commanded actions through the simulator and compares every step, bit
/// for bit, with what the log holds.
///
/// Verification needs only the log and the winds: the agent is not consulted, so a learned agent's
/// checkpoint need not be at hand. An edited action, position or total shows up as a divergence.
public enum FlightReplay {
    /// What a replay found.
    public struct Outcome: Sendable {
        /// The first difference, or nil when every step and total is identical.
        public var divergence: Divergence?
        /// Steps re-flown (up to and including a divergent one).
        public var stepsReplayed: Int
        /// The wind column after each re-flown step, when asked for.
        public var windColumn: WindColumn?

        /// Whether the replay reproduced the log exactly.
        public var identical: Bool { divergence == nil }
    }

    /// Reads the log at `file` and replays it over the winds it names (or `gridOverride`), sampling
    /// the wind column at ``WindColumn/defaultPressuresPa`` when `drawing` (for a flight page).
    ///
    /// `loonsim replay FILE` and ``FolderReplay`` both go through here.
    public static func replay(file: String, decoder: () throws -> VAEDecoder, gridOverride: String?,
                              drawing: Bool) throws -> (log: FlightLog, outcome: Outcome) {
        let log = try FlightLog.read(file)
        let winds = try FlightWinds.source(for: log, file: file, decoder: decoder, gridOverride: gridOverride)
        return (log, try replay(log, file: file, winds: winds, windColumn: drawing ? WindColumn.defaultPressuresPa : nil))
    }

    /// Replays `log` over `winds` (the source the log names; see ``FlightWinds``).
    ///
    /// - Parameter windColumn: the levels to sample the wind column at after each step, or nil.
    /// - Throws: ``FlightLogError`` when the scenario cannot be flown at all.
    public static func replay(_ log: FlightLog, file: String, winds: StationKeepingEnvironment.WindSource,
                              windColumn levels: [Double]? = nil) throws -> Outcome {
        let environment = StationKeepingEnvironment(configuration: log.settings.configuration, winds: winds)
        do {
            _ = try environment.reset(scenario: log.scenario)
        } catch {
            throw FlightLogError(file: file, problem: "its scenario cannot be flown: \(error)")
        }
        var column = levels.map { WindColumn(pressuresPa: $0) }
        let logged = log.result.flightPath
        let columns = FlightLogColumn.all
        var cumulativeReward = 0.0
        var within = 0
        var ended = false
        for (index, point) in logged.enumerated() {
            let step = index + 1
            func diverged(_ field: String, _ loggedValue: String, _ replayedValue: String) -> Outcome {
                Outcome(divergence: Divergence(step: step, field: field, logged: loggedValue, replayed: replayedValue),
                        stepsReplayed: step, windColumn: column)
            }
            if ended {
                return diverged("final_timestep", "\(logged.count)", "\(index) (the flight ended at step \(index))")
            }
            guard let command = AltitudeControlCommand(rawValue: point.command) else {
                return diverged("action", "\(point.command)", "no such action (0 DOWN, 1 STAY, 2 UP)")
            }
            let result: StepResult
            do {
                result = try environment.step(command)
            } catch {
                return diverged("status", point.status.description, "no step: \(error)")
            }
            let state = environment.state!
            let replayed = FlightPoint(after: result, state: state, command: command)
            if let forecast = environment.forecast, column != nil {
                column!.append(forecast: forecast, noise: log.scenario.windNoise, xMeters: state.xMeters,
                               yMeters: state.yMeters, elapsedSeconds: Double(state.elapsedSeconds))
            }
            for field in columns where field.bits(point) != field.bits(replayed) {
                return diverged(field.name, field.text(point), field.text(replayed))
            }
            cumulativeReward += result.reward
            if result.info.withinRadius { within += 1 }
            ended = result.terminated || result.truncated
        }
        let count = logged.count
        if !ended && count < log.settings.configuration.trialSteps {
            return Outcome(divergence: Divergence(step: count + 1, field: "final_timestep", logged: "\(count)",
                                                  replayed: "the flight goes on after step \(count)"),
                           stepsReplayed: count, windColumn: column)
        }
        let totals: [(String, Double, Double)] = [
            ("cumulative_reward", log.result.cumulativeReward, cumulativeReward),
            ("time_within_radius", log.result.timeWithinRadius, count == 0 ? 0 : Double(within) / Double(count)),
            ("time_within_radius_full_trial", log.result.timeWithinRadiusFullTrial,
             Double(within) / Double(log.settings.configuration.trialSteps)),
        ]
        for (name, loggedValue, replayedValue) in totals where loggedValue.bitPattern != replayedValue.bitPattern {
            return Outcome(divergence: Divergence(step: nil, field: name, logged: "\(loggedValue)", replayed: "\(replayedValue)"),
                           stepsReplayed: count, windColumn: column)
        }
        let status = environment.state!.status
        let flags: [(String, Bool, Bool)] = [
            ("out_of_power", log.result.outOfPower, status == .outOfPower),
            ("envelope_burst", log.result.envelopeBurst, status == .burst),
            ("zeropressure", log.result.zeroPressure, status == .zeroPressure),
        ]
        for (name, loggedValue, replayedValue) in flags where loggedValue != replayedValue {
            return Outcome(divergence: Divergence(step: nil, field: name, logged: "\(loggedValue)", replayed: "\(replayedValue)"),
                           stepsReplayed: count, windColumn: column)
        }
        return Outcome(divergence: nil, stepsReplayed: count, windColumn: column)
    }
}
