import Agents
import ArgumentParser
import BalloonPhysics
import Evaluation
import FileErrors
import FlightLog
import Foundation
import Learning
import StationKeeping
import WindField

/// `loonsim evaluate`: fly an agent over a suite of seeds and report TWR50, as BLE's eval does.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Fly an agent over a suite of seeds; report TWR50 and write BLE-compatible results.",
        discussion: """
            Episodes run in parallel (--jobs); each is saved as soon as it ends, as a flight log \
            OUT/GROUP/NAME/seed_N.h5 (check or draw one with `loonsim replay`), so an interrupted run (Ctrl-C) keeps every finished episode and \
            `--resume` flies only the rest (without --resume, a folder holding an earlier evaluation of \
            the same name is refused: --name keeps both). At the end OUT/GROUP/NAME.json holds BLE's per-seed results \
            (plus loonsim's fields) and OUT/GROUP/NAME.summary.json the table printed here (GROUP: the suite's BLE name, `seeds` or `scenarios`).
            """)

    @Option(parsing: .unconditional, help: "Trial length in days (960 steps = 2 days; at most 365).")
    var days: Double = 2

    @Option(help: "Agent: \(AgentRegistry.names.joined(separator: ", ")), or a checkpoint file (.h5).")
    var agent: String = "station-seeker"

    @Option(help: "Suite: micro (1 seed), tiny (10), small (100, the default), medium (1000), big (10000).")
    var suite: EvaluationSuite?

    @Option(parsing: .unconditional, help: "Seeds instead of a suite, e.g. 0-99 or 0-9,100-149 (a seed named twice is flown once).")
    var seeds: String?

    @Option(help: "A scenario file (ble-scenarios/1 JSON) instead of seeds, e.g. BLE's exported episodes.")
    var scenarios: String?

    @Option(help: ArgumentHelp("Forecast winds: 'generative' (BLE's VAE) or a loonsim wind grid on a tangent plane.",
                               discussion: "With a grid, every scenario is flown at the grid's station and start time."))
    var winds: String = "generative"

    @Option(help: "Physics profile: ble (as BLE simulates, quirks included) or corrected.")
    var profile: PhysicsProfile = .ble

    @Option(parsing: .unconditional, help: "Episodes flown at once; the default is this machine's core count.")
    var jobs: Int = System.coreCount

    @Option(help: "Output folder.")
    var out: String = "runs/evaluate"

    @Option(help: "Fly only part i of n of the seeds (BLE's sharding), e.g. 0/4; merge with `loonsim merge-shards`.")
    var shard: String?

    @Option(help: "Name of the result files (default: the agent's name).")
    var name: String?

    @Flag(help: "Reuse finished episode files of an earlier run with the same settings.")
    var resume = false

    @Flag(inversion: .prefixedNo, help: "Include each episode's flight path in the JSON (BLE's format).")
    var flightPaths = true

    func validate() throws {
        guard days > 0, days.isFinite, Int((days * Double(EnvironmentConfiguration.stepsPerDay)).rounded(.down)) >= 1 else {
            throw ValidationError("--days must be positive (at least one 3-minute step), got \(days)")
        }
        guard days <= 365 else { throw ValidationError("--days \(days) is more than the 365 loonsim flies") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let sources = [suite != nil, seeds != nil, scenarios != nil].filter { $0 }.count
        guard sources <= 1 else { throw ValidationError("give at most one of --suite, --seeds and --scenarios") }
        if let seeds {
            do { _ = try SeedList.parse(seeds) } catch { throw ValidationError("--seeds: \(error)") }
        }
        if let shard {
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") }
        }
        if let name, name.isEmpty || name.contains("/") { throw ValidationError("--name must be a plain file name") }
    }

    func run() throws {
        // From the start, Ctrl-C asks the run to stop at the next safe point rather than killing it.
        Interruption.install()
        let configuration = EnvironmentConfiguration.days(days, profile: profile)
        let prototype = try reportingErrors { try Self.makeAgent(agent, profile: profile) }
        // The VAE decoder is loaded only for generative winds.
        let selection = try reportingErrors { try WindSourceSelection(winds, decoder: VAEDecoder.loadDefault) }
        let (windSource, windsName) = (selection.source, selection.name)
        var (list, group) = try reportingErrors { try selectScenarios(profile: profile) }
        if let grid = selection.grid {
            list = list.map(selection.flying)
            for line in Self.coverageNotes(grid, file: winds, trialDays: days) {
                FileHandle.standardError.write(Data("evaluate: \(line)\n".utf8))
            }
        }
        if let shard {
            let whole = list.count
            list = try Shard(parsing: shard).select(list)
            guard !list.isEmpty else {
                throw UserFacingError(description: "--shard \(shard) of \(whole) scenarios holds none; use fewer shards")
            }
        }
        let baseName = (name ?? prototype.name) + (shard.map { "_" + $0.replacingOccurrences(of: "/", with: "of") } ?? "")
        let folder = (out as NSString).appendingPathComponent(group)
        let settings = try reportingErrors {
            FlightSettings(agent: try Self.agentRecord(prototype),
                           configuration: configuration, winds: try Self.windRecord(winds),
                           loonsimVersion: Loonsim.configuration.version, commandLine: CommandLine.arguments.joined(separator: " "))
        }
        let store = FlightLogStore(settings: settings)
        let episodeDirectory = (folder as NSString).appendingPathComponent(baseName)
        if !resume, let earlier = Self.earlierEvaluation(episodeDirectory: episodeDirectory) {
            throw UserFacingError(description: "\(episodeDirectory) already holds \(earlier) of an earlier evaluation: "
                + "add --resume to continue it, --name to keep both, or remove it first")
        }
        let plan = Evaluator.Plan(
            agent: prototype, scenarios: list, configuration: configuration, winds: windSource, windsName: windsName,
            jobs: jobs, episodeDirectory: episodeDirectory, resume: resume, store: store)

        // Each saved file is read once: the ones that match are handed to the run.
        let saved = Evaluator.savedEpisodes(plan)
        if saved.rejected > 0 {
            FileHandle.standardError.write(Data(("evaluate: \(saved.rejected) saved episode files were made with other "
                + "settings (agent, profile, days or winds) or are damaged; flying those seeds again\n").utf8))
        }
        let progress = ProgressLine(label: "evaluate \(prototype.name)")
        let results: [EpisodeResult]
        do {
            results = try Evaluator().run(plan, saved: saved, report: { progress.update($0) },
                                          shouldStop: { Interruption.requested })
        } catch let error as EvaluationError {
            progress.finish()
            if case .interrupted = error {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(Interruption.exitStatus)
            }
            throw UserFacingError(description: "\(error)")
        }
        progress.finish()
        let summary = EvaluationSummary(results)
        try reportingErrors {
            try EvaluationJSON.write(results, provenance: plan.provenance, flightPaths: flightPaths,
                                     to: (folder as NSString).appendingPathComponent(baseName + ".json"))
            try SummaryFile.write(summary, group: group, provenance: plan.provenance, days: days,
                                  to: (folder as NSString).appendingPathComponent(baseName + ".summary.json"))
        }
        print(summary.table(agent: prototype.name, profile: profile.rawValue, days: days, trialSteps: configuration.trialSteps))
        print("results: \((folder as NSString).appendingPathComponent(baseName + ".json"))")
    }

    /// What an earlier evaluation left in `episodeDirectory` and its results file `episodeDirectory.json`
    /// ("3 flight logs", "results (NAME.json)"), or nil: a new run must not mix its flights with
    /// those, nor overwrite their results.
    static func earlierEvaluation(episodeDirectory: String) -> String? {
        let logs = ((try? FileManager.default.contentsOfDirectory(atPath: episodeDirectory)) ?? [])
            .filter { $0.hasPrefix("seed_") && $0.hasSuffix(".h5") }.count
        if logs > 0 { return "\(logs) flight log\(logs == 1 ? "" : "s")" }
        return FileManager.default.fileExists(atPath: episodeDirectory + ".json")
            ? "results (\((episodeDirectory as NSString).lastPathComponent).json)" : nil
    }

    /// A built-in agent by name, or a learned agent from a checkpoint file.
    static func makeAgent(_ text: String, profile: PhysicsProfile) throws -> any StationKeepingAgent {
        if AgentRegistry.names.contains(text) { return try AgentRegistry.make(name: text, profile: profile) }
        if text.hasSuffix(".h5") || text.contains("/") || FileManager.default.fileExists(atPath: text) {
            return try LearnedAgent(checkpointPath: text)
        }
        throw UserFacingError(description: "unknown agent '\(text)'; known agents: \(AgentRegistry.names.joined(separator: ", ")), "
            + "or a checkpoint file (.h5)")
    }

    /// What a flight log records about `agent`: its name, and for a learned agent its checkpoint and checksum.
    static func agentRecord(_ agent: any StationKeepingAgent) throws -> AgentRecord {
        guard let learned = agent as? LearnedAgent, !learned.checkpointPath.isEmpty else { return AgentRecord(name: agent.name) }
        return AgentRecord(name: agent.name, checkpointFile: learned.checkpointPath,
                           checkpointSHA256: try SHA256.hexDigest(ofFile: learned.checkpointPath))
    }

    /// What a flight log records about the winds: the generator, or the grid file and its checksum.
    static func windRecord(_ text: String) throws -> WindSourceRecord {
        text == "generative" ? .generative(generator: WindSourceRecord.vaeGenerator)
            : .grid(file: text, sha256: try SHA256.hexDigest(ofFile: text))
    }

    /// The scenarios to fly and the folder name for their group (BLE's suite name, or `seeds`/`scenarios`).
    func selectScenarios(profile: PhysicsProfile) throws -> ([Scenario], String) {
        if let scenarios {
            let loaded = try ScenarioFile.load(scenarios)
            guard !loaded.isEmpty else { throw UserFacingError(description: "\(scenarios): holds no scenarios") }
            return (loaded, "scenarios")
        }
        let seeds = try self.seeds.map(SeedList.parse) ?? (suite ?? .small).seeds
        let group = self.seeds == nil ? (suite ?? .small).bleName : "seeds"
        return (try seeds.map { try ScenarioSampler.scenario(seed: $0, profile: profile) }, group)
    }

    /// What a user flying over `grid` should know about its coverage (BLE's lookup rules, §3.3):
    /// beyond its x/y box the winds are held at the edge, and a trial longer than its time span
    /// replays it forward and back.
    static func coverageNotes(_ grid: WindGrid, file: String, trialDays: Double) -> [String] {
        func span(_ axis: GridAxis) -> String {
            String(format: "%.0f to %.0f km", axis.values.first ?? 0, axis.values.last ?? 0)
        }
        let pressures = String(format: "%.0f to %.0f Pa", grid.pressure.values.first ?? 0, grid.pressure.values.last ?? 0)
        var notes = ["\((file as NSString).lastPathComponent) covers x \(span(grid.x)), y \(span(grid.y)) around its "
            + "station and \(pressures); beyond that the winds are held at the grid's edge"]
        let hours = (grid.time.values.last ?? 0) - (grid.time.values.first ?? 0)
        if grid.time.count == 1 {
            notes.append("warning: it holds a single time (\(WindGridReport.isoString(grid.startTime))), so the winds hold "
                + String(format: "still for the whole %.3g-h trial", trialDays * 24))
        } else if hours < trialDays * 24 {
            notes.append(String(format: "warning: it spans %.3g h, less than the %.3g-h trial; as in BLE, time beyond its "
                + "end plays the grid backwards and forwards again", hours, trialDays * 24))
        }
        return notes
    }

}

extension PhysicsProfile: ExpressibleByArgument {}
extension EvaluationSuite: ExpressibleByArgument {}

/// The summary file written beside the results (snake_case keys, like BLE's per-seed JSON).
enum SummaryFile {
    struct Contents: Codable {
        /// The run's group: BLE's suite name (`small_eval`, …), `seeds` or `scenarios`.
        var group: String
        var agent: String
        var profile: String
        var winds: String
        var days: Double
        var trialSteps: Int
        var summary: EvaluationSummary
    }

    static func write(_ summary: EvaluationSummary, group: String, provenance: RunProvenance, days: Double,
                      to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let contents = Contents(group: group, agent: provenance.agent, profile: provenance.profile, winds: provenance.winds,
                                days: days, trialSteps: provenance.trialSteps, summary: summary)
        try encoder.encode(contents).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
