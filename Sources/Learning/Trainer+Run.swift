import Evaluation
import Foundation
import StationKeeping

extension Trainer {
    /// What the progress callback is told after each iteration.
    public struct Progress: Sendable {
        public var envSteps: Int
        public var budgetEnvSteps: Int
        public var updates: Int
        public var episodes: Int
        /// Rates over this invocation.
        public var envStepsPerSecond: Double
        public var updatesPerSecond: Double
        /// Mean TWR50 of the last (up to) 50 training episodes, and the last interval's mean loss.
        public var recentTWR50: Double?
        public var loss: Double?
        public var phase: String
        public var wallSeconds: Double
        /// Seconds left at this invocation's pace.
        public var etaSeconds: Double?
        /// The last validation's mean TWR50.
        public var validationTWR50: Double?
    }

    /// Why ``run(shouldStop:progress:)`` returned.
    public enum Outcome: Equatable, Sendable {
        /// The budget is spent; `finished.json` is written.
        case finished
        /// The wall-time budget of this invocation ran out; a checkpoint is saved.
        case outOfWallTime
        /// `shouldStop` asked; a checkpoint is saved.
        case interrupted
    }

    /// Trains until the budget is spent, the wall time runs out or `shouldStop` says so,
    /// checkpointing every `checkpointIntervalSeconds` and at the end.
    ///
    /// - Parameter maximumEnvSteps: stop (with a checkpoint) on reaching this many environment
    ///   steps, as if interrupted there (tests use it to cut a run in two).
    public func run(
        maximumEnvSteps: Int? = nil, shouldStop: () -> Bool = { false }, progress: (Progress) -> Void = { _ in }
    ) throws -> Outcome {
        let started = Date()
        let startSteps = envSteps
        let startUpdates = updates
        var lastCheckpoint = Date()
        let metricsPeriod = max(configuration.environment.actors, min(10_000, configuration.budget.envSteps / 100))
        var nextMetrics = (envSteps / metricsPeriod + 1) * metricsPeriod
        let validationPeriod = configuration.validation.everyEnvSteps
        var nextValidation = validationPeriod > 0 ? (envSteps / validationPeriod + 1) * validationPeriod : Int.max
        interval = IntervalStatistics(startEnvSteps: envSteps, startUpdates: updates, startTime: started)
        var lastValidation: Double? = bestValidationTWR50

        func wallSeconds() -> Double { earlierWallSeconds + Date().timeIntervalSince(started) }
        // A finished run resumed with a larger budget is no longer finished: its old `finished.json`
        // would say so wrongly until the new budget is spent (the metrics keep what it said).
        if !isFinished, FileManager.default.fileExists(atPath: path("finished.json")) {
            try FileManager.default.removeItem(atPath: path("finished.json"))
        }
        while !isFinished {
            let wasWarm = inWarmStart
            try actorStep(chooseCommands())
            if wasWarm && !inWarmStart { synchronizeTarget() }  // QR-DQN starts from the imitated network
            updateIfDue()

            if envSteps >= nextMetrics || isFinished {
                try appendTrainMetrics(wallSeconds: wallSeconds())
                nextMetrics = (envSteps / metricsPeriod + 1) * metricsPeriod
            }
            if envSteps >= nextValidation || (isFinished && validationPeriod > 0) {
                lastValidation = try validate(wallSeconds: wallSeconds())
                nextValidation = (envSteps / validationPeriod + 1) * validationPeriod
            }
            let elapsed = Date().timeIntervalSince(started)
            let rate = Double(envSteps - startSteps) / max(elapsed, 1e-9)
            progress(Progress(
                envSteps: envSteps, budgetEnvSteps: configuration.budget.envSteps, updates: updates, episodes: episodes,
                envStepsPerSecond: rate, updatesPerSecond: Double(updates - startUpdates) / max(elapsed, 1e-9),
                recentTWR50: recentTWR50.isEmpty ? nil : recentTWR50.reduce(0, +) / Double(recentTWR50.count),
                loss: interval.updates > 0 ? interval.lossSum / Double(interval.updates) : lastIntervalLoss,
                phase: inWarmStart ? "warm-start" : "qr-dqn", wallSeconds: wallSeconds(),
                etaSeconds: rate > 0 ? Double(configuration.budget.envSteps - envSteps) / rate : nil,
                validationTWR50: lastValidation))

            if isFinished { break }
            if let maximumEnvSteps, envSteps >= maximumEnvSteps {
                try saveCheckpoint(wallSeconds: wallSeconds())
                return .interrupted
            }
            if shouldStop() {
                try saveCheckpoint(wallSeconds: wallSeconds())
                return .interrupted
            }
            if let limit = configuration.budget.wallSeconds, elapsed >= limit {
                try saveCheckpoint(wallSeconds: wallSeconds())
                return .outOfWallTime
            }
            if Date().timeIntervalSince(lastCheckpoint) >= configuration.checkpointIntervalSeconds {
                try saveCheckpoint(wallSeconds: wallSeconds())
                lastCheckpoint = Date()
            }
        }
        try saveCheckpoint(wallSeconds: wallSeconds())
        try writeFinished(wallSeconds: wallSeconds())
        return .finished
    }

    /// Appends a `train` line for the interval since the last one and starts a new interval.
    func appendTrainMetrics(wallSeconds: Double) throws {
        var record = TrainingMetricsRecord(kind: "train", envSteps: envSteps, updates: updates, episodes: episodes,
                                           wallSeconds: wallSeconds)
        let elapsed = Date().timeIntervalSince(interval.startTime)
        if interval.updates > 0 {
            record.loss = interval.lossSum / Double(interval.updates)
            record.gradientNorm = interval.gradientNormSum / Double(interval.updates)
            record.learningRate = Double(lastLearningRate)
            lastIntervalLoss = record.loss
        }
        if !interval.episodeTWR50.isEmpty {
            record.trainingTWR50 = interval.episodeTWR50.reduce(0, +) / Double(interval.episodeTWR50.count)
        }
        record.envStepsPerSecond = Double(envSteps - interval.startEnvSteps) / max(elapsed, 1e-9)
        record.updatesPerSecond = Double(updates - interval.startUpdates) / max(elapsed, 1e-9)
        record.phase = inWarmStart ? "warm-start" : "qr-dqn"
        try metricsFile.append(record)
        interval = IntervalStatistics(startEnvSteps: envSteps, startUpdates: updates, startTime: Date())
    }

    /// Flies the online network greedily on the validation seeds, logs the result and keeps the
    /// best network in `best.h5`; returns the mean TWR50.
    func validate(wallSeconds: Double) throws -> Double {
        let flights = try Self.validationFlights(online, scenarios: Self.validationScenarios(configuration, winds: winds),
                                                 configuration: environmentConfiguration, winds: winds)
        let twr = flights.map(\.timeWithinRadius)
        let mean = twr.reduce(0, +) / Double(twr.count)
        var record = TrainingMetricsRecord(kind: "validation", envSteps: envSteps, updates: updates, episodes: episodes,
                                           wallSeconds: wallSeconds)
        record.validationTWR50 = mean
        record.validationTWR50HalfWidth = EvaluationSummary.confidence95(twr)
        record.validationFailures = flights.filter(\.failed).count
        record.validationMeanReward = flights.map(\.cumulativeReward).reduce(0, +) / Double(flights.count)
        try metricsFile.append(record)
        if bestValidationTWR50.map({ mean > $0 }) ?? true {
            bestValidationTWR50 = mean
            try agentCheckpoint(metadata: ["validation_twr50": String(mean)]).write(to: path("best.h5"))
        }
        return mean
    }

    /// Flies `network` greedily on `scenarios` as `loonsim evaluate` flies an agent (the same
    /// ``Evaluator``, on every core, keeping the results in memory), each flight scored as BLE's
    /// eval loop scores it (ble-reference.md §7.2).
    static func validationFlights(_ network: ObservationEncoder, scenarios: [Scenario],
                                  configuration: EnvironmentConfiguration, winds: WindSourceSelection) throws -> [EpisodeResult] {
        let plan = Evaluator.Plan(agent: LearnedAgent(encoder: network, name: "validation"), scenarios: scenarios,
                                  configuration: configuration, winds: winds.source, windsName: winds.name,
                                  jobs: System.coreCount, episodeDirectory: "", resume: false)
        return try Evaluator().run(plan)
    }

    var metricsFile: TrainingMetricsFile { TrainingMetricsFile(path: path("metrics.jsonl")) }

    func path(_ name: String) -> String { (runDirectory as NSString).appendingPathComponent(name) }
}
