import CDenseKernels
@testable import Learning
import XCTest

/// The C Adam step computes Adam's per-element arithmetic, written out in Swift here, to the bit on every path.
final class AdamKernelTests: XCTestCase {

    func testEveryPathGivesTheSwiftArithmeticsBitsWithTailsAndSpecialValues() {
        // Lengths with and without a tail past blocks of 16; gradients spanning many magnitudes,
        // with zeros of both signs, a subnormal, and moments already large.
        for count in [1, 15, 16, 17, 100, 1_003] {
            var gradient = kernelTestValues(count, seed: UInt64(count), range: 4).enumerated().map { index, value in
                value * Float(sign: .plus, exponent: (index % 40) - 25, significand: 1)
            }
            if count > 3 { (gradient[0], gradient[1], gradient[2]) = (0, -0.0, .leastNonzeroMagnitude) }
            let theta0 = kernelTestValues(count, seed: 7, range: 2)
            let m0 = kernelTestValues(count, seed: 8, range: 0.2)
            let v0 = kernelTestValues(count, seed: 9, range: 0.02, offset: 0.01)
            let (clip, beta1, beta2, stepSize, root, epsilon): (Float, Float, Float, Float, Float, Float) =
                (0.73, 0.9, 0.999, 6.25e-5 / 0.271, 0.0447, 1.5e-4)

            var (theta, m, v) = (theta0, m0, v0)
            for i in 0..<count {  // Adam.swift's step before it moved to C
                let g = gradient[i] * clip
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                theta[i] -= stepSize * m[i] / (v[i].squareRoot() / root + epsilon)
            }
            for path in supportedKernelPaths {
                var (t, mc, vc) = (theta0, m0, v0)
                loonsim_adam_step_on(path, gradient, &t, &mc, &vc, count, clip, beta1, beta2, stepSize, root, epsilon)
                XCTAssertEqual(t.map(\.bitPattern), theta.map(\.bitPattern), "θ, \(count) elements, path \(path.rawValue)")
                XCTAssertEqual(mc.map(\.bitPattern), m.map(\.bitPattern), "m, \(count) elements, path \(path.rawValue)")
                XCTAssertEqual(vc.map(\.bitPattern), v.map(\.bitPattern), "v, \(count) elements, path \(path.rawValue)")
            }
            XCTAssertNotEqual(theta.map(\.bitPattern), theta0.map(\.bitPattern), "the step moves θ")
        }
    }

    func testTheStepLeavesMemoryPastTheLastElementAlone() {
        for path in supportedKernelPaths {
            var (theta, m, v) = ([Float](repeating: 1, count: 20), [Float](repeating: 0, count: 20),
                                 [Float](repeating: 0, count: 20))
            let gradient = [Float](repeating: 0.5, count: 20)
            loonsim_adam_step_on(path, gradient, &theta, &m, &v, 5, 1, 0.9, 0.999, 0.01, 1, 1e-8)
            XCTAssertEqual(Array(theta[5...]), [Float](repeating: 1, count: 15), "path \(path.rawValue)")
            XCTAssertEqual(Array(m[5...]), [Float](repeating: 0, count: 15), "path \(path.rawValue)")
            XCTAssertNotEqual(theta[4], 1)
        }
    }
}
