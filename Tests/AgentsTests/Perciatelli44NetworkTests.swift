import Agents
import Foundation
import HDF5
import TestSupport
import XCTest

/// The Swift network reproduces BLE's frozen perciatelli44 Q-values (ble-reference.md §6.6, §12.8).
final class Perciatelli44NetworkTests: XCTestCase {

    private static let shared: Perciatelli44Network? = try? Perciatelli44Network.loadDefault()

    private func network() throws -> Perciatelli44Network {
        try XCTUnwrap(Self.shared, "the committed Experiments/agents/perciatelli44.h5 should load")
    }

    func testZeroObservationGivesTheGoldenQValuesAndStays() throws {
        let observation = [Float](repeating: 0, count: 1099)
        let q = try network().qValues(observation: observation)
        for (action, expected) in [4.571632, 5.200789, 5.150879].enumerated() {
            assertClose(q[action], expected, absolute: 1e-4, "q[\(action)] at obs = 0")
        }
        XCTAssertEqual(try network().greedyAction(observation: observation), 1)
    }

    func testHalfObservationGivesTheGoldenQValuesAndStays() throws {
        let observation = [Float](repeating: 0.5, count: 1099)
        let q = try network().qValues(observation: observation)
        for (action, expected) in [0.477571, 0.548508, 0.199722].enumerated() {
            assertClose(q[action], expected, absolute: 1e-4, "q[\(action)] at obs = 0.5")
        }
        XCTAssertEqual(try network().greedyAction(observation: observation), 1)
    }

    func testQValuesAreTheMeansOfEachActionsFiftyOneQuantiles() throws {
        let observation: [Float] = (0..<1099).map { index -> Float in Float(0.5 + 0.5 * cos(Double(index) * 0.37)) }
        let quantiles = try network().quantiles(observation: observation)
        XCTAssertEqual(quantiles.count, 153)
        let q = try network().qValues(observation: observation)
        for action in 0..<3 {
            let mean = quantiles[(51 * action)..<(51 * action + 51)].reduce(0, +) / 51
            XCTAssertEqual(q[action], mean, accuracy: 1e-5)
        }
    }

    func testABatchGivesEachObservationTheBitsItGetsAlone() throws {
        let observations: [[Float]] = (0..<5).map { row in
            (0..<1099).map { index -> Float in
                let phase = Double(index * (row + 1)) * 0.1
                return Float(0.5 + 0.5 * sin(phase))
            }
        }
        let network = try network()
        let batch = network.quantiles(batch: observations.flatMap { $0 }, count: observations.count)
        XCTAssertEqual(batch.count, 5 * 153)
        for (row, observation) in observations.enumerated() {
            // Every layer sums each output in one fixed order, so batching changes no bit.
            XCTAssertEqual(Array(batch[(153 * row)..<(153 * row + 153)]).map(\.bitPattern),
                           network.quantiles(observation: observation).map(\.bitPattern), "row \(row)")
        }
        XCTAssertEqual(network.qValues(batch: [], count: 0), [])
    }

    func testTheGreedyActionOnBLEsInitialObservationsIsTheActionBLEsAgentTook() throws {
        guard let folder = SharedData.bleDirectory else { throw XCTSkip("no shared BLE reference data") }
        // The first commanded action of BLE's perciatelli44 episodes, seeds 0…9
        // (runs/p44_seed{N}.csv.gz, row step = 1, column `action`; chosen from the reset observation).
        let firstActions = [0, 2, 2, 2, 1, 2, 2, 0, 2, 0]
        let path = (folder as NSString).appendingPathComponent("scenarios-initial-obs.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let observations = try XCTUnwrap(json["obs"] as? [String: [Double]])
        let network = try network()
        for (seed, expected) in firstActions.enumerated() {
            let observation = try XCTUnwrap(observations[String(seed)], "seed \(seed)").map(Float.init)
            XCTAssertEqual(observation.count, 1099, "seed \(seed)")
            XCTAssertEqual(network.greedyAction(observation: observation), expected, "seed \(seed)")
        }
    }

    func testAMissingWeightsFileIsReported() {
        XCTAssertThrowsError(try Perciatelli44Network(contentsOf: "/nonexistent/p44.h5")) {
            XCTAssertEqual("\($0)", "/nonexistent/p44.h5: no such file")
        }
    }

    func testAWeightsFileOfTheWrongShapeIsReported() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("wrong.h5")
        try HDF5File.write(to: path) { file in
            try file.createGroup("fully_connected").createDataset("weights", shape: [600, 1099],
                                                                    values: [Float](repeating: 0, count: 600 * 1099))
        }
        XCTAssertThrowsError(try Perciatelli44Network(contentsOf: path)) {
            XCTAssertEqual("\($0)", "\(path): dataset '/fully_connected/weights': has shape [600, 1099], expected [1099, 600] (BLE's perciatelli44)")
        }
    }
}
