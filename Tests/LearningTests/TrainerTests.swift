import Foundation
import StationKeeping
import TestSupport
import Agents
import BalloonPhysics
import WindField
import XCTest
@testable import Learning

final class TrainerTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    /// A run small enough for a debug build: 2 actors on 9-step trials, a tiny Performer, a
    /// teacher warm start, MarcoPolo phases of 3 and 2 steps, updates from the 20th step.
    static func tinyConfiguration(budget: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.seed = 4
        c.environment.days = 0.02
        c.environment.actors = 2
        (c.network.width, c.network.blockCount, c.network.headCount) = (8, 1, 2)
        (c.network.featureCount, c.network.feedForwardWidth, c.network.headHiddenWidths) = (8, 8, [8])
        c.network.featureRedrawInterval = 7
        c.optimizer.learningRate = .constant(1e-3)
        c.learner.batchSize = 4
        c.learner.minimumReplayHistory = 20
        c.learner.targetUpdatePeriod = 3
        c.replay.capacity = 400
        c.exploration.exploratoryEpisodeProbability = 0.5
        (c.exploration.rlPhaseSteps, c.exploration.explorerPhaseSteps) = (3, 2)
        c.exploration.epsilon = 0.1
        c.warmStart.envSteps = 40
        c.budget.envSteps = budget
        c.validation.everyEnvSteps = 0
        return c
    }

    func testAResumedRunEndsWithTheWeightsOfAnUninterruptedOneBitForBit() throws {
        let configuration = Self.tinyConfiguration(budget: 120)
        let straight = try Trainer.start(configuration: configuration, runDirectory: directory + "/straight")
        XCTAssertEqual(try straight.run(), .finished)

        let cut = try Trainer.start(configuration: configuration, runDirectory: directory + "/cut")
        XCTAssertEqual(try cut.run(maximumEnvSteps: 60), .interrupted)
        XCTAssertEqual(cut.envSteps, 60)
        let resumed = try Trainer.resume(runDirectory: directory + "/cut", configuration: nil)
        XCTAssertEqual(resumed.envSteps, 60)
        XCTAssertEqual(try resumed.run(), .finished)

        XCTAssertGreaterThan(straight.updates, 20, "the run learned")
        XCTAssertEqual(resumed.updates, straight.updates)
        XCTAssertEqual(resumed.episodes, straight.episodes)
        XCTAssertEqual(resumed.online.namedParameters, straight.online.namedParameters)
        XCTAssertEqual(resumed.target.namedParameters, straight.target.namedParameters)
        XCTAssertEqual(resumed.online.namedBuffers, straight.online.namedBuffers, "random features redrawn alike")
        XCTAssertEqual(resumed.optimizer, straight.optimizer)
        XCTAssertNotEqual(straight.online.namedParameters, ObservationEncoder(configuration: configuration.network).namedParameters)
    }

    func testAResumeMayChangeTheLearningRateScheduleButNoOtherTrainingSetting() throws {
        let configuration = Self.tinyConfiguration(budget: 60)
        let first = try Trainer.start(configuration: configuration, runDirectory: directory + "/run")
        XCTAssertEqual(try first.run(maximumEnvSteps: 40), .interrupted)

        var otherAdam = configuration
        otherAdam.optimizer.adam.beta1 = 0.8
        XCTAssertThrowsError(try Trainer.resume(runDirectory: directory + "/run", configuration: otherAdam)) { error in
            XCTAssertTrue("\(error)".contains("optimizer differ"), "\(error)")
        }

        var laterStage = configuration
        laterStage.optimizer.learningRate = LearningRateSchedule(peak: 1e-3, warmupSteps: first.updates, totalSteps: first.updates + 4,
                                                                decay: .linear, finalFraction: 0.1)
        laterStage.budget.envSteps = 80
        let resumed = try Trainer.resume(runDirectory: directory + "/run", configuration: laterStage)
        XCTAssertEqual(resumed.envSteps, 40)
        XCTAssertEqual(try resumed.run(), .finished)
        XCTAssertGreaterThan(resumed.updates, first.updates + 4, "the new schedule reached its floor")
        XCTAssertEqual(resumed.lastLearningRate, 1e-4, accuracy: 1e-9, "the new schedule is the one used")
        XCTAssertEqual(try TrainingConfiguration.read(from: directory + "/run/config.json"), laterStage, "and stored")
    }

    func testARunWritesMetricsCheckpointsAndAnAgentFileEvaluateCanLoad() throws {
        var configuration = Self.tinyConfiguration(budget: 60)
        configuration.validation.everyEnvSteps = 30
        configuration.validation.seedCount = 2
        let trainer = try Trainer.start(configuration: configuration, runDirectory: directory)
        XCTAssertEqual(try trainer.run(), .finished)
        let records = TrainingMetricsFile(path: directory + "/metrics.jsonl").records()
        XCTAssertEqual(records.filter { $0.kind == "validation" }.map(\.envSteps), [30, 60])
        XCTAssertTrue(records.contains { $0.kind == "train" && $0.loss != nil && $0.phase == "qr-dqn" })
        XCTAssertTrue(records.contains { $0.kind == "train" && $0.phase == "warm-start" })
        for name in ["config.json", "latest.h5", "best.h5", "finished.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/" + name), name)
        }
        let agent = try LearnedAgent(checkpointPath: directory + "/latest.h5")
        XCTAssertEqual(agent.name, "checkpoint:latest.h5")
        XCTAssertEqual(try Checkpoint.read(from: directory + "/latest.h5").encoder.namedParameters,
                       trainer.online.namedParameters)
        let finished = try Trainer.resume(runDirectory: directory, configuration: nil)
        XCTAssertTrue(finished.isFinished)

        // Given a larger budget the run goes on, and is not marked finished until that is spent.
        var extended = configuration
        extended.budget.envSteps = 100
        let continued = try Trainer.resume(runDirectory: directory, configuration: extended)
        XCTAssertEqual(try continued.run(maximumEnvSteps: 80), .interrupted)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/finished.json"), "no stale finished.json")
        XCTAssertEqual(try Trainer.resume(runDirectory: directory, configuration: nil).run(), .finished)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/finished.json"))
    }

    func testValidationScoresFlightsAsBLEsEvalLoopDoes() throws {
        let network = ObservationEncoder(configuration: Self.tinyConfiguration(budget: 1).network)
        let configuration = EnvironmentConfiguration(trialSteps: 12)
        let scenarios = try [100_000, 100_001].map { try ScenarioSampler.scenario(seed: $0) }
        let flights = try Trainer.validationFlights(network, scenarios: scenarios, configuration: configuration,
                                                    winds: try WindSourceSelection("generative", decoder: VAEDecoder.loadDefault))
        XCTAssertEqual(flights.map(\.seed), [100_000, 100_001])
        XCTAssertEqual(flights.map(\.finalTimestep), [12, 12])
        // The same flight one step at a time, greedy on the same network, gives the same score.
        let environment = StationKeepingEnvironment(configuration: configuration, winds: .generative(try VAEDecoder.loadDefault()))
        var agent = LearnedAgent(encoder: network, name: "test")
        var command = agent.beginEpisode(observation: try environment.reset(scenario: scenarios[1]).observation, seed: 0)
        var within = 0
        var reward = 0.0
        for _ in 0..<12 {
            let result = try environment.step(command)
            if result.info.withinRadius { within += 1 }
            reward += result.reward
            command = agent.step(reward: result.reward, observation: result.observation)
        }
        XCTAssertEqual(flights[1].timeWithinRadius, Double(within) / 12)
        XCTAssertEqual(flights[1].cumulativeReward, reward, accuracy: 1e-12)
    }

    /// With `studentFliesFromEnvSteps` the teacher flies the warm start up to that step and the
    /// network being trained from there on (DAgger), while the teacher still labels the updates.
    func testTheStudentFliesTheWarmStartFromTheConfiguredStep() throws {
        var configuration = Self.tinyConfiguration(budget: 60)
        (configuration.environment.actors, configuration.replay.capacity) = (8, 800)
        (configuration.exploration.exploratoryEpisodeProbability, configuration.exploration.epsilon) = (0, 0)
        configuration.warmStart.studentFliesFromEnvSteps = 24
        let trainer = try Trainer.start(configuration: configuration, runDirectory: directory + "/dagger")
        func greedy(_ quantiles: [Float]) -> [AltitudeControlCommand] {
            (0..<trainer.actors.count).map {
                AltitudeControlCommand(rawValue: QuantileOutput.greedyAction(quantiles, row: $0, actionCount: 3, quantileCount: 51))!
            }
        }
        func choices() -> (teacher: [AltitudeControlCommand], student: [AltitudeControlCommand]) {
            var batch = [Float]()
            for actor in trainer.actors { batch.append(contentsOf: actor.observation.values) }
            var online = trainer.online
            let student = online.forward(Tensor(shape: [trainer.actors.count, ObservationLayout.count], scalars: batch))
            return (greedy(trainer.teacher!.quantiles(batch: batch, count: trainer.actors.count)), greedy(student.scalars))
        }

        XCTAssertTrue(trainer.teacherFlies)
        var expected = choices()
        XCTAssertNotEqual(expected.teacher, expected.student, "the two networks disagree somewhere, so the test can tell who flies")
        XCTAssertEqual(trainer.chooseCommands(), expected.teacher)

        XCTAssertEqual(try trainer.run(maximumEnvSteps: 24), .interrupted)
        XCTAssertTrue(trainer.inWarmStart)
        XCTAssertFalse(trainer.teacherFlies)
        expected = choices()
        XCTAssertNotEqual(expected.teacher, expected.student)
        XCTAssertEqual(trainer.chooseCommands(), expected.student)

        configuration.warmStart.studentFliesFromEnvSteps = -1
        XCTAssertEqual(configuration.problems, ["warmStart.studentFliesFromEnvSteps must not be negative"])
    }
}

final class TrainerNetworkTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testBLEsMLPTrainsAndResumesLikeThePerformer() throws {
        var configuration = TrainerTests.tinyConfiguration(budget: 80)
        configuration.network = EncoderConfiguration()
        configuration.network.architecture = .mlp
        configuration.network.headHiddenWidths = [16, 16]
        let straight = try Trainer.start(configuration: configuration, runDirectory: directory + "/straight")
        XCTAssertEqual(try straight.run(), .finished)
        XCTAssertEqual(straight.online.namedParameters.map(\.name),
                       ["head.layers.0.weight", "head.layers.0.bias", "head.layers.1.weight", "head.layers.1.bias",
                        "head.layers.2.weight", "head.layers.2.bias"])
        XCTAssertEqual(straight.online.namedParameters[0].tensor.shape, [1099, 16])
        let cut = try Trainer.start(configuration: configuration, runDirectory: directory + "/cut")
        XCTAssertEqual(try cut.run(maximumEnvSteps: 40), .interrupted)
        let resumed = try Trainer.resume(runDirectory: directory + "/cut", configuration: nil)
        XCTAssertEqual(try resumed.run(), .finished)
        XCTAssertEqual(resumed.online.namedParameters, straight.online.namedParameters)
    }

    /// BLE's finetune_perciatelli: the MLP starts as perciatelli44 and gives its quantiles.
    func testPerciatelli44InitialWeightsReproduceItsQuantiles() throws {
        var configuration = TrainerTests.tinyConfiguration(budget: 1)
        configuration.network = .bleMLP
        configuration.initialWeights = "perciatelli44"
        XCTAssertEqual(configuration.problems, [])
        var network = try Trainer.initialNetwork(configuration)
        let teacher = try Perciatelli44Network.loadDefault()
        let observations = try (0..<3).map { try StationKeepingEnvironment(configuration: EnvironmentConfiguration(),
                                                                            winds: .generative(try VAEDecoder.loadDefault()))
            .reset(seed: $0).observation.values }
        let batch = observations.flatMap { $0 }
        let ours = network.forward(Tensor(shape: [3, 1099], scalars: batch)).scalars
        let theirs = teacher.quantiles(batch: batch, count: 3)
        XCTAssertEqual(ours.count, theirs.count)
        for (a, b) in zip(ours, theirs) { XCTAssertEqual(a, b, accuracy: 1e-3 * max(1, abs(b))) }

        configuration.network.headHiddenWidths = [600, 600]
        XCTAssertTrue(configuration.problems.contains { $0.hasPrefix("initialWeights 'perciatelli44' needs BLE's MLP") })
    }

    /// A checkpoint of BLE's MLP can teach the warm start: one made from perciatelli44 teaches its quantiles to the bit.
    func testACheckpointOfBLEsMLPCanBeTheWarmStartTeacher() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = TrainerTests.tinyConfiguration(budget: 1)
        configuration.network = .bleMLP
        configuration.initialWeights = "perciatelli44"
        let path = directory + "/finetuned.h5"
        try Checkpoint(encoder: try Trainer.initialNetwork(configuration)).write(to: path)

        let teacher = try Trainer.teacherNetwork(path)
        let perciatelli44 = try Perciatelli44Network.loadDefault()
        let observation = try StationKeepingEnvironment(configuration: EnvironmentConfiguration(),
                                                        winds: .generative(try VAEDecoder.loadDefault()))
            .reset(seed: 3).observation.values
        XCTAssertEqual(teacher.quantiles(observation: observation).map(\.bitPattern),
                       perciatelli44.quantiles(observation: observation).map(\.bitPattern))

        configuration.warmStart.envSteps = 10
        configuration.warmStart.teacher = path
        XCTAssertEqual(configuration.problems, [])
        configuration.warmStart.teacher = "station-seeker"
        XCTAssertEqual(configuration.problems, ["warmStart.teacher must be 'perciatelli44' or a checkpoint file (.h5), not 'station-seeker'"])

        let performer = directory + "/performer.h5"
        try Checkpoint(encoder: ObservationEncoder(configuration: EncoderConfiguration())).write(to: performer)
        XCTAssertThrowsError(try Trainer.teacherNetwork(performer)) {
            XCTAssertTrue("\($0)".hasPrefix("\(performer): a warm-start teacher must be BLE's MLP"), "\($0)")
        }
    }
}
