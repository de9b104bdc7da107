import Agents
import BalloonPhysics
import Foundation
import StationKeeping
import XCTest

/// The random walk chases a wandering target pressure with 100 Pa of hysteresis (ble-reference.md §6.2).
final class RandomWalkAgentTests: XCTestCase {

    private func observation(pressurePa: Double) -> Observation {
        var synthetic = SyntheticObservation()
        synthetic.setPressure(pressurePa)
        return synthetic.observation
    }

    func testEachEpisodeDrawsItsTargetUniformlyInBLEsRangeFromTheSeed() {
        var agent = RandomWalkAgent()
        var targets: [Double] = []
        for seed in UInt64(0)..<2_000 {
            _ = agent.beginEpisode(observation: observation(pressurePa: 9_000), seed: seed)
            XCTAssertEqual(agent.elapsedSeconds, 0)
            targets.append(agent.targetPressurePa)
        }
        XCTAssertGreaterThanOrEqual(targets.min()!, 6_500)
        XCTAssertLessThan(targets.max()!, 11_400)
        XCTAssertEqual(targets.reduce(0, +) / Double(targets.count), 8_950, accuracy: 60)  // mean of U[6500, 11400]
        XCTAssertEqual(Set(targets).count, targets.count, "distinct seeds give distinct targets")

        _ = agent.beginEpisode(observation: observation(pressurePa: 9_000), seed: 7)
        let again = agent.targetPressurePa
        _ = agent.beginEpisode(observation: observation(pressurePa: 9_000), seed: 7)
        XCTAssertEqual(agent.targetPressurePa, again, "the seed alone decides the target")
    }

    func testItGoesUpBelowTheTargetBandDownAboveItAndStaysWithin100Pa() {
        var agent = RandomWalkAgent()
        _ = agent.beginEpisode(observation: observation(pressurePa: 9_000), seed: 3)
        let target = agent.targetPressurePa
        XCTAssertEqual(agent.command(for: observation(pressurePa: target + 150)), .up, "too low: pressure too high")
        XCTAssertEqual(agent.command(for: observation(pressurePa: target - 150)), .down, "too high")
        XCTAssertEqual(agent.command(for: observation(pressurePa: target + 90)), .stay)
        XCTAssertEqual(agent.command(for: observation(pressurePa: target - 90)), .stay)
        XCTAssertEqual(agent.command(for: observation(pressurePa: target)), .stay)
    }

    func testTheClockAdvances180SecondsPerStepAndRestartsWithEachEpisode() {
        var agent = RandomWalkAgent()
        _ = agent.beginEpisode(observation: observation(pressurePa: 9_000), seed: 1)
        for _ in 0..<10 { _ = agent.step(reward: 0, observation: observation(pressurePa: 9_000)) }
        XCTAssertEqual(agent.elapsedSeconds, 1_800)
        _ = agent.beginEpisode(observation: observation(pressurePa: 9_000), seed: 1)
        XCTAssertEqual(agent.elapsedSeconds, 0)
    }

    func testUnderTheBLEProfileTheNthIncrementIsNTimesTheCorrectedOne() {
        // Same seed, same normal draws: BLE scales the n-th draw by the cumulative n·180 s,
        // the corrected walk by the 180 s since the last update.
        var ble = RandomWalkAgent(profile: .ble), corrected = RandomWalkAgent(profile: .corrected)
        let still = observation(pressurePa: 9_000)
        _ = ble.beginEpisode(observation: still, seed: 42)
        _ = corrected.beginEpisode(observation: still, seed: 42)
        XCTAssertEqual(ble.targetPressurePa, corrected.targetPressurePa)
        for n in 1...50 {
            let (bleBefore, correctedBefore) = (ble.targetPressurePa, corrected.targetPressurePa)
            _ = ble.step(reward: 0, observation: still)
            _ = corrected.step(reward: 0, observation: still)
            let correctedIncrement = corrected.targetPressurePa - correctedBefore
            XCTAssertEqual(ble.targetPressurePa - bleBefore, Double(n) * correctedIncrement,
                           accuracy: 1e-9 * abs(bleBefore), "step \(n)")
        }
    }

    func testTheTargetsSpreadAfterTwoHoursIsBLEs4500PaOrTheCorrected190Pa() {
        // After n = 40 steps the corrected walk's spread is 30 Pa·√n ≈ 190 Pa; BLE's is
        // 30 Pa·√(Σk²) ≈ 4460 Pa (spec: "≈ 17·n^1.5 Pa, ≈ 4 kPa after 2 h").
        func spread(_ profile: PhysicsProfile) -> Double {
            var agent = RandomWalkAgent(profile: profile)
            let still = observation(pressurePa: 9_000)
            var squares = 0.0
            let episodes = 4_000
            for seed in 0..<episodes {
                _ = agent.beginEpisode(observation: still, seed: UInt64(seed))
                let start = agent.targetPressurePa
                for _ in 0..<40 { _ = agent.step(reward: 0, observation: still) }
                squares += (agent.targetPressurePa - start) * (agent.targetPressurePa - start)
            }
            return (squares / Double(episodes)).squareRoot()
        }
        let sumOfSquares = Double((1...40).map { $0 * $0 }.reduce(0, +))
        XCTAssertEqual(spread(.corrected), 180 * 0.1666 * 40.0.squareRoot(), accuracy: 0.05 * 190)
        XCTAssertEqual(spread(.ble), 180 * 0.1666 * sumOfSquares.squareRoot(), accuracy: 0.05 * 4_460)
    }

    func testTheSameSeedAndObservationsGiveTheSameCommands() {
        let pressures = (0..<300).map { 9_000 + 3_000 * sin(Double($0) * 0.02) }  // 6–12 kPa, ≤ 60 Pa per step
        func commands(seed: UInt64) -> [AltitudeControlCommand] {
            var agent = RandomWalkAgent(profile: .corrected)
            var result = [agent.beginEpisode(observation: observation(pressurePa: pressures[0]), seed: seed)]
            for pressure in pressures.dropFirst() {
                result.append(agent.step(reward: 0, observation: observation(pressurePa: pressure)))
            }
            return result
        }
        XCTAssertEqual(commands(seed: 11), commands(seed: 11))
        XCTAssertNotEqual(commands(seed: 11), commands(seed: 12))
        XCTAssertEqual(Set(commands(seed: 11)), [.down, .stay, .up])
    }

    func testACopyMidEpisodeContinuesIndependentlyAndIdentically() {
        var agent = RandomWalkAgent()
        let still = observation(pressurePa: 9_000)
        _ = agent.beginEpisode(observation: still, seed: 5)
        for _ in 0..<20 { _ = agent.step(reward: 0, observation: still) }
        var copy = agent
        for _ in 0..<20 {
            _ = agent.step(reward: 0, observation: still)
            _ = copy.step(reward: 0, observation: still)
            XCTAssertEqual(copy.targetPressurePa, agent.targetPressurePa)
        }
        _ = copy.step(reward: 0, observation: still)
        XCTAssertNotEqual(copy.targetPressurePa, agent.targetPressurePa, "stepping the copy leaves the original alone")
    }
}
