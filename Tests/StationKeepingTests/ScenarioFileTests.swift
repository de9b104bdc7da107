import Foundation
import TestSupport
import XCTest
@testable import StationKeeping

final class ScenarioFileTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func bleScenarios() throws -> String {
        guard let ble = SharedData.bleDirectory else { throw XCTSkip("../shared/data/ble is not beside this checkout") }
        return ble + "/scenarios.json"
    }

    func testBLEsExportedScenariosLoadWithEveryField() throws {
        let scenarios = try ScenarioFile.load(try bleScenarios())
        XCTAssertEqual(scenarios.count, 60)
        let first = scenarios[0]
        XCTAssertEqual(first.seed, 0)
        XCTAssertEqual(first.atmosphereAlpha, 0.09083592891693115)
        XCTAssertEqual(first.startUnixSeconds, 1_372_455_402)
        XCTAssertEqual(first.station.latitudeDeg, 9.224853515625)
        XCTAssertEqual(first.xMeters, 69588.71193606853)
        XCTAssertEqual(first.initialPressurePa, 7621.1611328125)
        XCTAssertEqual(first.upwellingInfraredWPerM2, 315)
        XCTAssertEqual(first.vaeLatents.count, 64)
        XCTAssertEqual(first.windNoise.u.count, 5)
        XCTAssertEqual(first.windNoise.u[0].seed, 1_037_740_164)
        XCTAssertEqual(first.windNoise.u[0].xSpacingKm, 702.269)
        XCTAssertEqual(scenarios.map(\.seed), Array(0...9) + Array(100...149))
    }

    func write(_ text: String) throws -> String {
        let path = directory + "/s-\(UUID().uuidString.prefix(6)).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// BLE's scenario 0 with one field changed by `edit`.
    func editedScenario(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: try bleScenarios()))
        var root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var scenarios = root["scenarios"] as! [[String: Any]]
        var first = scenarios[0]
        edit(&first)
        scenarios = [first]
        root["scenarios"] = scenarios
        let path = directory + "/edited.json"
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        return path
    }

    func assertLoadFails(_ path: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ScenarioFile.load(path), file: file, line: line) { error in
            XCTAssertEqual("\(error)", message, file: file, line: line)
        }
    }

    func testAMissingFieldIsNamed() throws {
        let path = try editedScenario { $0["alpha"] = nil }
        assertLoadFails(path, "\(path): scenario 0 (seed 0): field 'alpha' is missing")
    }

    func testAMalformedFieldIsNamed() throws {
        let path = try editedScenario { $0["x_m"] = "far" }
        assertLoadFails(path, "\(path): scenario 0 (seed 0): field 'x_m' is malformed (expected to decode double but found a string instead)")
    }

    func testTooFewLatentsAreRejected() throws {
        let path = try editedScenario { $0["vae_latents"] = [0.5, 0.25] }
        assertLoadFails(path, "\(path): scenario 0 (seed 0): field 'vae_latents' has 2 values, expected 64")
    }

    func testAMalformedHarmonicIsNamed() throws {
        let path = try editedScenario { scenario in
            var noise = scenario["wind_noise"] as! [String: Any]
            var u = noise["u"] as! [[String: Any]]
            u[2]["ot"] = nil
            noise["u"] = u
            scenario["wind_noise"] = noise
        }
        assertLoadFails(path, "\(path): scenario 0 (seed 0): field 'wind_noise.u[2].ot' is missing")
    }

    func testAFileOfAnotherFormatIsRejected() throws {
        let path = try write(#"{"format": "ble-initial-obs/1", "obs": {}}"#)
        assertLoadFails(path, "\(path): has format 'ble-initial-obs/1', expected 'ble-scenarios/1'")
    }

    func testTextThatIsNotJSONIsRejected() throws {
        let path = try write("seed,alpha\n0,0.5\n")
        assertLoadFails(path, "\(path): is not valid JSON")
    }

    func testAMissingFileIsRejected() {
        assertLoadFails(directory + "/none.json", "\(directory)/none.json: no such file")
    }
}
