import BalloonPhysics
import Evaluation
@testable import FlightLog
import XCTest

final class FlightReplayTests: XCTestCase {
    func testAFlownLogReplaysIdentically() throws {
        let outcome = try FlightSamples.replay(FlightSamples.seed3)
        XCTAssertNil(outcome.divergence)
        XCTAssertEqual(outcome.stepsReplayed, 24)
    }

    func testAnEditedPositionIsTheFirstDivergence() throws {
        var log = FlightSamples.seed3
        let original = log.result.flightPath[9].xMeters
        log.result.flightPath[9].xMeters = original + 0.5
        let divergence = try XCTUnwrap(FlightSamples.replay(log).divergence)
        XCTAssertEqual(divergence, Divergence(step: 10, field: "x_m", logged: "\(original + 0.5)", replayed: "\(original)"))
        XCTAssertEqual("\(divergence)", "diverges at step 10, x_m: logged \(original + 0.5), replayed \(original)")
    }

    func testAnEditedActionChangesTheFlightFromThatStep() throws {
        var log = FlightSamples.seed3
        let step = try XCTUnwrap(log.result.flightPath.indices.first { index in
            let point = log.result.flightPath[index]
            return index > 2 && point.command == point.effectiveCommand && point.command != AltitudeControlCommand.up.rawValue
        })
        log.result.flightPath[step].command = AltitudeControlCommand.up.rawValue
        let divergence = try XCTUnwrap(FlightSamples.replay(log).divergence)
        XCTAssertEqual(divergence.step, step + 1)
        XCTAssertNotEqual(divergence.logged, divergence.replayed)
    }

    func testAnImpossibleActionIsReportedNotFlown() throws {
        var log = FlightSamples.seed3
        log.result.flightPath[4].command = 7
        XCTAssertEqual(try FlightSamples.replay(log).divergence,
                       Divergence(step: 5, field: "action", logged: "7", replayed: "no such action (0 DOWN, 1 STAY, 2 UP)"))
    }

    func testALogCutShortIsReported() throws {
        var log = FlightSamples.seed3
        log.result.flightPath.removeLast(4)
        log.result.finalTimestep = 20
        XCTAssertEqual(try FlightSamples.replay(log).divergence,
                       Divergence(step: 21, field: "final_timestep", logged: "20", replayed: "the flight goes on after step 20"))
    }

    func testAnEditedTotalIsReported() throws {
        var log = FlightSamples.seed3
        log.result.cumulativeReward += 1
        let divergence = try XCTUnwrap(FlightSamples.replay(log).divergence)
        XCTAssertEqual(divergence.step, nil)
        XCTAssertEqual(divergence.field, "cumulative_reward")
        XCTAssertEqual(Double(divergence.replayed), FlightSamples.seed3.result.cumulativeReward)
    }

    func testTheWindColumnIsSampledAfterEveryStep() throws {
        let outcome = try FlightSamples.replay(FlightSamples.seed3, windColumn: [6_000, 9_000, 12_000])
        let column = try XCTUnwrap(outcome.windColumn)
        XCTAssertEqual(column.homeward.count, 24)
        XCTAssertEqual(column.homeward[0].count, 3)
        XCTAssertTrue(column.homeward.joined().allSatisfy { $0 >= -1 && $0 <= 1 })
        XCTAssertTrue(column.speedMps.joined().allSatisfy { $0 >= 0 && $0 < 100 })
        // At the balloon's own level the column's wind is the one applied in the next step.
        let log = FlightSamples.seed3
        let level = log.result.flightPath[10].pressurePa
        let own = try FlightSamples.replay(log, windColumn: [level]).windColumn!
        let next = log.result.flightPath[11]
        XCTAssertEqual(Double(own.speedMps[10][0]), Double(Float((next.windU * next.windU + next.windV * next.windV).squareRoot())))
    }
}
