import ArgumentParser
import Evaluation
import Foundation
import StationKeeping

/// `loonsim merge-shards DIR --name NAME`: join the shards of one evaluation (BLE's combine_eval_shards).
struct MergeShardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-shards",
        abstract: "Merge the shards NAME_0ofN.json … NAME_(N-1)ofN.json of an evaluation into NAME.json.",
        discussion: """
            Every shard must be there and made with the same agent, profile, trial length and winds. \
            The merged file keeps BLE's keys and flight paths; NAME.summary.json gets the table printed here.
            """)

    @Argument(help: "The folder holding the shard files (OUT/SUITE of `loonsim evaluate --shard`).")
    var folder: String

    @Option(help: "The result name the shards share (the agent's name by default in evaluate).")
    var name: String

    func run() throws {
        let files = try reportingErrors { try shardFiles() }
        let merged = (folder as NSString).appendingPathComponent(name + ".json")
        let (results, provenance) = try reportingErrors { try EvaluationJSON.merge(files, to: merged) }
        let days = Double(provenance.trialSteps) / Double(EnvironmentConfiguration.stepsPerDay)
        let summary = EvaluationSummary(results)
        try reportingErrors {
            try SummaryFile.write(summary, group: (folder as NSString).lastPathComponent, provenance: provenance, days: days,
                                  to: (folder as NSString).appendingPathComponent(name + ".summary.json"))
        }
        print(summary.table(agent: provenance.agent, profile: provenance.profile, days: days,
                            trialSteps: provenance.trialSteps))
        print("merged \(files.count) shard\(files.count == 1 ? "" : "s") (\(results.count) episodes) into \(merged)")
    }

    /// The shard files in shard order, after checking that shards 0…n−1 of one n are all there.
    func shardFiles() throws -> [String] {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
        guard exists, isFolder.boolValue, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw UserFacingError(description: "\(folder): " + (!exists ? "no such folder" : isFolder.boolValue
                ? "cannot be read" : "is a file, not the folder of a sharded run"))
        }
        var byIndex: [Int: String] = [:]
        var counts = Set<Int>()
        for entry in entries where entry.hasPrefix(name + "_") && entry.hasSuffix(".json") && !entry.hasSuffix(".summary.json") {
            let tag = entry.dropFirst(name.count + 1).dropLast(".json".count)
            let parts = tag.split(separator: "o", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix("f"), let index = Int(parts[0]), let count = Int(parts[1].dropFirst()),
                  (0..<count).contains(index) else { continue }
            byIndex[index] = (folder as NSString).appendingPathComponent(entry)
            counts.insert(count)
        }
        guard let count = counts.first else { throw UserFacingError(description: "\(folder): no shard files \(name)_IofN.json") }
        guard counts.count == 1 else {
            throw UserFacingError(description: "\(folder): shards of \(name) split into different numbers of parts \(counts.sorted())")
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw UserFacingError(description: "\(folder): shard\(missing.count == 1 ? "" : "s") "
                + missing.map { "\($0)/\(count)" }.joined(separator: ", ") + " of \(name) missing")
        }
        return (0..<count).map { byIndex[$0]! }
    }
}
