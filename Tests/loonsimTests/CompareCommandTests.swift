import Evaluation
import Foundation
import TestSupport
import XCTest

final class CompareCommandTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// Flies `agent` over seeds 0–3 for six hours and returns its per-seed file (with flight paths).
    private func evaluate(_ agent: String) throws -> String {
        let result = try Loonsim.run(["evaluate", "--days", "0.25", "--agent", agent, "--seeds", "0-3", "--out", directory])
        XCTAssertEqual(result.status, 0, result.standardError)
        return directory + "/seeds/\(agent).json"
    }

    func testCompareReportsThePairedDifferenceOfTwoEvaluations() throws {
        let (seeker, walker) = (try evaluate("station-seeker"), try evaluate("random-walk"))
        let result = try Loonsim.run(["compare", seeker, walker])
        XCTAssertEqual(result.status, 0, result.standardError)

        // The figures printed are those of the full results, read back with the full decoder.
        let (a, b) = (try EvaluationJSON.read(seeker), try EvaluationJSON.read(walker))
        let differences = zip(a, b).map { $0.timeWithinRadius - $1.timeWithinRadius }
        let mean = differences.reduce(0, +) / 4
        let interval = EvaluationSummary.confidence95(differences)
        let expected = String(format: "TWR50 A − B (paired)         %+.4f ± %.4f (95%% CI)", mean, interval)
        XCTAssertTrue(result.standardOutput.contains("4 seeds · TWR50 A "), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(expected), "'\(result.standardOutput)' lacks '\(expected)'")
        let better = differences.filter { $0 > 0 }.count, worse = differences.filter { $0 < 0 }.count
        XCTAssertTrue(result.standardOutput.contains("A better on \(better) seeds, worse on \(worse), equal on \(4 - better - worse)"))
    }

    func testFilesThatCannotBeComparedGetOneLine() throws {
        let seeker = try evaluate("station-seeker")
        assertFailsWithOneLine(try Loonsim.run(["compare", seeker, directory + "/none.json"]), containing: "none.json: no such file")
        assertFailsWithOneLine(try Loonsim.run(["compare", seeker, directory + "/seeds/station-seeker.summary.json"]),
                               containing: "summary.json: not a list of episodes")
        let other = try Loonsim.run(["evaluate", "--days", "0.25", "--agent", "station-seeker", "--seeds", "0-2",
                                     "--out", directory + "/other"])
        XCTAssertEqual(other.status, 0, other.standardError)
        assertFailsWithOneLine(try Loonsim.run(["compare", seeker, directory + "/other/seeds/station-seeker.json"]),
                               containing: "the files hold different seeds (4 and 3 episodes); only in the first: 3")
    }

    func testEvaluationsFlownUnderDifferentSettingsAreNotCompared() throws {
        let seeker = try evaluate("station-seeker")
        let corrected = try Loonsim.run(["evaluate", "--days", "0.1", "--profile", "corrected", "--agent", "station-seeker",
                                         "--seeds", "0-3", "--out", directory, "--name", "other-settings"])
        XCTAssertEqual(corrected.status, 0, corrected.standardError)
        assertFailsWithOneLine(try Loonsim.run(["compare", seeker, directory + "/seeds/other-settings.json"]),
                               containing: "were flown under different settings (profile 'ble' against 'corrected'; "
                                   + "trial_steps '120' against '48')")
    }

    func testTheSettingsOfEachEpisodeAreReadWhereTheFileRecordsThem() throws {
        let scores = try EpisodeScores(contentsOf: try evaluate("station-seeker"))
        XCTAssertEqual(scores.settings, ["profile": ["ble"], "winds": ["generative"], "trial_steps": ["120"]])
        XCTAssertEqual(scores.settingDifferences(from: scores), [])
    }
}
