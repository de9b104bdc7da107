import ArgumentParser
import FlightLog
import Foundation
import StationKeeping
import WindField

/// `loonsim replay`: re-fly a flight log (or every log of an evaluation), verify it bit for bit,
/// summarise it, and export or draw it.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-fly flight logs, verify them bit for bit, summarise and draw them.",
        discussion: """
            FLIGHT.h5: re-flies its logged actions from its scenario, compares every step with the log and \
            prints `identical` or the first divergence (step, field, logged vs replayed), then a summary. \
            RUN_DIR: replays every flight log under it (e.g. runs/evaluate/small_eval), one line each. \
            Exit status 0 when everything is identical, 2 on a divergence, 1 when a file cannot be used. \
            --html also draws BLE's evaluation JSON (flight paths only, no verification).
            """)

    @Argument(help: "A flight log (.h5), a folder of them, or (with --html) BLE's evaluation JSON.")
    var path: String

    @Option(help: "Write a self-contained HTML drawing: of the flight, or for a folder an overview linking one page per flight.")
    var html: String?

    @Option(help: "Write the flight's per-step table as CSV (one flight log only).")
    var csv: String?

    @Option(help: "The wind grid a log was flown over, when it is no longer at the path the log records.")
    var winds: String?

    @Option(help: "The checkpoint of a learned agent, when it is no longer at the path the log records.")
    var agent: String?

    @Option(parsing: .unconditional, help: "Flight logs replayed at once for a folder; the default is this machine's core count.")
    var jobs: Int = System.coreCount

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists && isFolder.boolValue {
            guard csv == nil else {
                throw UserFacingError(description: "\(path): is a folder; --csv exports one flight, give one flight log")
            }
            return try replayFolder()
        }
        if path.hasSuffix(".json") {
            return try drawBLEJSON()
        }
        try replayOne()
    }

    /// One flight: verify, summarise, export.
    func replayOne() throws {
        let decoder = DecoderCache()
        let (log, outcome) = try reportingErrors {
            try FlightReplay.replay(file: path, decoder: decoder.get, gridOverride: winds, drawing: html != nil)
        }
        let name = (path as NSString).lastPathComponent
        print(outcome.divergence.map { "\(name): \($0)" } ?? "\(name): identical (\(outcome.stepsReplayed) steps re-flown)")
        print("  " + Self.describe(log))
        if let note = CheckpointCheck.note(for: log, override: agent) { print("  " + note) }
        for line in FlightSummary(log).lines { print(line) }
        if let csv {
            try reportingErrors { try FlightCSV.write(log, to: csv) }
            print("csv: \(csv)")
        }
        if let html {
            try reportingErrors {
                try FlightPage.write(log, title: name, windColumn: outcome.windColumn, verdict: outcome.divergence.map { "\($0)" },
                                     to: html)
            }
            print("html: \(html)")
        }
        if !outcome.identical { throw ExitCode(2) }
    }

    /// Every flight log of a folder, one line each (and an overview page with --html).
    func replayFolder() throws {
        let logs = try reportingErrors { try FlightLogFolder.logs(in: path) }
        let decoder = DecoderCache()
        let pagesFolder = html.map { (($0 as NSString).deletingPathExtension) + "_flights" }
        if let pagesFolder {
            try reportingErrors {
                do { try FileManager.default.createDirectory(atPath: pagesFolder, withIntermediateDirectories: true) } catch {
                    throw FlightLogError(file: pagesFolder, problem: "cannot be created")
                }
            }
        }
        let entries = FolderReplay.run(folder: path, files: logs, jobs: jobs, decoder: decoder.get, gridOverride: winds,
                                       pagesFolder: pagesFolder)
        for entry in entries { print(entry.line) }
        let diverged = entries.filter { $0.divergence != nil }.count
        let failed = entries.filter { $0.error != nil }.count
        print("\(entries.count - diverged - failed) of \(entries.count) flight logs identical"
              + (diverged > 0 ? ", \(diverged) diverge" : "") + (failed > 0 ? ", \(failed) cannot be used" : ""))
        if let html {
            try reportingErrors { try FlightOverview.write(entries.compactMap(\.row), title: path, to: html) }
            print("html: \(html)")
        }
        if failed > 0 { throw ExitCode(1) }
        if diverged > 0 { throw ExitCode(2) }
    }

    /// BLE's evaluation JSON: drawn, not verified.
    func drawBLEJSON() throws {
        guard let html else {
            throw UserFacingError(description: "\(path): an evaluation JSON holds flight paths only and cannot be re-flown; "
                + "draw it with --html FILE")
        }
        let flights = try reportingErrors { try BLEEvaluationFile.read(path) }
        try reportingErrors { try BLEEvaluationPage.write(flights, title: (path as NSString).lastPathComponent, to: html) }
        print("\((path as NSString).lastPathComponent): \(flights.count) flight paths drawn (not verified: BLE's JSON has no actions)")
        print("html: \(html)")
    }

    /// One line on how the flight was made.
    static func describe(_ log: FlightLog) -> String {
        let settings = log.settings
        return "agent \(settings.agent.name) · profile \(settings.configuration.profile.rawValue) · winds \(settings.winds.name)"
            + " · seed \(log.scenario.seed.map(String.init) ?? "none") · \(settings.configuration.trialSteps)-step trial"
            + " · loonsim \(settings.loonsimVersion)"
    }
}

/// The VAE decoder, loaded once on first use and shared by the replay workers.
final class DecoderCache: @unchecked Sendable {
    private let lock = NSLock()
    private var decoder: VAEDecoder?

    func get() throws -> VAEDecoder {
        try lock.withLock {
            if let decoder { return decoder }
            let loaded = try VAEDecoder.loadDefault()
            decoder = loaded
            return loaded
        }
    }
}
