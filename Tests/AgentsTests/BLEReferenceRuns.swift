import ExperimentSupport
import Foundation
import StationKeeping
import TestSupport
import XCTest

/// Reads BLE's reference export in `shared/data/ble` (its README.md describes the files).
///
/// Tests that need it call ``BLEReferenceRuns/open()``, which throws `XCTSkip` when this checkout
/// has no shared data.
struct BLEReferenceRuns {
    let directory: String

    static func open() throws -> BLEReferenceRuns {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("no shared BLE reference data") }
        return BLEReferenceRuns(directory: directory)
    }

    /// The observation `env.reset()` returned for each seed (`scenarios-initial-obs.json`).
    func initialObservations() throws -> [Int: Observation] {
        struct File: Decodable { let obs: [String: [Double]] }
        let file = try JSONDecoder().decode(File.self, from: data("scenarios-initial-obs.json"))
        return try Self.observations(file.obs)
    }

    /// The observation after step k of BLE's StationSeeker episode, keyed by k (`runs/ss_features_seed{N}.json`).
    func stationSeekerObservations(seed: Int) throws -> [Int: Observation] {
        struct File: Decodable { let features: [String: [Double]] }
        let file = try JSONDecoder().decode(File.self, from: data("runs/ss_features_seed\(seed).json"))
        return try Self.observations(file.features)
    }

    /// The commanded action of each step of a reference episode: element k − 1 is row `step = k`.
    /// `agent` is the file prefix: `ss` (StationSeeker) or `p44` (perciatelli44).
    func actions(agent: String, seed: Int) throws -> [Int] {
        let run = try BLERunTable.load("\(agent)_seed\(seed)")
        XCTAssertEqual(try run.integers("step"), Array(1...run.rows.count), "\(run.path): rows are steps 1, 2, …")
        return try run.integers("action")
    }

    private func data(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)))
    }

    /// JSON doubles are exact float32 values printed as float64, so the conversion is exact.
    private static func observations(_ byKey: [String: [Double]]) throws -> [Int: Observation] {
        var result: [Int: Observation] = [:]
        for (key, values) in byKey {
            let index = try XCTUnwrap(Int(key), "key \(key)")
            XCTAssertEqual(values.count, Observation.count, "observation \(key)")
            result[index] = Observation(values: values.map { Float($0) })
        }
        return result
    }

}
