import BalloonPhysics
import Foundation
import StationKeeping

/// StationSeeker, the Nature paper's rule-based controller (ble-reference.md §6.1), from the
/// observation alone, reproducing BLE 1.0.1's arithmetic bit for bit.
///
/// Each valid slot `l` of the wind column gets a score; the agent steers toward the first slot
/// with the highest one: UP if it lies above the balloon (`l < 180`), DOWN if below, STAY at 180.
/// With `d` the distance to the station (km), `θ` the wind's angle off the station bearing (rad),
/// `|w|` its speed (m/s) and `u` its uncertainty:
///
///     α = exp(−d/35)                w_b = 0.6 − 0.15·clip((d − 250)/250, 0, 1)
///     wind  = (1 − α)·exp(−w_b·θ) + α·exp(−0.07·|w|)
///     score = (1 − u + 0.01)·wind + 0.5·u + 0.05·exp(−0.001·|l − 180|)
///
/// **Numerics.** BLE's features are float32 and NumPy 2 (NEP 50) keeps a float32 combined with a
/// Python float in float32, so everything up to `(1 − u + 0.01)·wind + 0.5·u` is float32
/// arithmetic, and its `exp`s are NumPy's float32 kernel (``NumPyFloat32/exp(_:)``, not `expf`).
/// The hysteresis term `0.05·exp(−0.001·|l − 180|)` has an integer argument, so it is float64
/// (libm's `exp`: glibc's on Linux, as in BLE's AVX2 export; NumPy on AVX-512 uses SVML instead, which
/// differs in the last bit for 11 of the 181 distances), and so is the final sum and the argmax. Python floats enter float32 as their
/// nearest float32 (so π is `Float(Double.pi)`, not Swift's `Float.pi`, which is rounded down).
/// Scores of neighbouring levels are often a few float32 ulps apart; these rules decide them as
/// BLE does.
///
/// Deciding allocates nothing; the agent has no episode state and may be shared or copied freely.
public struct StationSeekerAgent: MemorylessAgent {
    public var name: String { "station-seeker" }

    /// `0.05·exp(−0.001·|l − 180|)` for each slot `l` (float64, computed once).
    private let hysteresis: [Double]

    public init() {
        let constants = AgentConstants.StationSeeker.self
        hysteresis = (0..<Observation.slotCount).map { slot in
            constants.hysteresisWeight
                * exp(-constants.hysteresisDecayPerSlot * Double(abs(slot - Observation.balloonSlot)))
        }
    }

    /// UP toward a best slot above the balloon, DOWN toward one below, STAY when the balloon's own
    /// slot scores best. STAY also when no slot is valid (BLE asserts there is one).
    public func command(for observation: Observation) -> AltitudeControlCommand {
        guard let slot = bestSlot(in: observation) else { return .stay }
        if slot < Observation.balloonSlot { return .up }
        if slot > Observation.balloonSlot { return .down }
        return .stay
    }

    /// The first slot with the highest score (BLE's `find_best_pressure_level`), or nil when no slot is valid.
    public func bestSlot(in observation: Observation) -> Int? {
        var bestScore = 0.0
        var best: Int?
        forEachScore(in: observation) { slot, score in
            if score > bestScore {
                bestScore = score
                best = slot
            }
        }
        return best
    }

    /// Every slot's score, 0 for invalid slots, as BLE's `scores` array (for diagnostics; allocates).
    public func scores(for observation: Observation) -> [Double] {
        var scores = [Double](repeating: 0, count: Observation.slotCount)
        forEachScore(in: observation) { slot, score in scores[slot] = score }
        return scores
    }

    /// Calls `body(slot, score)` for each valid slot in ascending order, with BLE's arithmetic.
    @inline(__always)
    private func forEachScore(in observation: Observation, _ body: (Int, Double) -> Void) {
        observation.values.withUnsafeBufferPointer { features in
            hysteresis.withUnsafeBufferPointer { hysteresis in
                let weights = ScoreWeights(distanceFeature: features[Observation.Ambient.distanceToStation.rawValue])
                let (windSquash, pi) = (Float32Constants.windSquash, Float32Constants.pi)
                let negatedMagnitudeWeight = Float32Constants.negatedMagnitudeWeight
                let (epsilon, unknownWindScore) = (Float32Constants.confidenceEpsilon, Float32Constants.unknownWindScore)
                for slot in 0..<Observation.slotCount {
                    let index = Observation.slotIndex(slot)
                    let uncertainty = features[index], bearing = features[index + 1], magnitude = features[index + 2]
                    if Observation.isInvalidSlot(uncertainty: uncertainty, bearing: bearing, magnitude: magnitude) { continue }

                    let speed = (magnitude * windSquash) / (1 - magnitude)
                    let angle = bearing * pi
                    let speedTerm = NumPyFloat32.exp(negatedMagnitudeWeight * speed)
                    let bearingTerm = NumPyFloat32.exp(-weights.bearing * angle)
                    let wind = weights.farBlend * bearingTerm + weights.closeBlend * speedTerm
                    let confidence = (1 - uncertainty) + epsilon
                    let score = confidence * wind + uncertainty * unknownWindScore
                    body(slot, Double(score) + hysteresis[slot])
                }
            }
        }
    }
}

/// The per-observation weights of StationSeeker's wind score, in BLE's float32 arithmetic.
private struct ScoreWeights {
    /// `w_b`, the bearing weight, per radian.
    let bearing: Float
    /// `α = exp(−d/35)`, the weight of the speed term near the station.
    let closeBlend: Float
    /// `1 − α`, the weight of the bearing term.
    let farBlend: Float

    @inline(__always)
    init(distanceFeature f: Float) {
        let constants = AgentConstants.StationSeeker.self
        let distanceKm = (f * Float32Constants.distanceSquash) / (1 - f)
        let ramp = (distanceKm - Float(constants.closeBearingKm)) / Float(constants.farBearingKm - constants.closeBearingKm)
        let coefficient = min(max(ramp, 0), 1)
        bearing = Float32Constants.closeBearingWeight + coefficient * Float32Constants.bearingWeightRamp
        closeBlend = NumPyFloat32.exp(-distanceKm / Float(constants.halfRadiusKm))
        farBlend = 1 - closeBlend
    }
}

/// StationSeeker's Python-float constants as the float32 NumPy 2 turns them into (nearest float32 of the double).
private enum Float32Constants {
    static let pi = Float(Double.pi)
    static let windSquash = Float(AgentConstants.Features.windSquashMetresPerSecond)
    static let distanceSquash = Float(AgentConstants.Features.distanceSquashKm)
    static let negatedMagnitudeWeight = Float(-AgentConstants.StationSeeker.magnitudeWeight)
    static let closeBearingWeight = Float(AgentConstants.StationSeeker.closeBearingWeight)
    /// `0.45 − 0.6` is computed in float64 (−0.14999999999999997) before it meets a float32.
    static let bearingWeightRamp = Float(AgentConstants.StationSeeker.farBearingWeight
                                         - AgentConstants.StationSeeker.closeBearingWeight)
    static let confidenceEpsilon = Float(AgentConstants.StationSeeker.confidenceEpsilon)
    static let unknownWindScore = Float(AgentConstants.StationSeeker.unknownWindScore)
}
