import FileErrors
import Foundation
import HDF5

/// A run directory that cannot be started or resumed: `folder: problem`, one line.
public typealias TrainingRunError = FileError

extension Trainer {
    /// What `trainer.json` holds: the counters, the random state and each actor's episode so far.
    struct SavedState: Codable {
        static let formatName = "loonsim-trainer-state"
        var format = formatName
        var formatVersion = 1
        var envSteps: Int
        var updates: Int
        var episodes: Int
        var nextTrainingEpisode: Int
        /// The trainer's xoshiro256** state, four words in hexadecimal.
        var random: [String]
        var bestValidationTWR50: Double?
        var wallSeconds: Double
        var recentTWR50: [Double]
        var lastIntervalLoss: Double?
        var actors: [SavedActor]
    }

    struct SavedActor: Codable {
        var seed: Int
        var exploratory: Bool
        var actions: [Int]
    }

    /// Starts a new run in `runDirectory`, which must not exist or be empty.
    public static func start(configuration: TrainingConfiguration, runDirectory: String) throws -> Trainer {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: runDirectory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw TrainingRunError(file: runDirectory, problem: "is a file, not a run folder") }
            if manager.fileExists(atPath: (runDirectory as NSString).appendingPathComponent("config.json")) {
                throw TrainingRunError(file: runDirectory, problem: "holds a training run already (continue it with --resume, or choose another --out)")
            }
            guard (try? manager.contentsOfDirectory(atPath: runDirectory))?.isEmpty ?? false else {
                throw TrainingRunError(file: runDirectory, problem: "is not empty and holds no training run; choose an empty or new folder")
            }
        }
        do {
            try manager.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
            try configuration.json().write(to: URL(fileURLWithPath: (runDirectory as NSString).appendingPathComponent("config.json")),
                                           options: .atomic)
        } catch {
            throw TrainingRunError(file: runDirectory, problem: "cannot be written (\(error.localizedDescription))")
        }
        let trainer = try Trainer(configuration: configuration, runDirectory: runDirectory, online: try initialNetwork(configuration))
        for index in 0..<configuration.environment.actors { try trainer.startEpisode(actor: index) }
        return trainer
    }

    /// Reopens the run in `runDirectory` at its latest checkpoint.
    ///
    /// With `configuration`, it must equal the run's own except for `budget`, `description`,
    /// `checkpointIntervalSeconds` and `optimizer.learningRate`, so that a finished run can be
    /// given a larger budget and a later stage a new schedule while keeping its replay memory and
    /// Adam's moments (the schedule counts updates from the run's start). The given configuration
    /// is used, and stored, from then on. A run killed before its first checkpoint starts again from nothing.
    public static func resume(runDirectory: String, configuration given: TrainingConfiguration?) throws -> Trainer {
        let configPath = (runDirectory as NSString).appendingPathComponent("config.json")
        guard FileManager.default.fileExists(atPath: configPath) else {
            guard FileManager.default.fileExists(atPath: runDirectory) else {
                throw TrainingRunError(file: runDirectory, problem: "does not exist, so there is no training run to resume")
            }
            throw TrainingRunError(file: runDirectory, problem: "holds no training run to resume (no config.json)")
        }
        var configuration = try TrainingConfiguration.read(from: configPath)
        if let given {
            let differences = try Self.differences(stored: configuration, given: given)
            guard differences.isEmpty else {
                throw TrainingRunError(file: runDirectory, problem: "was trained with other settings: \(differences.joined(separator: ", ")) \(differences.count == 1 ? "differs" : "differ"); only budget, description, checkpointIntervalSeconds and optimizer.learningRate may change on --resume")
            }
            configuration = given
            try configuration.json().write(to: URL(fileURLWithPath: configPath), options: .atomic)
        }
        let trainer = try Trainer(configuration: configuration, runDirectory: runDirectory,
                                  online: try initialNetwork(configuration))
        guard let checkpoint = try Self.latestCheckpoint(in: runDirectory) else {
            try trainer.metricsFile.truncate(toEnvSteps: 0)
            for index in 0..<configuration.environment.actors { try trainer.startEpisode(actor: index) }
            return trainer
        }
        try trainer.restore(from: checkpoint)
        try trainer.metricsFile.truncate(toEnvSteps: trainer.envSteps)
        return trainer
    }

    /// The settings (dotted top-level names) in which two configurations differ, ignoring those a resume may change.
    static func differences(stored: TrainingConfiguration, given: TrainingConfiguration) throws -> [String] {
        var (a, b) = (stored, given)
        (a.budget, a.description, a.checkpointIntervalSeconds) = (b.budget, b.description, b.checkpointIntervalSeconds)
        a.optimizer.learningRate = b.optimizer.learningRate
        guard a != b else { return [] }
        let left = try JSONSerialization.jsonObject(with: a.json()) as! [String: Any]
        let right = try JSONSerialization.jsonObject(with: b.json()) as! [String: Any]
        return Set(left.keys).union(right.keys).sorted().filter { key in
            let l = left[key].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) }
            let r = right[key].flatMap { try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys, .fragmentsAllowed]) }
            return l != r
        }
    }

    /// The newest complete checkpoint folder (`checkpoints/step-N` holding `trainer.json`), if any.
    static func latestCheckpoint(in runDirectory: String) throws -> String? {
        let folder = (runDirectory as NSString).appendingPathComponent("checkpoints")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("step-") }.sorted(by: >)
        return names.map { (folder as NSString).appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("trainer.json")) }
    }

    /// Saves everything a resume needs into `checkpoints/step-N/` (`trainer.json` last, so a folder
    /// without it is incomplete), then removes older checkpoints and refreshes `latest.h5`.
    func saveCheckpoint(wallSeconds: Double) throws {
        let folder = path("checkpoints/step-" + String(format: "%012d", envSteps))
        let manager = FileManager.default
        try? manager.removeItem(atPath: folder)
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TrainingRunError(file: folder, problem: "cannot be created (\(error.localizedDescription))")
        }
        func inFolder(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        try Checkpoint(encoder: online, optimizer: optimizer, metadata: ["role": "online"]).write(to: inFolder("online.h5"))
        try Checkpoint(encoder: target, metadata: ["role": "target"]).write(to: inFolder("target.h5"))
        do {
            try HDF5File.write(to: inFolder("replay.h5")) { file in try replay.write(into: file.createGroup("replay")) }
        } catch let error as HDF5Error {
            throw TrainingRunError(file: inFolder("replay.h5"), problem: error.problem)
        }
        let state = SavedState(
            envSteps: envSteps, updates: updates, episodes: episodes, nextTrainingEpisode: nextTrainingEpisode,
            random: random.stateWords.map { String($0, radix: 16) }, bestValidationTWR50: bestValidationTWR50,
            wallSeconds: wallSeconds, recentTWR50: recentTWR50, lastIntervalLoss: lastIntervalLoss,
            actors: actors.map { SavedActor(seed: $0.seed, exploratory: $0.exploratory, actions: $0.actions) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(state).write(to: URL(fileURLWithPath: inFolder("trainer.json")), options: .atomic)
        for name in (try? manager.contentsOfDirectory(atPath: path("checkpoints"))) ?? []
        where name.hasPrefix("step-") && path("checkpoints/" + name) != folder {
            try? manager.removeItem(atPath: path("checkpoints/" + name))
        }
        try agentCheckpoint(metadata: [:]).write(to: path("latest.h5"))
    }

    /// The online network as an agent file (weights and provenance, no optimizer).
    func agentCheckpoint(metadata extra: [String: String]) -> Checkpoint {
        var metadata = extra
        metadata["trainer"] = "loonsim train (QR-DQN)"
        metadata["env_steps"] = String(envSteps)
        metadata["updates"] = String(updates)
        metadata["profile"] = configuration.environment.profile.rawValue
        metadata["winds"] = configuration.environment.winds
        return Checkpoint(encoder: online, metadata: metadata)
    }

    /// Loads the checkpoint in `folder` and re-flies the actors' episodes to where they were.
    func restore(from folder: String) throws {
        func inFolder(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let statePath = inFolder("trainer.json")
        func fail(_ problem: String) -> TrainingRunError { TrainingRunError(file: statePath, problem: problem) }
        guard let data = FileManager.default.contents(atPath: statePath) else { throw fail("cannot be read") }
        let state: SavedState
        do { state = try JSONDecoder().decode(SavedState.self, from: data) } catch { throw fail("is damaged (not a trainer state)") }
        guard state.format == SavedState.formatName, state.formatVersion == 1 else { throw fail("is not a version-1 trainer state") }
        guard let words = Optional(state.random.compactMap { UInt64($0, radix: 16) }), words.count == 4,
              let generator = Xoshiro256StarStar(stateWords: words) else { throw fail("holds a damaged random state") }
        guard state.actors.count == configuration.environment.actors else {
            throw fail("has \(state.actors.count) actors; the configuration has \(configuration.environment.actors)")
        }
        let onlineCheckpoint = try Checkpoint.read(from: inFolder("online.h5"), expecting: configuration.network)
        let targetCheckpoint = try Checkpoint.read(from: inFolder("target.h5"), expecting: configuration.network)
        guard let adam = onlineCheckpoint.optimizer else {
            throw TrainingRunError(file: inFolder("online.h5"), problem: "holds no optimizer state")
        }
        do {
            let file = try HDF5File.open(inFolder("replay.h5"))
            try replay.read(from: file.group("replay")) { TrainingRunError(file: inFolder("replay.h5"), problem: $0) }
        } catch let error as HDF5Error {
            throw TrainingRunError(file: inFolder("replay.h5"), problem: error.problem)
        }
        online = onlineCheckpoint.encoder
        target = targetCheckpoint.encoder
        targetReplicasStale = true
        optimizer = adam
        random = generator
        (envSteps, updates, episodes, nextTrainingEpisode) = (state.envSteps, state.updates, state.episodes, state.nextTrainingEpisode)
        bestValidationTWR50 = state.bestValidationTWR50
        earlierWallSeconds = state.wallSeconds
        recentTWR50 = state.recentTWR50
        lastIntervalLoss = state.lastIntervalLoss
        actors = []
        for (index, saved) in state.actors.enumerated() {
            try refly(actor: index, seed: saved.seed, exploratory: saved.exploratory, actions: saved.actions)
        }
    }

    /// Writes `finished.json`: the counters, the wall time and the best validation.
    func writeFinished(wallSeconds: Double) throws {
        struct Finished: Codable {
            var envSteps: Int, updates: Int, episodes: Int, wallSeconds: Double, bestValidationTWR50: Double?
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(Finished(envSteps: envSteps, updates: updates, episodes: episodes, wallSeconds: wallSeconds,
                                    bestValidationTWR50: bestValidationTWR50))
            .write(to: URL(fileURLWithPath: path("finished.json")), options: .atomic)
    }
}
