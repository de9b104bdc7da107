import BalloonPhysics
import WindField
import XCTest
@testable import StationKeeping

final class PerciatelliFeaturesTests: XCTestCase {
    func testTheSunCacheGivesTheSameSolarCycleBitForBit() throws {
        let env = StationKeepingEnvironment(winds: .generative(try StationKeepingEnvironmentTests.decoder.get()))
        _ = try env.reset(seed: 17)
        let cache = SolarEphemerisCache()
        for step in 0..<300 {
            _ = try env.step(action: [1, 1, 2, 1, 0][step % 5])
            let state = env.state!
            let plain = try PerciatelliFeatures.solarCycle(at: state.solarSite, unixSeconds: state.unixSeconds)
            let cached = try PerciatelliFeatures.solarCycle(at: state.solarSite, unixSeconds: state.unixSeconds, cache: cache)
            XCTAssertEqual(plain.bitPattern, cached.bitPattern, "solar cycle at step \(step + 1)")
        }
    }

    func testTheBalloonLevelRoundsHalfToEvenLikePython() {
        XCTAssertEqual(PerciatelliFeatures.balloonLevel(pressurePa: 5_025), 0)   // 0.5 → 0
        XCTAssertEqual(PerciatelliFeatures.balloonLevel(pressurePa: 5_075), 2)   // 1.5 → 2
        XCTAssertEqual(PerciatelliFeatures.balloonLevel(pressurePa: 4_000), 0)   // clipped
        XCTAssertEqual(PerciatelliFeatures.balloonLevel(pressurePa: 20_000), 180)
    }
}
