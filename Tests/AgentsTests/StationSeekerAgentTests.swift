import Agents
import BalloonPhysics
import StationKeeping
import XCTest

/// StationSeeker decides as BLE's own StationSeeker did (ble-reference.md §6.1).
final class StationSeekerAgentTests: XCTestCase {

    private let agent = StationSeekerAgent()

    func testFirstCommandOfEverySeedIsBLEsFromTheResetObservation() throws {
        let runs = try BLEReferenceRuns.open()
        let observations = try runs.initialObservations()
        var agent = agent
        for seed in 0..<10 {
            let observation = try XCTUnwrap(observations[seed], "seed \(seed)")
            let expected = try runs.actions(agent: "ss", seed: seed)[0]  // row step = 1
            XCTAssertEqual(agent.beginEpisode(observation: observation, seed: UInt64(seed)).rawValue, expected,
                           "seed \(seed), begin_episode")
        }
    }

    func testCommandsFromRecordedMidEpisodeObservationsAreBLEsNextActions() throws {
        let runs = try BLEReferenceRuns.open()
        var reproduced = 0
        for seed in 0..<5 {
            let actions = try runs.actions(agent: "ss", seed: seed)
            let observations = try runs.stationSeekerObservations(seed: seed)
            XCTAssertEqual(Set(observations.keys), [1, 2, 10, 100, 959], "seed \(seed)")
            var agent = agent
            for (step, observation) in observations.sorted(by: { $0.key < $1.key }) {
                // The observation after step k decides the action BLE recorded in row k + 1.
                let command = agent.step(reward: 0, observation: observation)
                XCTAssertEqual(command.rawValue, actions[step], "seed \(seed), after step \(step)")
                if command.rawValue == actions[step] { reproduced += 1 }
            }
        }
        XCTAssertEqual(reproduced, 25)
    }

    func testBestSlotsAndScoresOfTheResetObservationsAreBLEsToTheLastBit() throws {
        // From BLE 1.0.1's station_seeker_agent.py run on these observations (NumPy 2.4.6, AVX2
        // kernels as in the export): best slot and its score, then the runner-up. Seeds 2 and 5 are
        // near-ties of 1.3e-6 and 3.2e-7, a few float32 ulps.
        let expected: [(best: Int, score: Double, runnerUp: Int, runnerUpScore: Double)] = [
            (180, 0.6684133887290955, 181, 0.6659343456322327),
            (115, 0.5515985585440838, 116, 0.5514797940439193),
            (140, 0.5535105226969045, 141, 0.5535092335507327),
            (179, 0.9026344036156312, 180, 0.8946611762046814),
            (180, 0.8408731102943421, 179, 0.7900184010559693),
            (124, 0.5567579696157173, 125, 0.5567576461076962),
            (148, 0.5577314022927417, 149, 0.5575515660530933),
            (180, 0.6671595454216004, 181, 0.6479853605324403),
            (134, 0.5546724357865377, 133, 0.5546430061824665),
            (180, 0.7356039762496949, 181, 0.7051978324944154),
        ]
        let observations = try BLEReferenceRuns.open().initialObservations()
        for (seed, golden) in expected.enumerated() {
            let observation = try XCTUnwrap(observations[seed])
            let scores = agent.scores(for: observation)
            XCTAssertEqual(agent.bestSlot(in: observation), golden.best, "seed \(seed)")
            XCTAssertEqual(scores[golden.best], golden.score, "seed \(seed) best score")
            XCTAssertEqual(scores[golden.runnerUp], golden.runnerUpScore, "seed \(seed) runner-up score")
        }
    }

    func testEveryScoreOfEightyFiveRecordedObservationsIsBLEsToTheLastBit() throws {
        // FNV-1a (64-bit) over the little-endian float64 bits of all 361 scores of each observation,
        // in the order below, as BLE's code computes them (0 for invalid slots).
        let runs = try BLEReferenceRuns.open()
        let initial = try runs.initialObservations()
        var observations = try (Array(0..<10) + Array(100..<150)).map { try XCTUnwrap(initial[$0], "seed \($0)") }
        for seed in 0..<5 {
            let recorded = try runs.stationSeekerObservations(seed: seed)
            observations += recorded.sorted(by: { $0.key < $1.key }).map(\.value)
        }
        XCTAssertEqual(observations.count, 85)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for observation in observations {
            for score in agent.scores(for: observation) {
                for byte in 0..<8 {
                    hash ^= (score.bitPattern >> (8 * UInt64(byte))) & 0xFF
                    hash = hash &* 0x100_0000_01b3
                }
            }
        }
        XCTAssertEqual(String(hash, radix: 16), "9536808fb61505fe")
    }

    func testAmongEqualWindsTheBalloonsOwnLevelWinsThroughHysteresis() {
        var synthetic = SyntheticObservation()
        synthetic.setDistance(km: 120)
        for slot in 100...260 { synthetic.setSlot(slot, uncertainty: 0.2, bearing: 0.3, magnitude: 0.25) }
        XCTAssertEqual(agent.bestSlot(in: synthetic.observation), 180)
        XCTAssertEqual(agent.command(for: synthetic.observation), .stay)
    }

    func testItClimbsTowardABetterWindAboveAndDescendsTowardOneBelow() {
        var synthetic = SyntheticObservation()
        synthetic.setDistance(km: 400)
        for slot in 150...210 { synthetic.setSlot(slot, uncertainty: 0, bearing: 0.9, magnitude: 0.3) }
        var above = synthetic
        above.setSlot(160, uncertainty: 0, bearing: 0.05, magnitude: 0.3)  // blowing toward the station
        XCTAssertEqual(agent.bestSlot(in: above.observation), 160)
        XCTAssertEqual(agent.command(for: above.observation), .up)
        var below = synthetic
        below.setSlot(200, uncertainty: 0, bearing: 0.05, magnitude: 0.3)
        XCTAssertEqual(agent.command(for: below.observation), .down)
    }

    func testCloseToTheStationItSeeksCalmWindsRatherThanBearing() {
        var synthetic = SyntheticObservation()
        synthetic.setDistance(km: 1)  // α = exp(−1/35) ≈ 0.97
        synthetic.setSlot(170, uncertainty: 0, bearing: 0.0, magnitude: 0.5)  // toward the station, 30 m/s
        synthetic.setSlot(190, uncertainty: 0, bearing: 1.0, magnitude: 0.05)  // away from it, 1.6 m/s
        XCTAssertEqual(agent.command(for: synthetic.observation), .down)
    }

    func testInvalidSlotsScoreZeroAndAnObservationWithoutValidSlotsStays() {
        var synthetic = SyntheticObservation()
        XCTAssertNil(agent.bestSlot(in: synthetic.observation))
        XCTAssertEqual(agent.command(for: synthetic.observation), .stay)
        synthetic.setSlot(7, uncertainty: 0.5, bearing: 0.5, magnitude: 0.5)
        let scores = agent.scores(for: synthetic.observation)
        XCTAssertGreaterThan(scores[7], 0)
        XCTAssertEqual(scores.enumerated().filter { $0.offset != 7 }.map(\.element), Array(repeating: 0, count: 360))
    }
}
