@testable import Learning
import TestSupport
import XCTest

final class RandomFeaturesTests: XCTestCase {
    func testOrthogonalFeaturesAreOrthogonalWithinEachBlock() {
        var generator = Xoshiro256StarStar(seed: 1)
        let d = 8
        let features = RandomFeatures.draw(count: 20, dimension: d, kind: .orthogonal, using: &generator)
        XCTAssertEqual(features.shape, [20, d])
        for block in [0..<8, 8..<16, 16..<20] {
            for i in block {
                for j in block where j > i {
                    var (dot, normA, normB) = (0.0, 0.0, 0.0)
                    for c in 0..<d {
                        let (a, b) = (Double(features[i, c]), Double(features[j, c]))
                        dot += a * b
                        normA += a * a
                        normB += b * b
                    }
                    let cosine = dot / (normA * normB).squareRoot()
                    assertClose(cosine, 0, absolute: 1e-6, "cosine of rows \(i) and \(j)")
                }
            }
        }
    }

    func testOrthogonalRowLengthsFollowTheChiDistribution() {
        // E[χ_d] = √2·Γ((d+1)/2)/Γ(d/2) ≈ 3.938 for d = 16.
        var generator = Xoshiro256StarStar(seed: 2)
        let d = 16
        let features = RandomFeatures.draw(count: 2048, dimension: d, kind: .orthogonal, using: &generator)
        let lengths: [Double] = (0..<2048).map { row in
            var squared = 0.0
            for c in 0..<d { squared += Double(features[row, c]) * Double(features[row, c]) }
            return squared.squareRoot()
        }
        let mean = lengths.reduce(0, +) / Double(lengths.count)
        let expected = 2.0.squareRoot() * exp(lgamma(Double(d + 1) / 2) - lgamma(Double(d) / 2))
        assertClose(mean, expected, absolute: 0.05, "mean row length (standard error ≈ 0.016)")
        let meanSquare = lengths.map { $0 * $0 }.reduce(0, +) / Double(lengths.count)
        assertClose(meanSquare, Double(d), relative: 0.05, "E[χ²_d] = d")
    }

    func testIndependentFeaturesAreStandardNormal() {
        var generator = Xoshiro256StarStar(seed: 3)
        let values = RandomFeatures.draw(count: 500, dimension: 8, kind: .independent, using: &generator).scalars.map(Double.init)
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        assertClose(mean, 0, absolute: 0.05, "mean")
        assertClose(variance, 1, absolute: 0.05, "variance")
    }

    func testTheSameSeedDrawsTheSameFeatures() {
        var first = Xoshiro256StarStar(seed: 4), second = Xoshiro256StarStar(seed: 4)
        XCTAssertTrue(RandomFeatures.draw(count: 12, dimension: 5, kind: .orthogonal, using: &first)
            .isBitIdentical(to: RandomFeatures.draw(count: 12, dimension: 5, kind: .orthogonal, using: &second)))
    }
}
