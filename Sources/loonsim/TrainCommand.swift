import ArgumentParser
import Evaluation
import FlightLog
import Foundation
import Learning
import StationKeeping
import WindField

/// `loonsim train`: QR-DQN training from a configuration file, resumable; `train plot` draws its curve.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a QR-DQN agent (Performer or MLP encoder) from a configuration file.",
        subcommands: [TrainRunCommand.self, TrainPlotCommand.self],
        defaultSubcommand: TrainRunCommand.self)
}

struct TrainRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train (the default of `loonsim train`).",
        discussion: """
            Configurations are JSON files (Experiments/configs/*.json); a file names only the settings it \
            changes from BLE's QR-DQN defaults. RUN_DIR gets config.json, metrics.jsonl (one JSON object per \
            line: pandas.read_json(path, lines=True)), checkpoints/, latest.h5 and best.h5 (agents for \
            `loonsim evaluate --agent`), and finished.json at the end. Ctrl-C saves a checkpoint and stops; \
            --resume continues from the last checkpoint exactly as if never stopped (a kill loses at most \
            the work since the last checkpoint, checkpointIntervalSeconds).
            """)

    @Option(help: "The training configuration (JSON). Optional with --resume (the run's own is used).")
    var config: String?

    @Option(help: "The run folder.")
    var out: String

    @Flag(help: "Continue the run in --out from its last checkpoint.")
    var resume = false

    func validate() throws {
        if config == nil && !resume { throw ValidationError("give --config FILE (or --resume to continue a run)") }
    }

    /// `bytes` in the unit that shows it best ("4.45 GB", "4.4 MB").
    static func byteCount(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        return String(format: "%.0f kB", value / 1e3)
    }

    func run() throws {
        Interruption.install()
        let given = try reportingErrors { try config.map(TrainingConfiguration.read(from:)) }
        let trainer: Trainer = try reportingErrors {
            if resume { return try Trainer.resume(runDirectory: out, configuration: given) }
            return try Trainer.start(configuration: given!, runDirectory: out)
        }
        if trainer.isFinished {
            print("train: \(out) is finished (\(trainer.envSteps) of \(trainer.configuration.budget.envSteps) environment steps); nothing to do")
            return
        }
        let network = trainer.configuration.network
        FileHandle.standardError.write(Data(("train: \(network.architecture.rawValue) network, \(trainer.online.parameterCount) "
            + "parameters; replay memory \(trainer.configuration.replay.capacity) transitions × \(ReplayBuffer.bytesPerFrame) bytes per transition = "
            + Self.byteCount(trainer.configuration.replay.capacity * ReplayBuffer.bytesPerFrame)
            + (trainer.envSteps > 0 ? "; resuming at \(trainer.envSteps) environment steps" : "") + "\n").utf8))
        let line = StatusLine()
        let outcome = try reportingErrors {
            try trainer.run(shouldStop: { Interruption.requested }, progress: { progress in
                line.show(Self.describe(progress), final: false)
            })
        }
        line.finish()
        switch outcome {
        case .finished:
            print("train: finished \(trainer.envSteps) environment steps, \(trainer.updates) updates, \(trainer.episodes) episodes; "
                + "agent: \((out as NSString).appendingPathComponent("latest.h5")) (best validation: "
                + "\((out as NSString).appendingPathComponent("best.h5")))")
            if trainer.configuration.validation.everyEnvSteps > 0 {
                try reportingErrors { try Self.flyValidationLogs(trainer.configuration, runDirectory: out) }
            }
        case .outOfWallTime:
            print("train: wall-time budget spent at \(trainer.envSteps) environment steps; checkpoint saved, continue with --resume")
        case .interrupted:
            FileHandle.standardError.write(Data("train: stopped at \(trainer.envSteps) environment steps; checkpoint saved, continue with --resume\n".utf8))
            throw ExitCode(Interruption.exitStatus)
        }
    }

    /// Flies the best network on the validation seeds as `evaluate` does, writing a flight log per
    /// seed under `RUN_DIR/validation/best/` (`loonsim replay RUN_DIR/validation` verifies them).
    static func flyValidationLogs(_ configuration: TrainingConfiguration, runDirectory: String) throws {
        let best = (runDirectory as NSString).appendingPathComponent("best.h5")
        let agent = try LearnedAgent(checkpointPath: best)
        let environment = EnvironmentConfiguration(profile: configuration.environment.profile, trialSteps: configuration.trialSteps)
        let winds = try WindSourceSelection(configuration.environment.winds, decoder: VAEDecoder.loadDefault)
        let scenarios = try Trainer.validationScenarios(configuration, winds: winds)
        let settings = FlightSettings(agent: try EvaluateCommand.agentRecord(agent), configuration: environment,
                                      winds: try EvaluateCommand.windRecord(configuration.environment.winds),
                                      loonsimVersion: Loonsim.configuration.version,
                                      commandLine: CommandLine.arguments.joined(separator: " "))
        let folder = (runDirectory as NSString).appendingPathComponent("validation/best")
        let plan = Evaluator.Plan(agent: agent, scenarios: scenarios, configuration: environment, winds: winds.source,
                                  windsName: winds.name, jobs: System.coreCount, episodeDirectory: folder, resume: false,
                                  store: FlightLogStore(settings: settings))
        let results = try Evaluator().run(plan, report: { _ in }, shouldStop: { false })
        let summary = EvaluationSummary(results)
        print(String(format: "train: best.h5 on the %d validation seeds: TWR50 %.4f; flight logs in %@ (loonsim replay verifies them)",
                     results.count, summary.meanTimeWithinRadius, folder))
    }

    static func describe(_ progress: Trainer.Progress) -> String {
        let fraction = Double(progress.envSteps) / Double(max(progress.budgetEnvSteps, 1))
        var text = String(format: "train %@: %d/%d steps (%.1f%%) · %.0f steps/s · %.1f updates/s · %d episodes",
                          progress.phase, progress.envSteps, progress.budgetEnvSteps, 100 * fraction,
                          progress.envStepsPerSecond, progress.updatesPerSecond, progress.episodes)
        if let twr = progress.recentTWR50 { text += String(format: " · TWR50 %.3f", twr) }
        if let validation = progress.validationTWR50 { text += String(format: " · val %.3f", validation) }
        if let loss = progress.loss { text += String(format: " · loss %.4g", loss) }
        text += " · ETA " + (progress.etaSeconds.map(ProgressLine.clock) ?? "–")
        return text
    }
}

struct TrainPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a run's learning curve (TWR50 and loss against environment steps and wall time) as SVG or HTML.")

    @Argument(help: "The run folder (holding metrics.jsonl).")
    var runDirectory: String

    @Option(help: "The picture to write: .svg, or .html (the SVG in a page).")
    var out: String

    @Option(parsing: .singleValue, help: ArgumentHelp(
        "A horizontal line on the TWR50 panels, LABEL=TWR50 (repeatable).",
        discussion: "E.g. a baseline's TWR50 on the validation seeds: loonsim evaluate --agent station-seeker --seeds 100000-100049"))
    var reference: [String] = []

    func validate() throws {
        guard out.hasSuffix(".svg") || out.hasSuffix(".html") else { throw ValidationError("--out must end in .svg or .html") }
        _ = try references()
    }

    func references() throws -> [(label: String, twr50: Double)] {
        try reference.map { text in
            guard let equals = text.lastIndex(of: "="), let value = Double(text[text.index(after: equals)...]),
                  value >= 0, value <= 1, equals != text.startIndex
            else { throw ValidationError("--reference must be LABEL=TWR50 with a TWR50 in [0, 1], not '\(text)'") }
            return (String(text[..<equals]), value)
        }
    }

    func run() throws {
        try reportingErrors {
            let metricsPath = (runDirectory as NSString).appendingPathComponent("metrics.jsonl")
            guard FileManager.default.fileExists(atPath: metricsPath) else {
                throw UserFacingError(description: "\(runDirectory): holds no metrics.jsonl (not a training run?)")
            }
            let records = TrainingMetricsFile(path: metricsPath).records()
            guard !records.isEmpty else { throw UserFacingError(description: "\(metricsPath): holds no metrics yet") }
            let title = (runDirectory as NSString).lastPathComponent
            let svg = LearningCurvePlot(records: records, title: title, references: try references()).svg()
            let text = out.hasSuffix(".html")
                ? "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(title): learning curve</title></head>"
                    + "<body style=\"margin:0;background:#fff\">\n\(svg)\n</body></html>\n"
                : svg
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw UserFacingError(description: "\(out): cannot be written (\(error.localizedDescription))")
            }
            print("train plot: \(records.count) metric lines → \(out)")
        }
    }
}
