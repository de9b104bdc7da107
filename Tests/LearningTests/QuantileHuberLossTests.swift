import XCTest
@testable import Learning

final class QuantileHuberLossTests: XCTestCase {
    /// θ = (0, 1) at τ̂ = (¼, ¾), targets (0.5, 3), κ = 1, worked by hand:
    /// i = 0: δ = (0.5, 3), weights (¼, ¼), Huber (0.125, 2.5) → (0.03125 + 0.625)/2 = 0.328125;
    /// i = 1: δ = (−0.5, 2), weights (¼, ¾), Huber (0.125, 1.5) → (0.03125 + 1.125)/2 = 0.578125.
    /// dL/dθ₀ = −(¼·0.5 + ¼·1)/2 = −0.1875; dL/dθ₁ = −(¼·(−0.5) + ¾·1)/2 = −0.3125.
    func testLossAndGradientMatchAHandWorkedExample() {
        let loss = QuantileHuberLoss(kappa: 1)
        var gradient: [Float] = [9, 9]
        let value = [Float(0), 1].withUnsafeBufferPointer { q in
            [Float(0.5), 3].withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { loss.loss(quantiles: q, targets: t, gradient: $0) }
            }
        }
        XCTAssertEqual(value, 0.90625, accuracy: 1e-7)
        XCTAssertEqual(gradient[0], -0.1875, accuracy: 1e-7)
        XCTAssertEqual(gradient[1], -0.3125, accuracy: 1e-7)
    }

    func testMidpointsAreBLEs() {
        let tau = QuantileHuberLoss.midpoints(count: 51)
        XCTAssertEqual(tau.first!, 0.5 / 51, accuracy: 1e-7)
        XCTAssertEqual(tau.last!, 50.5 / 51, accuracy: 1e-7)
    }

    func testGradientMatchesFiniteDifferencesAcrossTheHuberKnee() {
        var generator = Xoshiro256StarStar(seed: 3, label: "quantile-loss-test")
        let loss = QuantileHuberLoss(kappa: 0.7)
        let quantiles = (0..<7).map { _ in Float(generator.nextGaussian() * 2) }
        let targets = (0..<5).map { _ in Float(generator.nextGaussian() * 2) }
        var gradient = [Float](repeating: 0, count: quantiles.count)
        _ = quantiles.withUnsafeBufferPointer { q in
            targets.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { loss.loss(quantiles: q, targets: t, gradient: $0, gradientScale: 1) }
            }
        }
        for index in quantiles.indices {
            let step: Float = 1e-3
            var up = quantiles, down = quantiles
            up[index] += step
            down[index] -= step
            let numeric = (loss.loss(quantiles: up, targets: targets) - loss.loss(quantiles: down, targets: targets)) / (2 * step)
            XCTAssertEqual(gradient[index], numeric, accuracy: 2e-3, "quantile \(index)")
        }
    }

    func testGradientScaleMultipliesTheGradientButNotTheLoss() {
        let loss = QuantileHuberLoss()
        var plain: [Float] = [0, 0], scaled: [Float] = [0, 0]
        let q: [Float] = [0.2, -1], t: [Float] = [1, 0, 4]
        let a = q.withUnsafeBufferPointer { q in t.withUnsafeBufferPointer { t in plain.withUnsafeMutableBufferPointer { loss.loss(quantiles: q, targets: t, gradient: $0) } } }
        let b = q.withUnsafeBufferPointer { q in t.withUnsafeBufferPointer { t in scaled.withUnsafeMutableBufferPointer { loss.loss(quantiles: q, targets: t, gradient: $0, gradientScale: 0.25) } } }
        XCTAssertEqual(a, b)
        XCTAssertEqual(scaled[0], plain[0] * 0.25, accuracy: 1e-7)
        XCTAssertEqual(scaled[1], plain[1] * 0.25, accuracy: 1e-7)
    }
}

final class WarmStartRankingTermTests: XCTestCase {
    /// w Σ_a ((Q_a − Q̄) − (T_a − T̄))² with 3 actions of 2 quantiles: network means (1, 2, 6), teacher
    /// means (0, 3, 3); differences (1, −1, 3), mean 1, errors (0, −2, 2): loss w·8 = 80 for w = 10.
    func testTheRankingTermMatchesAHandWorkedExampleAndItsFiniteDifferences() {
        let quantiles: [Float] = [0, 2, 1, 3, 5, 7]
        let teacher: [Float] = [-1, 1, 3, 3, 2, 4]
        var gradient = [Float](repeating: 0, count: 6)
        func term(_ q: [Float], into g: inout [Float]) -> Float {
            q.withUnsafeBufferPointer { q in
                g.withUnsafeMutableBufferPointer { g in
                    Trainer.addAdvantageLoss(quantiles: q, teacher: teacher, gradient: g, row: 0, actionCount: 3,
                                             quantileCount: 2, weight: 10, gradientScale: 1)
                }
            }
        }
        XCTAssertEqual(term(quantiles, into: &gradient), 80, accuracy: 1e-5)
        // dL/dθ_{a,i} = 2w·e_a/N = 10·e_a: (0, 0, −20, −20, 20, 20).
        XCTAssertEqual(gradient, [0, 0, -20, -20, 20, 20])
        var scratch = [Float](repeating: 0, count: 6)
        for index in 0..<6 {
            var up = quantiles, down = quantiles
            up[index] += 1e-2
            down[index] -= 1e-2
            let numeric = (term(up, into: &scratch) - term(down, into: &scratch)) / 2e-2
            XCTAssertEqual(gradient[index], numeric, accuracy: 1e-2, "quantile \(index)")
        }
    }
}
