import Foundation

/// Each seed's TWR50 and cumulative reward from an evaluation file, read without its flight paths.
///
/// A big suite's file is ~1.5 GB, nearly all flight paths; decoding it whole would take gigabytes
/// of memory. This reads the memory-mapped bytes once, following JSON's strings and nesting, and
/// keeps only the numbers of `seed`, `time_within_radius` and `cumulative_reward` in each object
/// of the top-level list, whatever the order of the keys (loonsim's files and BLE's), and the
/// settings the episodes were flown under where the file records them (loonsim's do).
public struct EpisodeScores: Sendable, Equatable {
    /// TWR50 by seed.
    public var timeWithinRadius: [Int: Double]
    /// Cumulative reward by seed.
    public var cumulativeReward: [Int: Double]
    /// The values of ``settingKeys`` that the file's episodes record (`profile`, `winds`,
    /// `trial_steps`), each setting's distinct values; absent where no episode records it (BLE's files).
    public var settings: [String: Set<String>]

    /// The per-episode fields that say under what the episodes were flown: two evaluations are
    /// comparable seed by seed only where these agree.
    public static let settingKeys = ["profile", "winds", "trial_steps"]

    /// Reads `path`; throws ``EvaluationError/unreadable(path:reason:)`` naming what is wrong.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw EvaluationError.unreadable(path: path, reason: FileManager.default.fileExists(atPath: path)
                ? "cannot be read" : "no such file")
        }
        let fail = { (reason: String) in EvaluationError.unreadable(path: path, reason: reason) }
        (timeWithinRadius, cumulativeReward, settings) = ([:], [:], [:])
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var scanner = Scanner(bytes: bytes)
            guard scanner.skipSpace(), scanner.peek == UInt8(ascii: "[") else {
                throw fail("not a list of episodes (loonsim evaluate's or BLE's per-seed JSON)")
            }
            var episode: [String: Double] = [:]
            var episodeSettings: [String: String] = [:]
            var open: [UInt8] = []  // the brackets not yet closed, outermost first
            var pendingKey: String?
            while let byte = scanner.next() {
                switch byte {
                case UInt8(ascii: "\""):
                    let start = scanner.position
                    guard scanner.skipString() else { throw fail("ends inside a string") }
                    let end = scanner.position - 1
                    // A key of an episode object (depth 2) is a string followed by ':'.
                    if open.count == 2, scanner.skipSpace(), scanner.peek == UInt8(ascii: ":") {
                        pendingKey = String(decoding: bytes[start..<end], as: UTF8.self)
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    open.append(byte)
                    if open.count == 2 { (episode, episodeSettings) = ([:], [:]) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    let opening = byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                    guard open.popLast() == opening else {
                        throw fail("has a '\(Character(UnicodeScalar(byte)))' that closes nothing it opened")
                    }
                    if open.count == 1 && byte == UInt8(ascii: "}") { try record(episode, episodeSettings, fail: fail) }
                    if open.isEmpty {
                        guard !scanner.skipSpace() else { throw fail("has more after its list of episodes") }
                        return
                    }
                case UInt8(ascii: ":"):
                    guard let key = pendingKey else { continue }
                    pendingKey = nil
                    if Self.settingKeys.contains(key), scanner.skipSpace() {
                        if scanner.peek == UInt8(ascii: "\"") {
                            let start = scanner.position + 1
                            scanner.position += 1
                            guard scanner.skipString() else { throw fail("ends inside a string") }
                            episodeSettings[key] = String(decoding: bytes[start..<(scanner.position - 1)], as: UTF8.self)
                        } else if let number = scanner.number() {
                            episodeSettings[key] = Int(exactly: number).map(String.init) ?? String(number)
                        }
                        continue
                    }
                    guard ["seed", "time_within_radius", "cumulative_reward"].contains(key) else { continue }
                    guard scanner.skipSpace(), let number = scanner.number() else {
                        throw fail("'\(key)' is not a number")
                    }
                    episode[key] = number
                default:
                    continue
                }
            }
            throw fail("ends before its list is closed (truncated?)")
        }
        guard !timeWithinRadius.isEmpty else { throw fail("holds no episodes") }
    }

    private mutating func record(_ episode: [String: Double], _ episodeSettings: [String: String],
                                 fail: (String) -> EvaluationError) throws {
        guard let seedValue = episode["seed"], let twr = episode["time_within_radius"],
              let reward = episode["cumulative_reward"] else {
            throw fail("an episode lacks 'seed', 'time_within_radius' or 'cumulative_reward'")
        }
        guard let seed = Int(exactly: seedValue) else { throw fail("seed \(seedValue) is not an integer") }
        guard timeWithinRadius.updateValue(twr, forKey: seed) == nil else { throw fail("seed \(seed) appears twice") }
        cumulativeReward[seed] = reward
        for (key, value) in episodeSettings { settings[key, default: []].insert(value) }
    }

    /// How the settings of `self` and `other` differ, one phrase per setting both record with
    /// different values (empty: comparable), e.g. `profile 'corrected' against 'ble'`.
    public func settingDifferences(from other: EpisodeScores) -> [String] {
        Self.settingKeys.compactMap { key in
            guard let mine = settings[key], let theirs = other.settings[key], mine != theirs else { return nil }
            func listed(_ values: Set<String>) -> String { values.sorted().map { "'\($0)'" }.joined(separator: " and ") }
            return "\(key) \(listed(mine)) against \(listed(theirs))"
        }
    }

    /// A forward reader over JSON bytes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        /// Skips white space; false at the end.
        mutating func skipSpace() -> Bool {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
            return position < bytes.count
        }

        /// Skips the rest of a string whose opening quote was read, the closing quote included.
        mutating func skipString() -> Bool {
            while let byte = next() {
                if byte == UInt8(ascii: "\\") { position += 1 } else if byte == UInt8(ascii: "\"") { return true }
            }
            return false
        }

        /// Reads a JSON number (correctly rounded, as JSONDecoder reads it).
        mutating func number() -> Double? {
            let start = position
            while let byte = peek, (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E") { position += 1 }
            return Double(String(decoding: bytes[start..<position], as: UTF8.self))
        }
    }
}
