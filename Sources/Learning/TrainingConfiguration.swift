import BalloonPhysics
import Foundation

/// Everything a training run is made of, read from a JSON file (`Experiments/configs/NAME.json`).
///
/// Every section has defaults (BLE's QR-DQN settings where BLE has one, ble-reference.md §6.5);
/// a file names only what it changes. An unknown key anywhere is an error, so a misspelt
/// setting never passes silently. ``problems`` lists impossible values.
public struct TrainingConfiguration: Codable, Equatable, Sendable {
    /// One line saying what the run is for.
    public var description = ""
    /// Seeds the trainer's random numbers (sampling, exploration) and the network's initial weights
    /// (unless `network.seed` is set apart).
    public var seed: UInt64 = 0
    public var environment = EnvironmentSettings()
    /// The Q-network (``EncoderConfiguration``): the Performer or BLE's MLP.
    public var network = EncoderConfiguration()
    /// Start from these weights instead of a fresh initialisation: a loonsim checkpoint file, or
    /// `perciatelli44` (BLE's finetune_perciatelli; the network must be ``EncoderConfiguration/bleMLP``).
    public var initialWeights: String?
    public var optimizer = OptimizerSettings()
    public var learner = LearnerSettings()
    public var replay = ReplayConfiguration()
    public var exploration = ExplorationConfiguration()
    /// Optional first phase that imitates a teacher (see ``WarmStartSettings``).
    public var warmStart = WarmStartSettings()
    public var budget = BudgetSettings()
    public var validation = ValidationSettings()
    /// Seconds between checkpoints (the most work an interruption can lose).
    public var checkpointIntervalSeconds = 600.0

    public init() {}

    /// The episodes' world.
    public struct EnvironmentSettings: Codable, Equatable, Sendable {
        /// `ble` or `corrected` (every result names it).
        public var profile = PhysicsProfile.ble
        /// Trial length in days (BLE: 2 = 960 steps).
        public var days = 2.0
        /// `generative` (BLE's VAE winds), or the path of a loonsim wind grid (`.h5`).
        public var winds = "generative"
        /// Environments stepped together by the actors (spread over the cores).
        public var actors = 8
        public init() {}
    }

    /// Adam and its learning rate.
    public struct OptimizerSettings: Codable, Equatable, Sendable {
        public var learningRate = LearningRateSchedule.constant(2e-6)
        public var adam = AdamConfiguration(epsilon: 2e-5, maxGradientNorm: nil)
        public init() {}
    }

    /// The QR-DQN update.
    public struct LearnerSettings: Codable, Equatable, Sendable {
        public var batchSize = 32
        /// γ per 3-minute step (BLE: 0.993).
        public var discount: Float = 0.993
        /// n of the n-step return (BLE: 5).
        public var nStep = 5
        /// κ of the quantile Huber loss (BLE: 1).
        public var kappa: Float = 1
        /// Environment steps per update (BLE: one update every 4 agent steps).
        public var envStepsPerUpdate = 4
        /// Transitions in the memory before the first update (BLE: 500).
        public var minimumReplayHistory = 500
        /// Updates between copies of the online network into the target (BLE: 100 agent steps = 25 updates).
        public var targetUpdatePeriod = 25
        /// Threads that share each update's batch (fixed, so results do not depend on the machine).
        public var threads = 2
        public init() {}
    }

    /// Imitation of a teacher before reinforcement learning (0 steps: none).
    ///
    /// For the first `envSteps` environment steps the teacher flies the actors (with the usual
    /// exploration), so its flights fill the replay memory as demonstrations, and each update
    /// regresses the network's quantiles of *every* action onto the teacher's (quantile Huber
    /// loss against the teacher's 51 values) plus `advantageWeight` times the squared error of
    /// each action's mean quantile relative to the actions' average, against the teacher's: the
    /// returns are ~100 while the actions differ by ~1, so without this term the ranking, which is
    /// the policy, is the last thing learned. Then the target is synchronised and QR-DQN takes
    /// over, with the memory still holding the demonstrations.
    ///
    /// With `studentFliesFromEnvSteps` the network being trained flies instead of the teacher from
    /// that step to the end of the warm start, while the teacher still labels every sampled
    /// observation (DAgger, Ross et al. 2011): the memory then also holds the states the student's
    /// own mistakes lead to, with the teacher's values for them.
    public struct WarmStartSettings: Codable, Equatable, Sendable {
        /// `perciatelli44`, or a loonsim checkpoint file (`.h5`) of a network shaped like it (BLE's
        /// 7 × 600 MLP with 3 × 51 quantiles, e.g. a run of `finetune-perciatelli`'s `best.h5`).
        public var teacher = "perciatelli44"
        public var envSteps = 0
        /// Weight of the squared error of the actions' relative values (0: quantiles only).
        public var advantageWeight: Float = 10
        /// The environment step from which the student, not the teacher, flies the actors during
        /// the warm start (nil: the teacher flies all of it).
        public var studentFliesFromEnvSteps: Int?
        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            teacher = try container.decodeIfPresent(String.self, forKey: .teacher) ?? teacher
            envSteps = try container.decodeIfPresent(Int.self, forKey: .envSteps) ?? envSteps
            advantageWeight = try container.decodeIfPresent(Float.self, forKey: .advantageWeight) ?? advantageWeight
            studentFliesFromEnvSteps = try container.decodeIfPresent(Int.self, forKey: .studentFliesFromEnvSteps)
        }
    }

    /// When the run is finished.
    public struct BudgetSettings: Codable, Equatable, Sendable {
        /// Environment steps in all (required).
        public var envSteps = 0
        /// Wall-clock seconds of this invocation, after which it checkpoints and stops
        /// (`--resume` continues); nil: no limit.
        public var wallSeconds: Double?
        public init() {}
    }

    /// Periodic greedy evaluation on fixed seeds, disjoint from training and from the suites.
    public struct ValidationSettings: Codable, Equatable, Sendable {
        /// Environment steps between validations (0: never).
        public var everyEnvSteps = 100_000
        /// Number of validation scenarios, seeds ``TrainingSeeds/firstValidationSeed`` onward.
        public var seedCount = 50
        public init() {}
    }

    /// What is wrong with these settings, one sentence each; empty when a run can start.
    public var problems: [String] {
        var problems = network.problems.map { "network: " + $0 }
        func positive(_ name: String, _ value: Int) { if value < 1 { problems.append("\(name) must be at least 1, not \(value)") } }
        if budget.envSteps < 1 { problems.append("budget.envSteps must be at least 1, not \(budget.envSteps)") }
        if let wall = budget.wallSeconds, !(wall > 0) { problems.append("budget.wallSeconds must be positive, not \(wall)") }
        if !(environment.days > 0 && environment.days <= 30) { problems.append("environment.days must be in (0, 30], not \(environment.days)") }
        if environment.days * Double(480) < 1 { problems.append("environment.days gives a trial of no steps") }
        positive("environment.actors", environment.actors)
        positive("learner.batchSize", learner.batchSize)
        positive("learner.nStep", learner.nStep)
        positive("learner.envStepsPerUpdate", learner.envStepsPerUpdate)
        positive("learner.targetUpdatePeriod", learner.targetUpdatePeriod)
        positive("learner.threads", learner.threads)
        if learner.threads > learner.batchSize { problems.append("learner.threads (\(learner.threads)) must not exceed learner.batchSize (\(learner.batchSize))") }
        if learner.minimumReplayHistory < 0 { problems.append("learner.minimumReplayHistory must not be negative") }
        if !(learner.discount > 0 && learner.discount <= 1) { problems.append("learner.discount must be in (0, 1], not \(learner.discount)") }
        if !(learner.kappa > 0) { problems.append("learner.kappa must be positive, not \(learner.kappa)") }
        if replay.capacity < 100 * environment.actors {
            problems.append("replay.capacity (\(replay.capacity)) must be at least 100 frames per actor (\(100 * environment.actors))")
        }
        if replay.capacity > 20_000_000 { problems.append("replay.capacity \(replay.capacity) exceeds the limit of 20 000 000 frames (44 GB)") }
        if !(replay.priorityExponent >= 0) || !(replay.importanceExponent >= 0) { problems.append("replay exponents must not be negative") }
        if !(optimizer.learningRate.peak > 0) { problems.append("optimizer.learningRate.peak must be positive") }
        if !(exploration.exploratoryEpisodeProbability >= 0 && exploration.exploratoryEpisodeProbability <= 1) {
            problems.append("exploration.exploratoryEpisodeProbability must be in [0, 1]")
        }
        if !(exploration.epsilon >= 0 && exploration.epsilon <= 1) { problems.append("exploration.epsilon must be in [0, 1]") }
        if exploration.rlPhaseSteps < 0 || exploration.explorerPhaseSteps < 0 { problems.append("exploration phase lengths must not be negative") }
        if warmStart.envSteps < 0 { problems.append("warmStart.envSteps must not be negative") }
        if !(warmStart.advantageWeight >= 0) { problems.append("warmStart.advantageWeight must not be negative") }
        if let step = warmStart.studentFliesFromEnvSteps, step < 0 {
            problems.append("warmStart.studentFliesFromEnvSteps must not be negative")
        }
        if warmStart.envSteps > 0 && warmStart.teacher != "perciatelli44" && !warmStart.teacher.hasSuffix(".h5") {
            problems.append("warmStart.teacher must be 'perciatelli44' or a checkpoint file (.h5), not '\(warmStart.teacher)'")
        }
        if validation.everyEnvSteps < 0 { problems.append("validation.everyEnvSteps must not be negative") }
        if validation.everyEnvSteps > 0 { positive("validation.seedCount", validation.seedCount) }
        if !(checkpointIntervalSeconds > 0) { problems.append("checkpointIntervalSeconds must be positive") }
        if initialWeights == "perciatelli44", network != .bleMLPWithSeed(network.seed) {
            problems.append("initialWeights 'perciatelli44' needs BLE's MLP network (architecture mlp, headHiddenWidths 7 × 600, 3 actions × 51 quantiles, relu)")
        }
        return problems
    }

    /// The trial length in agent steps.
    public var trialSteps: Int { Int((environment.days * 480).rounded(.down)) }
}

extension EncoderConfiguration {
    /// ``bleMLP`` with another seed (the seed does not matter when weights are loaded).
    static func bleMLPWithSeed(_ seed: UInt64) -> EncoderConfiguration {
        var configuration = EncoderConfiguration.bleMLP
        configuration.seed = seed
        return configuration
    }
}

/// The scenario seeds training uses, kept apart from BLE's evaluation suites (seeds 0 … 9 999).
public enum TrainingSeeds {
    /// Training episode k flies scenario seed `firstTrainingSeed + k`.
    public static let firstTrainingSeed = 1_000_000
    /// Validation scenario i is seed `firstValidationSeed + i` (i < 1 000 000 − 100 000).
    public static let firstValidationSeed = 100_000
}
