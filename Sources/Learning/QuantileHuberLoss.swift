import Foundation

/// QR-DQN's quantile Huber loss (Dabney et al. 2018; ble-reference.md §6.5), with its gradient.
///
/// For one sample with online quantiles θᵢ (i < N, at midpoints τ̂ᵢ = (i + ½)/N) and target
/// samples Tⱼ (j < M), with δᵢⱼ = Tⱼ − θᵢ:
///
///     ρᵢⱼ = |τ̂ᵢ − 1{δᵢⱼ < 0}| · H_κ(δᵢⱼ) / κ,     H_κ(δ) = ½δ² if |δ| ≤ κ, else κ(|δ| − ½κ)
///     L   = Σᵢ (1/M) Σⱼ ρᵢⱼ
///
/// which is Dopamine's `quantile_huber_loss` summed over i and averaged over j. The gradient is
/// dL/dθᵢ = −(1/M) Σⱼ |τ̂ᵢ − 1{δᵢⱼ < 0}| · H'_κ(δᵢⱼ) / κ with H'_κ(δ) = clamp(δ, −κ, κ).
public struct QuantileHuberLoss: Sendable {
    /// κ, the Huber threshold (BLE: 1).
    public var kappa: Float

    public init(kappa: Float = 1) {
        precondition(kappa > 0, "κ must be positive")
        self.kappa = kappa
    }

    /// The quantile midpoints τ̂ᵢ = (i + ½)/count.
    public static func midpoints(count: Int) -> [Float] {
        (0..<count).map { (Float($0) + 0.5) / Float(count) }
    }

    /// The loss of one sample; writes dL/dθᵢ (scaled by `gradientScale`) into `gradient`.
    ///
    /// - Parameters:
    ///   - quantiles: the N online quantiles θᵢ of the action taken.
    ///   - targets: the M target samples Tⱼ (constants: no gradient flows into them).
    ///   - gradient: N values, overwritten.
    ///   - gradientScale: multiplies the gradient (e.g. an importance weight over the batch size).
    @discardableResult
    public func loss(
        quantiles: UnsafeBufferPointer<Float>, targets: UnsafeBufferPointer<Float>,
        gradient: UnsafeMutableBufferPointer<Float>, gradientScale: Float = 1
    ) -> Float {
        let (n, m) = (quantiles.count, targets.count)
        precondition(gradient.count == n && m > 0, "quantile loss: gradient of \(gradient.count) for \(n) quantiles")
        let inverseM = 1 / Float(m)
        var total: Float = 0
        for i in 0..<n {
            let tau = (Float(i) + 0.5) / Float(n)
            let theta = quantiles[i]
            var lossSum: Float = 0
            var gradientSum: Float = 0
            for j in 0..<m {
                let delta = targets[j] - theta
                let weight = delta < 0 ? 1 - tau : tau
                let magnitude = abs(delta)
                let huber = magnitude <= kappa ? 0.5 * delta * delta : kappa * (magnitude - 0.5 * kappa)
                lossSum += weight * huber
                gradientSum += weight * min(max(delta, -kappa), kappa)
            }
            total += lossSum * inverseM / kappa
            gradient[i] = -gradientSum * inverseM / kappa * gradientScale
        }
        return total
    }

    /// The loss of one sample (no gradient), for tests and logging.
    public func loss(quantiles: [Float], targets: [Float]) -> Float {
        var gradient = [Float](repeating: 0, count: quantiles.count)
        return quantiles.withUnsafeBufferPointer { q in
            targets.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in loss(quantiles: q, targets: t, gradient: g) }
            }
        }
    }
}
