import BalloonPhysics

/// What `step` returns, in Gymnasium's shape: `(observation, reward, terminated, truncated, info)`.
public struct StepResult: Sendable {
    /// The observation of the post-step state.
    public var observation: Observation
    /// BLE's reward for the post-step state (reference §5.1).
    public var reward: Double
    /// The flight ended (out of power, burst, zero pressure): there is no next state.
    public var terminated: Bool
    /// The trial's time limit was reached: value targets should bootstrap through this.
    public var truncated: Bool
    /// Details of the step.
    public var info: StepInfo
}

/// Details of a state, as BLE's `info` dictionary plus what loonsim adds.
public struct StepInfo: Sendable, Equatable {
    /// Agent steps taken since reset.
    public var stepCount: Int
    /// Time since the start of the episode, s.
    public var elapsedSeconds: Int64
    /// The balloon's status after the step.
    public var status: BalloonStatus
    /// The command the safety layers let through (nil at reset).
    public var effectiveCommand: AltitudeControlCommand?
    /// Distance to the station, km.
    public var distanceKm: Double
    /// Whether the balloon is within the station-keeping radius (inclusive).
    public var withinRadius: Bool
    /// The ground-truth wind applied during the step (nil at reset), m/s.
    public var appliedWind: WindVector?
    /// The forecast wind at the start-of-step state, where ``appliedWind`` was read (nil at reset), m/s.
    public var forecastWind: WindVector?

    /// BLE's `info['out_of_power']`.
    public var outOfPower: Bool { status == .outOfPower }
    /// BLE's `info['envelope_burst']`.
    public var envelopeBurst: Bool { status == .burst }
    /// BLE's `info['zeropressure']`.
    public var zeroPressure: Bool { status == .zeroPressure }
}
