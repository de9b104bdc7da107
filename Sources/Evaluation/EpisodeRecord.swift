import BalloonPhysics
import StationKeeping

/// An episode being flown: what BLE's eval loop keeps from step to step (reference §7.2).
///
/// ``EpisodeRunner`` (one episode at a time) and ``LockstepRunner`` (a batch in lockstep) both
/// record their steps here, so they score an episode identically.
struct EpisodeRecord {
    let scenario: Scenario
    let trialSteps: Int
    private(set) var path: [FlightPoint] = []
    private var cumulative = 0.0
    private var within = 0
    private(set) var lastReward = 0.0
    private(set) var terminal = false
    /// Whether the episode has ended (a failure, a truncation or the trial's last step).
    private(set) var isFinished = false

    init(scenario: Scenario, trialSteps: Int) {
        self.scenario = scenario
        self.trialSteps = trialSteps
        path.reserveCapacity(trialSteps)
        isFinished = trialSteps <= 0
    }

    /// The seed the episode's agent randomness starts from.
    var agentSeed: UInt64 { UInt64(bitPattern: Int64(scenario.seed ?? 0)) }

    /// Records the step that flew `command` and left the balloon in `state`.
    mutating func record(_ result: StepResult, state: BalloonState, command: AltitudeControlCommand) {
        path.append(FlightPoint(after: result, state: state, command: command))
        cumulative += result.reward
        lastReward = result.reward
        if result.info.withinRadius { within += 1 }
        terminal = result.terminated
        isFinished = result.terminated || result.truncated || path.count >= trialSteps
    }

    /// The scored episode; `finalState` is the environment's state after the last step.
    func result(finalState: BalloonState) -> EpisodeResult {
        let status = finalState.status
        return EpisodeResult(
            seed: scenario.seed ?? 0, cumulativeReward: cumulative,
            timeWithinRadius: path.isEmpty ? 0 : Double(within) / Double(path.count),
            timeWithinRadiusFullTrial: Double(within) / Double(trialSteps),
            outOfPower: status == .outOfPower, envelopeBurst: status == .burst, zeroPressure: status == .zeroPressure,
            finalTimestep: path.count, trialSteps: trialSteps, flightPath: path)
    }
}
