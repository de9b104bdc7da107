/// BLE's evaluation suites (reference §7.1); every suite flies 960-step (2-day) episodes in BLE.
public enum EvaluationSuite: String, CaseIterable, Sendable, Codable {
    case micro, tiny, small, medium, big

    /// The suite's seeds: micro [0], tiny 0…9, small 0…99, medium 0…999, big 0…9999.
    public var seeds: [Int] {
        switch self {
        case .micro: return [0]
        case .tiny: return Array(0..<10)
        case .small: return Array(0..<100)
        case .medium: return Array(0..<1_000)
        case .big: return Array(0..<10_000)
        }
    }

    /// BLE's name for the suite (`small_eval`), used in output paths.
    public var bleName: String { "\(rawValue)_eval" }
}

/// Parses seed lists such as `0-99`, `7` or `0-9,100-149`.
public enum SeedList {
    /// The seeds `text` names, in order, without repeats.
    ///
    /// - Throws: ``SeedListError`` for an empty list, a malformed or negative entry, or a
    ///   range whose end is below its start.
    public static func parse(_ text: String) throws -> [Int] {
        var seeds: [Int] = []
        var seen = Set<Int>()
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw SeedListError("is empty") }
        for part in parts {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard !part.isEmpty, bounds.count <= 2, let low = Int(bounds[0]), low >= 0,
                  let high = bounds.count == 2 ? Int(bounds[1]) : low else {
                throw SeedListError("'\(part)' is not a seed or a range like 0-99")
            }
            guard high >= low else { throw SeedListError("range '\(part)' ends before it starts") }
            guard high - low < 10_000_000 else { throw SeedListError("range '\(part)' is too long") }
            for seed in low...high where seen.insert(seed).inserted { seeds.append(seed) }
        }
        return seeds
    }
}

/// A seed list that cannot be read.
public struct SeedListError: Error, CustomStringConvertible, Equatable {
    public var problem: String
    public init(_ problem: String) { self.problem = problem }
    public var description: String { "seed list \(problem)" }
}

/// Why a shard's text could not be read.
public struct ShardError: Error, CustomStringConvertible, Equatable {
    public var text: String
    public var description: String { "'\(text)' is not i/n with 0 ≤ i < n" }
}

/// A part `index` of `count` of a list, as BLE shards a suite (`seeds[⌊len·i/n⌋ : ⌊len·(i+1)/n⌋]`).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// Parses `i/n` with 0 ≤ i < n.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index)
        else { throw ShardError(text: text) }
        self.index = index
        self.count = count
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// This shard's part of `items`.
    public func select<T>(_ items: [T]) -> [T] {
        Array(items[(items.count * index / count)..<(items.count * (index + 1) / count)])
    }

    public var description: String { "\(index)/\(count)" }
}
