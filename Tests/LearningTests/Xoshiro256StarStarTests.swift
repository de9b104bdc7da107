@testable import Learning
import TestSupport
import XCTest

/// The learning code's names for `SeededRandom`'s draws (its algorithm is tested in RandomnessTests).
final class Xoshiro256StarStarTests: XCTestCase {
    func testUniformsAndGaussiansHaveTheRightMoments() {
        var generator = Xoshiro256StarStar(seed: 1)
        let uniforms = (0..<20_000).map { _ in generator.nextUniform() }
        XCTAssertTrue(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        assertClose(uniforms.reduce(0, +) / 20_000, 0.5, absolute: 0.01, "uniform mean")
        let normals = (0..<20_000).map { _ in generator.nextGaussian() }
        let mean = normals.reduce(0, +) / 20_000
        assertClose(mean, 0, absolute: 0.03, "normal mean")
        assertClose(normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20_000, 1, absolute: 0.04, "normal variance")
    }

    func testBoundedIntegersCoverTheRangeEvenly() {
        var generator = Xoshiro256StarStar(seed: 2)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<7000 { counts[generator.nextInt(below: 7)] += 1 }
        XCTAssertTrue(counts.allSatisfy { (880...1120).contains($0) }, "counts \(counts)")
    }

    func testLabelledStreamsDependOnlyOnSeedAndLabel() {
        var a = Xoshiro256StarStar(seed: 3, label: "features.block0.draw1")
        var b = Xoshiro256StarStar(seed: 3, label: "features.block0.draw1")
        var c = Xoshiro256StarStar(seed: 3, label: "features.block1.draw1")
        let first = a.next()
        XCTAssertEqual(first, b.next())
        XCTAssertNotEqual(first, c.next())
    }
}
