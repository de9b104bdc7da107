@testable import Learning
import TestSupport
import XCTest

final class Xoshiro256StarStarTests: XCTestCase {
    func testSplitMix64MatchesItsReferenceOutputs() {
        // The published test vector of splitmix64.c started at 1234567.
        var state: UInt64 = 1_234_567
        let outputs = (0..<5).map { _ in Xoshiro256StarStar.splitMix64(&state) }
        XCTAssertEqual(outputs, [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                                 4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    func testMatchesTheReferenceImplementation() {
        // From a transcription of xoshiro256starstar.c seeded with splitmix64 (seed 0 and 42).
        var zero = Xoshiro256StarStar(seed: 0)
        XCTAssertEqual((0..<4).map { _ in zero.next() },
                       [11_091_344_671_253_066_420, 13_793_997_310_169_335_082, 1_900_383_378_846_508_768,
                        7_684_712_102_626_143_532])
        var fortyTwo = Xoshiro256StarStar(seed: 42)
        XCTAssertEqual((0..<4).map { _ in fortyTwo.next() },
                       [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009,
                        17_057_574_109_182_124_193])
    }

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
