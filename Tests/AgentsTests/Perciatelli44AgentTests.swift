import Agents
import BalloonPhysics
import StationKeeping
import XCTest

/// The perciatelli44 agent acts greedily on its network's Q-values, as BLE's frozen agent did (ble-reference.md §6.6).
final class Perciatelli44AgentTests: XCTestCase {

    private static let shared: Perciatelli44Agent? = try? Perciatelli44Agent()

    private func agent() throws -> Perciatelli44Agent {
        try XCTUnwrap(Self.shared, "the committed Experiments/agents/perciatelli44.h5 should load")
    }

    func testFirstCommandOfSeedsZeroToNineIsBLEsFromTheResetObservation() throws {
        let runs = try BLEReferenceRuns.open()
        let observations = try runs.initialObservations()
        var agent = try agent()
        var firstActions: [Int] = []
        for seed in 0..<10 {
            let expected = try runs.actions(agent: "p44", seed: seed)[0]  // row step = 1
            firstActions.append(expected)
            let command = agent.beginEpisode(observation: try XCTUnwrap(observations[seed]), seed: UInt64(seed))
            XCTAssertEqual(command.rawValue, expected, "seed \(seed)")
        }
        XCTAssertEqual(firstActions, [0, 2, 2, 2, 1, 2, 2, 0, 2, 0])
    }

    func testABatchOfObservationsGetsTheCommandsEachGetsAlone() throws {
        let observations = try BLEReferenceRuns.open().initialObservations().sorted(by: { $0.key < $1.key }).map(\.value)
        let agent = try agent()
        XCTAssertEqual(agent.commands(for: observations), observations.map(agent.command(for:)))
        XCTAssertEqual(agent.commands(for: []), [])
    }

    func testAnAllZeroObservationStaysAsTheGoldenQValuesSay() throws {
        // §12.8: Q(0) = (4.5716, 5.2008, 5.1509), so STAY.
        let zero = Observation(values: [Float](repeating: 0, count: Observation.count))
        XCTAssertEqual(try agent().command(for: zero), .stay)
    }
}
