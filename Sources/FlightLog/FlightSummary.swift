import BalloonPhysics
import Evaluation
import Foundation
import StationKeeping

/// What a flight did, in a few figures: station keeping, distance, energy, actions, safety layers, failure.
public struct FlightSummary: Sendable, Equatable {
    /// Agent steps flown, and the trial's length.
    public var steps: Int
    public var trialSteps: Int
    /// Hours flown: the steps times the 3-minute agent step.
    public var hoursFlown: Double { Double(steps) * Self.stepHours }
    /// One agent step, h.
    static let stepHours = Double(EnvironmentConfiguration.stepSeconds) / 3600
    /// BLE's TWR50 (steps within the radius ÷ steps flown) and over the full trial.
    public var timeWithinRadius: Double
    public var timeWithinRadiusFullTrial: Double
    /// Time spent within 50 km, hours (post-step states within 50 km × 3 min).
    public var hoursWithin50Km: Double
    /// Distance to the station after each step, km.
    public var distanceMinKm: Double
    public var distanceMeanKm: Double
    public var distanceMedianKm: Double
    public var distanceMaxKm: Double
    public var distanceFinalKm: Double
    /// Pump energy, Wh: each step's ACS power (in its last inner step) held for the 180-s step.
    public var pumpEnergyWh: Double
    /// Commanded and effective actions: counts of DOWN, STAY, UP.
    public var commanded: [Int]
    public var effective: [Int]
    /// Steps where the safety layers let through another action than the one commanded.
    public var interventions: Int
    /// Steps after which each layer held navigation: power paused, envelope and altitude not nominal.
    public var powerPausedSteps: Int
    public var envelopeHeldSteps: Int
    public var altitudeHeldSteps: Int
    /// The status the flight ended with (BLE's name), or nil for none.
    public var failure: String?
    /// The cumulative reward.
    public var cumulativeReward: Double

    public init(_ log: FlightLog) {
        let path = log.result.flightPath
        steps = path.count
        trialSteps = log.result.trialSteps
        timeWithinRadius = log.result.timeWithinRadius
        timeWithinRadiusFullTrial = log.result.timeWithinRadiusFullTrial
        hoursWithin50Km = Double(path.filter { $0.distanceKm <= 50 }.count) * Self.stepHours
        let distances = path.map(\.distanceKm).sorted()
        distanceMinKm = distances.first ?? 0
        distanceMaxKm = distances.last ?? 0
        distanceMeanKm = distances.isEmpty ? 0 : path.reduce(0) { $0 + $1.distanceKm } / Double(distances.count)
        distanceMedianKm = distances.isEmpty ? 0 : distances.count % 2 == 1 ? distances[distances.count / 2]
            : (distances[distances.count / 2 - 1] + distances[distances.count / 2]) / 2
        distanceFinalKm = path.last?.distanceKm ?? 0
        pumpEnergyWh = path.map(\.acsPowerW).reduce(0, +) * Self.stepHours
        commanded = (0..<3).map { action in path.filter { $0.command == action }.count }
        effective = (0..<3).map { action in path.filter { $0.effectiveCommand == action }.count }
        interventions = path.filter(\.safetyLayerIntervened).count
        powerPausedSteps = path.filter(\.powerSafetyPaused).count
        envelopeHeldSteps = path.filter { $0.envelopeSafetyState != .nominal }.count
        altitudeHeldSteps = path.filter { $0.altitudeSafetyState != .nominal }.count
        let last = path.last?.status ?? .ok
        failure = last == .ok ? nil : last.description
        cumulativeReward = log.result.cumulativeReward
    }

    /// The summary as `loonsim replay` prints it.
    public var lines: [String] {
        [
            String(format: "  TWR50 %.4f (%d of %d steps flown)  ·  over the full trial %.4f", timeWithinRadius, steps,
                   trialSteps, timeWithinRadiusFullTrial),
            String(format: "  time within 50 km   %.2f h of %.2f h", hoursWithin50Km, hoursFlown),
            String(format: "  distance            min %.1f · median %.1f · mean %.1f · max %.1f · final %.1f km",
                   distanceMinKm, distanceMedianKm, distanceMeanKm, distanceMaxKm, distanceFinalKm),
            String(format: "  pump energy         %.1f Wh", pumpEnergyWh),
            "  actions             commanded down \(commanded[0]) · stay \(commanded[1]) · up \(commanded[2]); "
                + "effective down \(effective[0]) · stay \(effective[1]) · up \(effective[2])",
            "  safety layers       \(interventions) intervention\(interventions == 1 ? "" : "s"); held navigation: "
                + "power \(powerPausedSteps) · envelope \(envelopeHeldSteps) · altitude \(altitudeHeldSteps) steps",
            "  failure             \(failure ?? "none")" + String(format: "  ·  cumulative reward %.2f", cumulativeReward),
        ]
    }
}
