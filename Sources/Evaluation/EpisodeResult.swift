import BalloonPhysics
import StationKeeping

/// One post-step state of a flight, as BLE's `flight_path` entries record it (reference §7.3).
public struct FlightPoint: Sendable, Equatable, Codable {
    /// East and north offsets from the station, km.
    public var xKm: Double
    public var yKm: Double
    /// Ambient pressure, Pa, and superpressure, Pa.
    public var pressurePa: Double
    public var superpressurePa: Double
    /// Time since the start, s.
    public var elapsedSeconds: Int64
    /// Battery state of charge, 0…1.
    public var batteryStateOfCharge: Double
    /// The commanded and the effective command (after the safety layers), 0 DOWN, 1 STAY, 2 UP.
    public var command: Int
    public var effectiveCommand: Int
    /// The step's reward and the distance to the station after it, km.
    public var reward: Double
    public var distanceKm: Double
    /// The ground-truth wind applied during the step, m/s.
    public var windU: Double
    public var windV: Double
    /// Balloon status after the step (BLE's names).
    public var status: String
}

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

    /// Whether the flight ended in a failure.
    public var failed: Bool { outOfPower || envelopeBurst || zeroPressure }
}
