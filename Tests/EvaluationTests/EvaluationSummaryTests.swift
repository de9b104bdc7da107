import XCTest
@testable import Evaluation

final class EvaluationSummaryTests: XCTestCase {
    func result(seed: Int, twr: Double, steps: Int = 960, burst: Bool = false) -> EpisodeResult {
        EpisodeResult(seed: seed, cumulativeReward: twr * 960, timeWithinRadius: twr,
                      timeWithinRadiusFullTrial: twr * Double(steps) / 960, outOfPower: false, envelopeBurst: burst,
                      zeroPressure: false, finalTimestep: steps, trialSteps: 960, flightPath: [])
    }

    func testMeanAndConfidenceIntervalUseStudentsT() {
        let summary = EvaluationSummary([0.2, 0.4, 0.6].enumerated().map { result(seed: $0.offset, twr: $0.element) })
        XCTAssertEqual(summary.meanTimeWithinRadius, 0.4, accuracy: 1e-12)
        // s = 0.2, n = 3, t(0.975, 2) = 4.303: 4.303 · 0.2/√3.
        XCTAssertEqual(summary.timeWithinRadiusConfidence95, 4.303 * 0.2 / 3.0.squareRoot(), accuracy: 1e-12)
    }

    func testFullTrialTWRScoresAnEarlyFailureAsOutside() {
        let summary = EvaluationSummary([result(seed: 0, twr: 1, steps: 480, burst: true), result(seed: 1, twr: 1)])
        XCTAssertEqual(summary.meanTimeWithinRadius, 1)
        XCTAssertEqual(summary.meanTimeWithinRadiusFullTrial, 0.75)
        XCTAssertEqual(summary.envelopeBurst, 1)
    }

    func testOneEpisodeHasNoInterval() {
        XCTAssertEqual(EvaluationSummary([result(seed: 0, twr: 0.3)]).timeWithinRadiusConfidence95, 0)
    }
}
