import FileErrors
import Foundation

/// One line of a run's metrics file (`RUN_DIR/metrics.jsonl`, JSON lines: `pandas.read_json(path, lines=True)`).
///
/// `kind` is `train` (averages over the interval since the last train line) or `validation`
/// (greedy flights on the validation seeds). Absent values are omitted from the line.
public struct TrainingMetricsRecord: Codable, Equatable, Sendable {
    public var kind: String
    /// Environment steps, updates and finished training episodes so far.
    public var envSteps: Int
    public var updates: Int
    public var episodes: Int
    /// Wall-clock seconds of training so far, over every invocation of the run.
    public var wallSeconds: Double
    /// `train`: mean quantile loss and gradient norm of the interval's updates.
    public var loss: Double?
    public var gradientNorm: Double?
    /// `train`: the learning rate of the last update.
    public var learningRate: Double?
    /// `train`: mean TWR50 of the training episodes finished in the interval (exploration included).
    public var trainingTWR50: Double?
    /// `train`: rates over the interval.
    public var envStepsPerSecond: Double?
    public var updatesPerSecond: Double?
    /// `train`: `warm-start` (imitating the teacher) or `qr-dqn`.
    public var phase: String?
    /// `validation`: mean TWR50 over the validation seeds, its 95 % half-width, and failures.
    public var validationTWR50: Double?
    public var validationTWR50HalfWidth: Double?
    public var validationFailures: Int?
    public var validationMeanReward: Double?

    public init(kind: String, envSteps: Int, updates: Int, episodes: Int, wallSeconds: Double) {
        (self.kind, self.envSteps, self.updates, self.episodes, self.wallSeconds) = (kind, envSteps, updates, episodes, wallSeconds)
    }

    enum CodingKeys: String, CodingKey {
        case kind, envSteps = "env_steps", updates, episodes, wallSeconds = "wall_seconds", loss
        case gradientNorm = "gradient_norm", learningRate = "learning_rate", trainingTWR50 = "training_twr50"
        case envStepsPerSecond = "env_steps_per_second", updatesPerSecond = "updates_per_second", phase
        case validationTWR50 = "validation_twr50", validationTWR50HalfWidth = "validation_twr50_ci95"
        case validationFailures = "validation_failures", validationMeanReward = "validation_mean_reward"
    }
}

/// Appends ``TrainingMetricsRecord``s to a JSON-lines file as they happen.
public struct TrainingMetricsFile: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Appends one line (creating the file if needed).
    public func append(_ record: TrainingMetricsRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var line = try encoder.encode(record)
        line.append(UInt8(ascii: "\n"))
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw FileError(file: path, problem: "cannot create the metrics file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw FileError(file: path, problem: "cannot open the metrics file") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }

    /// Every record in the file (lines that do not parse, e.g. a line cut by a kill, are skipped).
    public func records() -> [TrainingMetricsRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(TrainingMetricsRecord.self, from: Data($0)) }
    }

    /// Keeps only the records up to `envSteps` (what a resumed run has not redone), atomically.
    public func truncate(toEnvSteps envSteps: Int) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let kept = records().filter { $0.envSteps <= envSteps }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = Data()
        for record in kept {
            data.append(try encoder.encode(record))
            data.append(UInt8(ascii: "\n"))
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
