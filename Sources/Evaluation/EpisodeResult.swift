import BalloonPhysics
import StationKeeping

/// The outcome of one evaluation episode, with BLE's metrics (reference §7.2) and loonsim's.
public struct EpisodeResult: Sendable, Equatable, Codable {
    public var seed: Int
    /// Sum of rewards (at most the number of steps).
    public var cumulativeReward: Double
    /// BLE's TWR50: post-step states within the radius ÷ steps flown.
    public var timeWithinRadius: Double
    /// TWR50 over the full trial: states within the radius ÷ the trial's steps, so an early
    /// failure scores its missing steps as outside.
    public var timeWithinRadiusFullTrial: Double
    public var outOfPower: Bool
    public var envelopeBurst: Bool
    public var zeroPressure: Bool
    /// Steps flown (the trial length unless the flight ended early).
    public var finalTimestep: Int
    /// Steps the trial allows.
    public var trialSteps: Int
    /// The post-step states, one per step.
    public var flightPath: [FlightPoint]

    public init(seed: Int, cumulativeReward: Double, timeWithinRadius: Double, timeWithinRadiusFullTrial: Double,
                outOfPower: Bool, envelopeBurst: Bool, zeroPressure: Bool, finalTimestep: Int, trialSteps: Int,
                flightPath: [FlightPoint]) {
        self.seed = seed
        self.cumulativeReward = cumulativeReward
        self.timeWithinRadius = timeWithinRadius
        self.timeWithinRadiusFullTrial = timeWithinRadiusFullTrial
        self.outOfPower = outOfPower
        self.envelopeBurst = envelopeBurst
        self.zeroPressure = zeroPressure
        self.finalTimestep = finalTimestep
        self.trialSteps = trialSteps
        self.flightPath = flightPath
    }

    /// Whether the flight ended in a failure.
    public var failed: Bool { outOfPower || envelopeBurst || zeroPressure }
}
