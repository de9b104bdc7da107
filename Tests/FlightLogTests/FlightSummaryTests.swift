import BalloonPhysics
import Evaluation
@testable import FlightLog
import XCTest

final class FlightSummaryTests: XCTestCase {
    /// A four-step log with hand-set distances, actions, pump power and safety states.
    func sample() -> FlightLog {
        var log = FlightSamples.seed3
        let template = log.result.flightPath[0]
        let distances = [10.0, 40.0, 60.0, 50.0]
        let commands = [0, 0, 2, 1]
        let effective = [0, 1, 2, 1]
        log.result.flightPath = (0..<4).map { index in
            var point = template
            point.distanceKm = distances[index]
            point.command = commands[index]
            point.effectiveCommand = effective[index]
            point.acsPowerW = index == 0 ? 200 : 0
            point.powerSafetyPaused = index == 1
            point.envelopeSafetyState = index == 3 ? .high : .nominal
            point.status = index == 3 ? .outOfPower : .ok
            return point
        }
        log.result.finalTimestep = 4
        log.result.timeWithinRadius = 0.75
        return log
    }

    func testTheSummaryCountsWhatTheStepsHold() {
        let summary = FlightSummary(sample())
        XCTAssertEqual(summary.steps, 4)
        XCTAssertEqual(summary.timeWithinRadius, 0.75)
        XCTAssertEqual(summary.hoursWithin50Km, 0.15, accuracy: 1e-12, "three of four steps ≤ 50 km, 3 min each")
        XCTAssertEqual(summary.distanceMinKm, 10)
        XCTAssertEqual(summary.distanceMaxKm, 60)
        XCTAssertEqual(summary.distanceMeanKm, 40)
        XCTAssertEqual(summary.distanceMedianKm, 45)
        XCTAssertEqual(summary.distanceFinalKm, 50)
        XCTAssertEqual(summary.pumpEnergyWh, 10, accuracy: 1e-12, "200 W for 180 s")
        XCTAssertEqual(summary.commanded, [2, 1, 1])
        XCTAssertEqual(summary.effective, [1, 2, 1])
        XCTAssertEqual(summary.interventions, 1)
        XCTAssertEqual(summary.powerPausedSteps, 1)
        XCTAssertEqual(summary.envelopeHeldSteps, 1)
        XCTAssertEqual(summary.altitudeHeldSteps, 0)
        XCTAssertEqual(summary.failure, "OUT_OF_POWER")
        XCTAssertTrue(summary.lines.contains("  failure             OUT_OF_POWER  ·  cumulative reward "
            + String(format: "%.2f", summary.cumulativeReward)))
    }

    func testTheCSVHoldsEveryStepExactly() throws {
        let log = FlightSamples.seed3
        let lines = FlightCSV.text(log).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 25)
        let header = lines[0].split(separator: ",").map(String.init)
        XCTAssertEqual(header.prefix(4), ["step", "elapsed_s", "x_m", "y_m"])
        let row = lines[7].split(separator: ",").map(String.init)
        XCTAssertEqual(row[0], "7")
        XCTAssertEqual(Double(row[header.firstIndex(of: "pressure_pa")!]), log.result.flightPath[6].pressurePa)
        XCTAssertEqual(Int(row[header.firstIndex(of: "action")!]), log.result.flightPath[6].command)
    }
}
