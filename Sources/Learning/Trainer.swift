import Agents
import BalloonPhysics
import FileErrors
import Foundation
import StationKeeping
import WindField

/// QR-DQN training (Dabney et al. 2018; BLE's settings in ble-reference.md §6.5) of an
/// ``ObservationEncoder``, with n-step returns, a target network, prioritized replay and
/// MarcoPolo exploration, saving everything needed to resume in its run directory.
///
/// One iteration: every actor (an environment of an ``EnvironmentBatch``, stepped over the
/// cores) takes one step, chosen by the explorer in its phases, else ε-greedy on the online
/// network's mean quantiles (all actors in one batched forward); the transitions enter the
/// ``ReplayBuffer``; then the learner makes the updates that are due (one per
/// `envStepsPerUpdate` environment steps), each splitting its batch over `learner.threads`
/// threads and summing their gradients in a fixed order. Nothing depends on timing, so a run is
/// deterministic: the same configuration gives the same weights, bit for bit, and a run resumed
/// from a checkpoint continues exactly as if it had never stopped (in-flight episodes are
/// re-flown from their scenario and recorded actions).
///
/// The run directory holds `config.json`, `metrics.jsonl` (``TrainingMetricsRecord``),
/// `checkpoints/step-N/` (online and target networks with the optimizer, the replay memory and
/// `trainer.json`, written last), `latest.h5` and `best.h5` (weights only, loadable by
/// ``LearnedAgent`` and `loonsim evaluate --agent`), and `finished.json` once the budget is spent.
public final class Trainer {
    public let configuration: TrainingConfiguration
    public let runDirectory: String

    /// The network being trained and its slowly following copy.
    public internal(set) var online: ObservationEncoder
    public internal(set) var target: ObservationEncoder
    public internal(set) var optimizer: Adam
    var replay: ReplayBuffer
    var random: Xoshiro256StarStar
    /// Progress counters.
    public internal(set) var envSteps = 0
    public internal(set) var updates = 0
    public internal(set) var episodes = 0
    var nextTrainingEpisode = 0
    var actors: [Actor] = []
    var bestValidationTWR50: Double?
    /// Wall-clock seconds spent by earlier invocations of this run.
    var earlierWallSeconds = 0.0
    /// TWR50 of the most recent finished training episodes (for the progress line).
    var recentTWR50: [Double] = []
    var lastLearningRate: Float = 0
    /// The learner's per-thread copies of the online and target networks (see ``update()``).
    var replicas: [ObservationEncoder] = []
    var targetReplicas: [ObservationEncoder] = []
    var targetReplicasStale = true
    var lastIntervalLoss: Double?

    let environments: [StationKeepingEnvironment]
    /// The winds every episode flies in (and, for a grid, the grid each scenario is moved over).
    let winds: WindSourceSelection
    let environmentConfiguration: EnvironmentConfiguration
    let teacher: Perciatelli44Network?
    let lossFunction: QuantileHuberLoss
    var interval = IntervalStatistics()

    /// One actor's episode: what a resume needs to re-fly it, plus its running score.
    struct Actor {
        var seed: Int
        var exploratory: Bool
        var actions: [Int] = []
        var exploration: MarcoPoloExploration
        /// The command the explorer chose for the next step, when it has control.
        var explorerCommand: AltitudeControlCommand?
        var observation: Observation
        var withinRadiusSteps = 0
        var cumulativeReward = 0.0
    }

    /// Sums over the updates and episodes since the last `train` metrics line.
    struct IntervalStatistics {
        var lossSum = 0.0
        var gradientNormSum = 0.0
        var updates = 0
        var episodeTWR50: [Double] = []
        var startEnvSteps = 0
        var startUpdates = 0
        var startTime = Date()
    }

    /// A new run (``start(configuration:runDirectory:)``) or a resumed one (``resume(runDirectory:configuration:)``).
    init(configuration: TrainingConfiguration, runDirectory: String, online: ObservationEncoder) throws {
        _ = AllocatorTuning.applied
        self.configuration = configuration
        self.runDirectory = runDirectory
        self.online = online
        target = online
        optimizer = Adam(configuration: configuration.optimizer.adam)
        random = Xoshiro256StarStar(seed: configuration.seed, label: "trainer")
        let environmentConfiguration = EnvironmentConfiguration(profile: configuration.environment.profile,
                                                                trialSteps: configuration.trialSteps)
        self.environmentConfiguration = environmentConfiguration
        let winds = try WindSourceSelection(configuration.environment.winds, decoder: VAEDecoder.loadDefault)
        self.winds = winds
        environments = (0..<configuration.environment.actors).map { _ in
            StationKeepingEnvironment(configuration: environmentConfiguration, winds: winds.source)
        }
        replay = ReplayBuffer(configuration: configuration.replay, discount: configuration.learner.discount,
                              stepCount: configuration.learner.nStep, actorCount: configuration.environment.actors)
        teacher = configuration.warmStart.envSteps > 0 ? try Self.teacherNetwork(configuration.warmStart.teacher) : nil
        lossFunction = QuantileHuberLoss(kappa: configuration.learner.kappa)
    }

    /// The scenario of `seed` as this run flies it (over the wind grid, if there is one).
    func scenario(seed: Int) throws -> Scenario {
        try Self.scenario(seed: seed, configuration: configuration, winds: winds)
    }

    /// The scenario of `seed` as a run of `configuration` in `winds` flies it.
    static func scenario(seed: Int, configuration: TrainingConfiguration, winds: WindSourceSelection) throws -> Scenario {
        winds.flying(try ScenarioSampler.scenario(seed: seed, profile: configuration.environment.profile))
    }

    /// The validation scenarios of a run of `configuration` in `winds`: seeds
    /// ``TrainingSeeds/firstValidationSeed`` onward, as validation and the finished run's flight logs fly them.
    public static func validationScenarios(_ configuration: TrainingConfiguration, winds: WindSourceSelection) throws -> [Scenario] {
        try (0..<configuration.validation.seedCount).map {
            try scenario(seed: TrainingSeeds.firstValidationSeed + $0, configuration: configuration, winds: winds)
        }
    }

    /// Whether the budget is spent.
    public var isFinished: Bool { envSteps >= configuration.budget.envSteps }

    /// Whether the learner is imitating the teacher rather than learning from rewards.
    var inWarmStart: Bool { envSteps < configuration.warmStart.envSteps }

    /// Whether the teacher, rather than the network being trained, chooses the actors' actions.
    var teacherFlies: Bool { inWarmStart && envSteps < configuration.warmStart.studentFliesFromEnvSteps ?? .max }

    /// The network's initial weights for a new run.
    static func initialNetwork(_ configuration: TrainingConfiguration) throws -> ObservationEncoder {
        var network = ObservationEncoder(configuration: configuration.network)
        switch configuration.initialWeights {
        case nil:
            break
        case "perciatelli44"?:
            let teacher = try Perciatelli44Network.loadDefault()
            var tensors: [NamedTensor] = []
            for (index, width) in Perciatelli44Network.widths.dropLast().enumerated() {
                let outputs = Perciatelli44Network.widths[index + 1]
                tensors.append(NamedTensor("head.layers.\(index).weight", Tensor(shape: [width, outputs], scalars: teacher.kernels[index])))
                tensors.append(NamedTensor("head.layers.\(index).bias", Tensor(shape: [outputs], scalars: teacher.biases[index])))
            }
            try network.setParameters(tensors)
        case let path?:
            let checkpoint = try Checkpoint.read(from: path, expecting: configuration.network)
            network = checkpoint.encoder
        }
        return network
    }

    /// The warm start's teacher: BLE's perciatelli44, or a loonsim checkpoint of a network shaped
    /// like it (BLE's 7 × 600 MLP, 3 × 51 outputs, no output scale), such as a fine-tuned perciatelli44.
    static func teacherNetwork(_ name: String) throws -> Perciatelli44Network {
        if name == "perciatelli44" { return try Perciatelli44Network.loadDefault() }
        let encoder = try Checkpoint.read(from: name).encoder
        guard encoder.configuration == .bleMLPWithSeed(encoder.configuration.seed) else {
            throw CheckpointError(file: name, problem: "a warm-start teacher must be BLE's MLP (architecture mlp, "
                + "headHiddenWidths 7 × 600, 3 actions × 51 quantiles, relu, outputScale 1), like perciatelli44")
        }
        let parameters = Dictionary(uniqueKeysWithValues: encoder.namedParameters.map { ($0.name, $0.tensor.scalars) })
        let layers = Perciatelli44Network.widths.count - 1
        return Perciatelli44Network(kernels: (0..<layers).map { parameters["head.layers.\($0).weight"]! },
                                    biases: (0..<layers).map { parameters["head.layers.\($0).bias"]! })
    }

    // MARK: Acting

    /// Starts actor `index`'s next training episode.
    func startEpisode(actor index: Int) throws {
        let seed = TrainingSeeds.firstTrainingSeed + nextTrainingEpisode
        nextTrainingEpisode += 1
        let observation = try environments[index].reset(scenario: scenario(seed: seed)).observation
        var exploration = MarcoPoloExploration(configuration: configuration.exploration, profile: configuration.environment.profile)
        exploration.beginEpisode(observation: observation, seed: UInt64(seed), using: &random)
        let actor = Actor(seed: seed, exploratory: exploration.isExploratoryEpisode, exploration: exploration,
                          observation: observation)
        if index < actors.count { actors[index] = actor } else { actors.append(actor) }
        observation.values.withUnsafeBufferPointer { replay.beginEpisode(actor: index, observation: $0) }
    }

    /// The commands of all actors for their current observations.
    func chooseCommands() -> [AltitudeControlCommand] {
        var commands = actors.map { $0.explorerCommand ?? .stay }
        let deciding = actors.indices.filter { actors[$0].explorerCommand == nil }
        guard !deciding.isEmpty else { return commands }
        var batch = [Float]()
        batch.reserveCapacity(deciding.count * ObservationLayout.count)
        for index in deciding { batch.append(contentsOf: actors[index].observation.values) }
        let quantileCount = configuration.network.quantileCount
        let actionCount = configuration.network.actionCount
        let quantiles: [Float]
        if teacherFlies, let teacher {
            quantiles = teacher.quantiles(batch: batch, count: deciding.count)
        } else {
            quantiles = online.forward(Tensor(shape: [deciding.count, ObservationLayout.count], scalars: batch)).scalars
        }
        for (row, index) in deciding.enumerated() {
            let greedy = QuantileOutput.greedyAction(quantiles, row: row, actionCount: actionCount, quantileCount: quantileCount)
            // ε-greedy: one uniform per deciding actor, in actor order, so the stream does not depend on ε.
            let draw = random.nextUniform()
            let action = draw < configuration.exploration.epsilon ? random.nextInt(below: actionCount) : greedy
            commands[index] = AltitudeControlCommand(rawValue: action)!
        }
        return commands
    }

    /// Steps every actor once with `commands` (over the cores), records the transitions and
    /// starts new episodes where one ended. An actor whose physics fails ends its episode there
    /// (its unfinished transitions are dropped) and starts another.
    func actorStep(_ commands: [AltitudeControlCommand]) throws {
        let environments = self.environments
        let outcomes = try parallelChunks(environments.count, threads: System.coreCount) { index in
            Result { try environments[index].step(commands[index]) }
        }
        for (index, outcome) in outcomes.enumerated() {
            envSteps += 1
            guard case .success(let result) = outcome else {
                try startEpisode(actor: index)
                continue
            }
            let command = commands[index]
            result.observation.values.withUnsafeBufferPointer {
                replay.addStep(actor: index, action: command.rawValue, reward: Float(result.reward), nextObservation: $0,
                               terminated: result.terminated, truncated: result.truncated)
            }
            actors[index].actions.append(command.rawValue)
            actors[index].cumulativeReward += result.reward
            if result.info.withinRadius { actors[index].withinRadiusSteps += 1 }
            if result.terminated || result.truncated {
                let twr = Double(actors[index].withinRadiusSteps) / Double(actors[index].actions.count)
                episodes += 1
                interval.episodeTWR50.append(twr)
                recentTWR50.append(twr)
                if recentTWR50.count > 50 { recentTWR50.removeFirst(recentTWR50.count - 50) }
                try startEpisode(actor: index)
            } else {
                actors[index].observation = result.observation
                actors[index].explorerCommand = actors[index].exploration.step(observation: result.observation)
            }
        }
    }

    /// Re-flies actor `index`'s episode from its scenario and recorded actions (after a resume).
    func refly(actor index: Int, seed: Int, exploratory: Bool, actions: [Int]) throws {
        var observation = try environments[index].reset(scenario: scenario(seed: seed)).observation
        var exploration = MarcoPoloExploration(configuration: configuration.exploration, profile: configuration.environment.profile)
        exploration.beginEpisode(observation: observation, seed: UInt64(seed), exploratory: exploratory)
        var actor = Actor(seed: seed, exploratory: exploratory, exploration: exploration, observation: observation)
        for action in actions {
            let result = try environments[index].step(action: action)
            observation = result.observation
            actor.actions.append(action)
            actor.cumulativeReward += result.reward
            if result.info.withinRadius { actor.withinRadiusSteps += 1 }
            actor.explorerCommand = actor.exploration.step(observation: observation)
        }
        actor.observation = observation
        if index < actors.count { actors[index] = actor } else { actors.append(actor) }
    }
}
