import Foundation
import TestSupport
import XCTest

/// The trained agents in `Experiments/agents/` fly as their committed small-suite tables say, and
/// those tables average to the README's figures.
final class ShippedAgentTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    struct Row: Equatable {
        var seed: Int
        var timeWithinRadius: Double
        var cumulativeReward: Double
    }

    /// `Experiments/agents/NAME/small-suite.csv` (written by `per-seed-table.py`).
    func table(_ name: String) throws -> [Row] {
        let path = SharedData.repositoryRoot + "/Experiments/agents/\(name)/small-suite.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return try lines.map { line in
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count == 3, let seed = Int(fields[0]), let twr = Double(fields[1]), let reward = Double(fields[2]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
            }
            return Row(seed: seed, timeWithinRadius: twr, cumulativeReward: reward)
        }
    }

    /// Flies `seeds` of the small suite with `loonsim evaluate --agent Experiments/agents/NAME.h5`.
    func fly(_ name: String, seeds: String) throws -> [Row] {
        let agent = SharedData.repositoryRoot + "/Experiments/agents/\(name).h5"
        let result = try Loonsim.run(["evaluate", "--days", "2", "--agent", agent, "--seeds", seeds, "--out", directory])
        XCTAssertEqual(result.status, 0, result.standardError)
        // JSONDecoder, not JSONSerialization: the latter can miss a double's last bit on Linux.
        struct Episode: Decodable { var seed: Int; var time_within_radius: Double; var cumulative_reward: Double }
        let episodes = try JSONDecoder().decode([Episode].self, from: Data(contentsOf: URL(fileURLWithPath:
            directory + "/seeds/checkpoint:\(name).h5.json")))
        return episodes.map { Row(seed: $0.seed, timeWithinRadius: $0.time_within_radius, cumulativeReward: $0.cumulative_reward) }
    }

    func assertREADMERow(containing label: String, smallSuiteMean mean: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let readme = try String(contentsOfFile: SharedData.repositoryRoot + "/README.md", encoding: .utf8)
        let row = readme.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains(label) }
        XCTAssertNotNil(row, "README has a results row for \(label)", file: file, line: line)
        XCTAssertTrue(row?.contains(String(format: "%.4f ±", mean)) ?? false,
                      "README's row \(row ?? "") holds the table's mean \(String(format: "%.4f", mean))", file: file, line: line)
    }

    func testTheShippedPerformerAgentFliesAsItsTableSaysAndTheREADMEAveragesIt() throws {
        let rows = try table("performer-qrdqn")
        XCTAssertEqual(rows.map(\.seed), Array(0..<100))
        XCTAssertEqual(try fly("performer-qrdqn", seeds: "0-1"), Array(rows.prefix(2)))
        try assertREADMERow(containing: "**performer-qrdqn", smallSuiteMean: rows.map(\.timeWithinRadius).reduce(0, +) / 100)
    }

    func testTheFirstShippedPerformerAgentFliesAsItsTableSaysAndTheREADMEAveragesIt() throws {
        let rows = try table("performer-imitation")
        XCTAssertEqual(rows.map(\.seed), Array(0..<100))
        XCTAssertEqual(try fly("performer-imitation", seeds: "0-1"), Array(rows.prefix(2)))
        try assertREADMERow(containing: "performer-imitation (", smallSuiteMean: rows.map(\.timeWithinRadius).reduce(0, +) / 100)
    }

    func testTheMLPAblationFliesAsItsTableSaysAndTheREADMEAveragesIt() throws {
        let rows = try table("mlp-qrdqn")
        XCTAssertEqual(rows.map(\.seed), Array(0..<100))
        XCTAssertEqual(try fly("mlp-qrdqn", seeds: "0-1"), Array(rows.prefix(2)))
        try assertREADMERow(containing: "mlp-qrdqn (ablation", smallSuiteMean: rows.map(\.timeWithinRadius).reduce(0, +) / 100)
    }
}
