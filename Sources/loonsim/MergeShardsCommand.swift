import ArgumentParser
import Evaluation
import Foundation

/// `loonsim merge-shards DIR --name NAME`: join the shards of one evaluation (BLE's combine_eval_shards).
struct MergeShardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-shards",
        abstract: "Merge the NAME_iofn.json shards of an evaluation into NAME.json and print its table.")

    @Argument(help: "The folder holding the shard files (OUT/SUITE of `loonsim evaluate --shard`).")
    var folder: String

    @Option(help: "The result name the shards share (the agent's name by default in evaluate).")
    var name: String

    func run() throws {
        let files = try reportingErrors { () throws -> [String] in
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw UserFacingError(description: "\(folder): no such folder")
            }
            let shards = entries.filter { $0.hasPrefix(name + "_") && $0.hasSuffix(".json") && !$0.hasSuffix(".summary.json") }
                .sorted()
            guard !shards.isEmpty else { throw UserFacingError(description: "\(folder): no shard files \(name)_*.json") }
            return shards.map { (folder as NSString).appendingPathComponent($0) }
        }
        var results: [EpisodeResult] = []
        var seen = Set<Int>()
        var provenance = EpisodeFile.Provenance(agent: name, profile: "?", trialSteps: 0, winds: "?")
        for file in files {
            let part = try reportingErrors { try EvaluationJSON.read(file) }
            for result in part {
                guard seen.insert(result.seed).inserted else {
                    throw UserFacingError(description: "\(file): seed \(result.seed) appears in more than one shard")
                }
                results.append(result)
            }
            if let meta = try? EvaluationJSON.provenance(file) { provenance = meta }
        }
        results.sort { $0.seed < $1.seed }
        let merged = (folder as NSString).appendingPathComponent(name + ".json")
        try reportingErrors { try EvaluationJSON.write(results, provenance: provenance, flightPaths: false, to: merged) }
        let days = Double(provenance.trialSteps) / 480
        print(EvaluationSummary(results).table(agent: provenance.agent, profile: provenance.profile, days: days))
        print("merged \(files.count) shards (\(results.count) episodes) into \(merged)")
    }
}
