import BalloonPhysics
import TestSupport
import WindField
import XCTest
@testable import StationKeeping

/// Reference §12.6, reward.
final class RewardTests: XCTestCase {
    func balloon(distanceKm: Double, command: AltitudeControlCommand = .stay, acsPowerW: Double = 0,
                 profile: PhysicsProfile = .ble) throws -> BalloonState {
        let launch = LaunchConditions(atmosphereAlpha: 0.5, startUnixSeconds: 1_332_219_600,
                                      station: GeoPoint(latitudeDeg: 5, longitudeDeg: 100), xMeters: 0, yMeters: 0,
                                      pressurePa: 8_000, upwellingInfraredWPerM2: 315)
        var state = try BalloonState(launch: launch, profile: profile)
        state.xMeters = distanceKm * 1000 * 0.6
        state.yMeters = -distanceKm * 1000 * 0.8
        state.lastCommand = command
        state.acsPowerW = acsPowerW
        XCTAssertFalse(state.hasExcessEnergy, "battery at 95 %: no excess energy")
        return state
    }

    func testRewardFollowsBLEsGoldenValuesWithoutDown() throws {
        for (distance, expected) in [(0.0, 1.0), (50.0, 1.0), (50.000001, 0.4), (150.0, 0.2), (250.0, 0.1)] {
            assertClose(Reward.perciatelli(try balloon(distanceKm: distance)), expected, absolute: 1e-6, "reward at \(distance) km")
        }
    }

    func testACommandedDownCostsBetweenFiveAndThirtyFivePercent() throws {
        for (power, multiplier) in [(0.0, 0.95), (100.0, 0.95), (200.0, 0.80), (300.0, 0.65), (400.0, 0.65)] {
            let state = try balloon(distanceKm: 20, command: .down, acsPowerW: power)
            assertClose(Reward.perciatelli(state), multiplier, absolute: 1e-12, "DOWN at \(power) W")
        }
    }

    func testTheBLEProfileKeepsTheRadiusAtFiftyKilometres() throws {
        XCTAssertEqual(Reward.perciatelli(try balloon(distanceKm: 60), radiusKm: 70), 0.4 * exp(-0.69314718056 / 100 * 10),
                       accuracy: 1e-12)
        XCTAssertEqual(Reward.perciatelli(try balloon(distanceKm: 60, profile: .corrected), radiusKm: 70), 1)
    }
}
