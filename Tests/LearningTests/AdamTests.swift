@testable import Learning
import TestSupport
import XCTest

/// A model with one parameter vector, for optimizer tests.
private struct Vector: ParameterContainer {
    var theta: Parameter
    init(_ values: [Float]) { theta = Parameter(Tensor(shape: [values.count], scalars: values)) }
    mutating func visitParameters(_ visit: (String, inout Parameter) -> Void) { visit("theta", &theta) }
    mutating func setGradient(_ values: [Float]) { theta.gradient = Tensor(shape: [values.count], scalars: values) }
}

final class AdamTests: XCTestCase {
    func testFirstStepMovesEachParameterByAboutTheLearningRate() {
        var model = Vector([1, 2, 3])
        model.setGradient([0.5, -20, 1e-3])
        var adam = Adam(configuration: AdamConfiguration(maxGradientNorm: nil))
        adam.update(&model, learningRate: 0.01)
        // m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g).
        assertClose(model.theta.value[0], 0.99, absolute: 1e-6, "θ₀")
        assertClose(model.theta.value[1], 2.01, absolute: 1e-6, "θ₁")
        assertClose(model.theta.value[2], 2.99, absolute: 1e-6, "θ₂")
        XCTAssertEqual(adam.step, 1)
    }

    func testMatchesADoublePrecisionReferenceOverSeveralSteps() {
        let gradients: [[Float]] = [[0.3, -1.2], [0.1, 0.4], [-0.7, 0.9], [0.2, 0.2]]
        let configuration = AdamConfiguration(beta1: 0.8, beta2: 0.95, epsilon: 1e-3, maxGradientNorm: nil)
        var model = Vector([0.5, -0.25])
        var adam = Adam(configuration: configuration)
        var (theta, m, v) = ([0.5, -0.25], [0.0, 0.0], [0.0, 0.0])
        for (t, g) in gradients.enumerated() {
            model.setGradient(g)
            adam.update(&model, learningRate: 0.1)
            for i in 0..<2 {
                m[i] = 0.8 * m[i] + 0.2 * Double(g[i])
                v[i] = 0.95 * v[i] + 0.05 * Double(g[i]) * Double(g[i])
                let mHat = m[i] / (1 - pow(0.8, Double(t + 1)))
                let vHat = v[i] / (1 - pow(0.95, Double(t + 1)))
                theta[i] -= 0.1 * mHat / (vHat.squareRoot() + 1e-3)
            }
        }
        assertClose(model.theta.value[0], theta[0], absolute: 1e-6, "θ₀ after 4 steps")
        assertClose(model.theta.value[1], theta[1], absolute: 1e-6, "θ₁ after 4 steps")
    }

    func testClipsTheGlobalGradientNorm() {
        var model = Vector([0, 0])
        model.setGradient([6, 8])  // norm 10
        var adam = Adam(configuration: AdamConfiguration(beta1: 0.9, maxGradientNorm: 5))
        let norm = adam.update(&model, learningRate: 0.1)
        XCTAssertEqual(norm, 10, "the norm before clipping is reported")
        // The moments saw the gradient scaled to norm 5: m = (1 − β₁)·(3, 4).
        assertClose(adam.firstMoments[0].tensor[0], 0.3, absolute: 1e-6, "m₀")
        assertClose(adam.firstMoments[0].tensor[1], 0.4, absolute: 1e-6, "m₁")
    }

    func testWithoutClippingTheReportedNormIsTheGradientsNormAndTheStepIsUnchanged() {
        let count = 50_001
        let gradient = (0..<count).map { Float(($0 * 104_729) % 997) / 300 - 1.6 }
        var (clipped, unclipped) = (Vector([Float](repeating: 0.5, count: count)), Vector([Float](repeating: 0.5, count: count)))
        clipped.setGradient(gradient)
        unclipped.setGradient(gradient)
        var withLimit = Adam(configuration: AdamConfiguration(maxGradientNorm: 1e30))  // never clips
        var withoutLimit = Adam(configuration: AdamConfiguration(maxGradientNorm: nil))
        let sequentialNorm = withLimit.update(&clipped, learningRate: 0.01, threads: 2)
        let blockedNorm = withoutLimit.update(&unclipped, learningRate: 0.01, threads: 2)
        let expected = Float(gradient.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        XCTAssertEqual(sequentialNorm, expected)
        XCTAssertEqual(blockedNorm, expected, accuracy: expected * 1e-6)
        XCTAssertEqual(unclipped.theta.value.scalars.map(\.bitPattern), clipped.theta.value.scalars.map(\.bitPattern))
    }

    func testSplittingALargeTensorAmongThreadsChangesNoBit() {
        let count = 200_003  // large enough to be split, and not a multiple of the split
        let values = (0..<count).map { Float(($0 * 7919) % 1000) / 500 - 1 }
        let gradient = (0..<count).map { Float(($0 * 104_729) % 997) / 300 - 1.6 }
        func twoSteps(threads: Int) -> [UInt32] {
            var model = Vector(values)
            var adam = Adam()
            for _ in 0..<2 {
                model.setGradient(gradient)
                adam.update(&model, learningRate: 0.01, threads: threads)
            }
            return model.theta.value.scalars.map(\.bitPattern)
        }
        XCTAssertEqual(twoSteps(threads: 2), twoSteps(threads: 1))
        XCTAssertNotEqual(twoSteps(threads: 1), values.map(\.bitPattern))
    }

    func testGradientSumsOfReplicasAreTheSameBitsOnSeveralThreads() {
        let count = 150_001
        let replicas = (0..<3).map { replica -> Vector in
            var model = Vector([Float](repeating: 0, count: count))
            model.setGradient((0..<count).map { Float(($0 * (replica + 3) * 7919) % 1013) / 97 - 5 })
            return model
        }
        func summed(threads: Int) -> [UInt32] {
            var model = Vector([Float](repeating: 0, count: count))
            model.setGradientsToSum(of: replicas, threads: threads)
            return model.theta.gradient.scalars.map(\.bitPattern)
        }
        let serial = summed(threads: 1)
        XCTAssertEqual(summed(threads: 2), serial)
        XCTAssertEqual(summed(threads: 3), serial)
        // Added in replica order: ((g₀ + g₁) + g₂).
        let k = 12_345
        let g = replicas.map { $0.theta.gradient.scalars[k] }
        XCTAssertEqual(serial[k], ((g[0] + g[1]) + g[2]).bitPattern)
    }

    func testMinimisesAQuadratic() {
        var model = Vector([3, -2, 0.5])
        let target: [Float] = [1, 1, -1]
        var adam = Adam()
        for _ in 0..<2000 {
            model.setGradient(zip(model.theta.value.scalars, target).map { 2 * ($0 - $1) })
            adam.update(&model, learningRate: 0.01)
        }
        for i in 0..<3 { assertClose(model.theta.value[i], Double(target[i]), absolute: 1e-2, "θ\(i)") }
    }

    func testRestoreRejectsMomentsThatDoNotPairUp() {
        var adam = Adam()
        let moment = [NamedTensor("theta", Tensor(zeros: [2]))]
        XCTAssertThrowsError(try adam.restore(step: 3, firstMoments: moment, secondMoments: [])) { error in
            XCTAssertEqual("\(error)", "optimizer first and second moments do not pair up")
        }
        XCTAssertThrowsError(try adam.restore(step: 0, firstMoments: moment, secondMoments: moment))
        XCTAssertNoThrow(try adam.restore(step: 3, firstMoments: moment, secondMoments: moment))
        XCTAssertEqual(adam.step, 3)
    }
}
