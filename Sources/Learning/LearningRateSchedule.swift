import Foundation

/// A learning rate that warms up linearly, then decays to a floor.
///
/// For step t (0-based, the number of updates taken before this one):
/// * t < warmupSteps: `peak·(t + 1)/warmupSteps`;
/// * after: with progress p = (t − warmupSteps)/(totalSteps − warmupSteps), clamped to [0, 1],
///   `floor + (peak − floor)·f(p)`, where f is 1 (constant), 1 − p (linear) or
///   (1 + cos πp)/2 (cosine), and `floor = peak·finalFraction`.
public struct LearningRateSchedule: Codable, Equatable, Sendable {
    /// The shape of the decay after warm-up.
    public enum Decay: String, Codable, Equatable, Sendable {
        case constant, linear, cosine
    }

    /// The learning rate at the end of warm-up.
    public var peak: Float
    /// Steps of linear warm-up from peak/warmupSteps to peak (0: none).
    public var warmupSteps: Int
    /// The step at which the decay reaches its floor (and stays there).
    public var totalSteps: Int
    public var decay: Decay
    /// The floor as a fraction of `peak`.
    public var finalFraction: Float

    public init(peak: Float, warmupSteps: Int = 0, totalSteps: Int = 1, decay: Decay = .cosine, finalFraction: Float = 0) {
        (self.peak, self.warmupSteps, self.totalSteps, self.decay, self.finalFraction)
            = (peak, warmupSteps, totalSteps, decay, finalFraction)
    }

    /// A schedule that is `rate` at every step.
    public static func constant(_ rate: Float) -> LearningRateSchedule {
        LearningRateSchedule(peak: rate, decay: .constant, finalFraction: 1)
    }

    /// The learning rate for the update after `step` updates.
    public func learningRate(atStep step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let span = max(totalSteps - warmupSteps, 1)
        let progress = min(max(Double(step - warmupSteps) / Double(span), 0), 1)
        let fraction: Double
        switch decay {
        case .constant: fraction = 1
        case .linear: fraction = 1 - progress
        case .cosine: fraction = 0.5 * (1 + cos(Double.pi * progress))
        }
        let floor = Double(peak) * Double(finalFraction)
        return Float(floor + (Double(peak) - floor) * fraction)
    }
}
