import Foundation

/// Suite-level figures: what BLE's `summarize_eval` reports plus a confidence interval.
public struct EvaluationSummary: Sendable, Equatable, Codable {
    public var episodes: Int
    /// Mean TWR50 as BLE divides it (steps flown), with a 95 % confidence interval half-width.
    public var meanTimeWithinRadius: Double
    public var timeWithinRadiusConfidence95: Double
    /// Mean TWR50 over the full trial.
    public var meanTimeWithinRadiusFullTrial: Double
    public var meanCumulativeReward: Double
    public var outOfPower: Int
    public var envelopeBurst: Int
    public var zeroPressure: Int

    public init(_ results: [EpisodeResult]) {
        episodes = results.count
        let twr = results.map(\.timeWithinRadius)
        meanTimeWithinRadius = Self.mean(twr)
        timeWithinRadiusConfidence95 = Self.confidence95(twr)
        meanTimeWithinRadiusFullTrial = Self.mean(results.map(\.timeWithinRadiusFullTrial))
        meanCumulativeReward = Self.mean(results.map(\.cumulativeReward))
        outOfPower = results.filter(\.outOfPower).count
        envelopeBurst = results.filter(\.envelopeBurst).count
        zeroPressure = results.filter(\.zeroPressure).count
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    /// Half-width of the 95 % interval of the mean: t(0.975, n−1)·s/√n (0 for fewer than 2 values).
    ///
    /// `evaluate`'s table and training's validation lines both report this interval.
    public static func confidence95(_ values: [Double]) -> Double {
        let n = values.count
        guard n >= 2 else { return 0 }
        let m = mean(values)
        let variance = values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)
        return studentT975(degreesOfFreedom: n - 1) * (variance / Double(n)).squareRoot()
    }

    /// The 97.5 % quantile of Student's t (table to 30 degrees of freedom, then the normal 1.96 with a 1/df correction).
    static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
                     2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
                     2.045, 2.042]
        if df <= table.count { return table[df - 1] }
        return 1.959964 + 2.4 / Double(df)
    }

    /// The table `loonsim evaluate` prints.
    public func table(agent: String, profile: String, days: Double, trialSteps: Int) -> String {
        let lines = [
            String(format: "agent %@ · profile %@ · %g-day trials (%d steps) · %d episode%@", agent, profile, days, trialSteps,
                   episodes, episodes == 1 ? "" : "s"),
            episodes >= 2
                ? String(format: "  TWR50 (BLE: ÷ steps flown)   %.4f ± %.4f (95%% CI)", meanTimeWithinRadius, timeWithinRadiusConfidence95)
                : String(format: "  TWR50 (BLE: ÷ steps flown)   %.4f (one episode: no interval)", meanTimeWithinRadius),
            String(format: "  TWR50 over the full trial    %.4f", meanTimeWithinRadiusFullTrial),
            String(format: "  mean cumulative reward       %.2f", meanCumulativeReward),
            "  failures                     out of power \(outOfPower) · burst \(envelopeBurst) · zero pressure \(zeroPressure)",
        ]
        return lines.joined(separator: "\n")
    }
}
