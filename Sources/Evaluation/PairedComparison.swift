/// Two agents flown over the same seeds, compared seed by seed.
///
/// Both agents meet the same scenarios, so each scenario's difficulty cancels in the per-seed
/// difference: its mean has a much narrower interval than the two means' own (the paired test).
public struct PairedComparison: Sendable, Equatable {
    /// Seeds both evaluations flew.
    public var episodes: Int
    /// Mean TWR50 of A and of B.
    public var meanA: Double
    public var meanB: Double
    /// Mean of A − B per seed, with the half-width of its 95 % interval (Student's t, as `evaluate`'s table).
    public var meanDifference: Double
    public var differenceConfidence95: Double
    /// Seeds on which A scored higher, lower, and the same as B.
    public var better: Int
    public var worse: Int
    public var tied: Int

    /// Compares `a` with `b`; they must hold the same seeds (the returned error says how they differ).
    public init(_ a: [Int: Double], _ b: [Int: Double]) throws(PairedComparisonError) {
        guard Set(a.keys) == Set(b.keys) else {
            let onlyA = a.keys.filter { b[$0] == nil }.sorted(), onlyB = b.keys.filter { a[$0] == nil }.sorted()
            throw PairedComparisonError.differentSeeds(countA: a.count, countB: b.count, onlyA: onlyA, onlyB: onlyB)
        }
        let seeds = a.keys.sorted()
        let differences = seeds.map { a[$0]! - b[$0]! }
        episodes = seeds.count
        meanA = EvaluationSummary.mean(seeds.map { a[$0]! })
        meanB = EvaluationSummary.mean(seeds.map { b[$0]! })
        meanDifference = EvaluationSummary.mean(differences)
        differenceConfidence95 = EvaluationSummary.confidence95(differences)
        better = differences.filter { $0 > 0 }.count
        worse = differences.filter { $0 < 0 }.count
        tied = differences.count - better - worse
    }

    /// Whether the interval of the difference excludes 0.
    public var isSignificant: Bool { episodes >= 2 && abs(meanDifference) > differenceConfidence95 }
}

/// Why two evaluations cannot be compared seed by seed.
public enum PairedComparisonError: Error, CustomStringConvertible, Equatable {
    case differentSeeds(countA: Int, countB: Int, onlyA: [Int], onlyB: [Int])

    public var description: String {
        switch self {
        case .differentSeeds(let countA, let countB, let onlyA, let onlyB):
            func some(_ seeds: [Int]) -> String {
                seeds.prefix(5).map(String.init).joined(separator: ", ") + (seeds.count > 5 ? ", …" : "")
            }
            var parts = ["the files hold different seeds (\(countA) and \(countB) episodes)"]
            if !onlyA.isEmpty { parts.append("only in the first: \(some(onlyA))") }
            if !onlyB.isEmpty { parts.append("only in the second: \(some(onlyB))") }
            return parts.joined(separator: "; ")
        }
    }
}
