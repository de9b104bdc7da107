import ArgumentParser
import Evaluation
import Foundation

/// `loonsim compare A.json B.json`: two evaluations of the same seeds, seed by seed.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two evaluations of the same seeds: the mean per-seed difference of TWR50 with its 95 % interval.",
        discussion: """
            A and B are per-seed result files of `loonsim evaluate` (OUT/GROUP/NAME.json) or BLE's own, \
            for the same seeds, flown under the same settings (profile, winds, trial length: compare \
            refuses files whose episodes record different ones). Both agents met the same scenarios, so \
            the paired difference has a narrower interval than the two means' own. Big-suite files (~1.5 GB of flight paths) are read \
            in seconds without loading their flight paths.
            """)

    @Argument(help: "The first evaluation's per-seed JSON (A).")
    var a: String

    @Argument(help: "The second evaluation's per-seed JSON (B), over the same seeds.")
    var b: String

    func run() throws {
        let (scoresA, scoresB) = try reportingErrors { (try EpisodeScores(contentsOf: a), try EpisodeScores(contentsOf: b)) }
        let differences = scoresA.settingDifferences(from: scoresB)
        guard differences.isEmpty else {
            throw UserFacingError(description: "\(a) and \(b) were flown under different settings "
                + "(\(differences.joined(separator: "; "))): compare evaluations with the same profile, winds and trial length")
        }
        let twr = try reportingErrors { try PairedComparison(scoresA.timeWithinRadius, scoresB.timeWithinRadius) }
        let reward = try reportingErrors { try PairedComparison(scoresA.cumulativeReward, scoresB.cumulativeReward) }
        print("A: \(a)\nB: \(b)")
        print(String(format: "%d seeds · TWR50 A %.4f · B %.4f", twr.episodes, twr.meanA, twr.meanB))
        print(String(format: "TWR50 A − B (paired)         %+.4f ± %.4f (95%% CI)%@", twr.meanDifference,
                     twr.differenceConfidence95, twr.episodes < 2 ? " (one seed: no interval)" : ""))
        print(String(format: "cumulative reward A − B      %+.2f ± %.2f", reward.meanDifference, reward.differenceConfidence95))
        print("A better on \(twr.better) seeds, worse on \(twr.worse), equal on \(twr.tied)")
        print(twr.isSignificant
            ? "the interval excludes 0: \(twr.meanDifference > 0 ? "A" : "B") scores higher on these seeds"
            : "the interval includes 0: no difference shown on these seeds")
    }
}
