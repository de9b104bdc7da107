import Foundation
import TestSupport
import XCTest
@testable import Learning

/// The configurations committed in `Experiments/configs/` are ones `loonsim train` accepts.
final class TrainingConfigurationFileTests: XCTestCase {
    func testEveryCommittedConfigurationReadsAndNamesFilesThatExist() throws {
        let root = SharedData.repositoryRoot
        let folder = root + "/Experiments/configs"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertTrue(Set(["ble-quantile.json", "performer.json", "mlp.json", "smoke.json"]).isSubset(of: Set(names)), "\(names)")
        for name in names {
            let configuration: TrainingConfiguration
            do {
                configuration = try TrainingConfiguration.read(from: folder + "/" + name)
            } catch {
                XCTFail("\(error)")
                continue
            }
            XCTAssertGreaterThan(configuration.budget.envSteps, 0, name)
            // Files are named from the repository root, where `loonsim train` is run.
            var files = [String]()
            if configuration.warmStart.envSteps > 0 && configuration.warmStart.teacher != "perciatelli44" {
                files.append(configuration.warmStart.teacher)
            }
            if let weights = configuration.initialWeights, weights != "perciatelli44" { files.append(weights) }
            for file in files {
                XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/" + file), "\(name) names \(file), which is not committed")
            }
        }
    }

    func testTheDAggerSettingIsAKnownKeyAndMustNotBeNegative() throws {
        let directory = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/dagger.json"
        func write(_ step: Int) throws {
            try Data("""
                {"warmStart": {"envSteps": 100, "studentFliesFromEnvSteps": \(step)}, "budget": {"envSteps": 200}}
                """.utf8).write(to: URL(fileURLWithPath: path))
        }
        try write(40)
        XCTAssertEqual(try TrainingConfiguration.read(from: path).warmStart.studentFliesFromEnvSteps, 40)
        try write(-1)
        XCTAssertThrowsError(try TrainingConfiguration.read(from: path)) {
            XCTAssertEqual("\($0)", "\(path): warmStart.studentFliesFromEnvSteps must not be negative")
        }
    }
}
