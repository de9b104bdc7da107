import BalloonPhysics
import Foundation
import HDF5
import TestSupport
import WindField
import XCTest
@testable import StationKeeping

final class StationKeepingEnvironmentTests: XCTestCase {
    static let decoder = Result { try VAEDecoder.loadDefault() }

    func environment(_ configuration: EnvironmentConfiguration = EnvironmentConfiguration()) throws -> StationKeepingEnvironment {
        StationKeepingEnvironment(configuration: configuration, winds: .generative(try Self.decoder.get()))
    }

    func testInitialObservationMatchesBLEOnEveryExportedScenario() throws {
        let scenarios = try BLEReferenceData.scenarios()
        let expected = try BLEReferenceData.initialObservations()
        let env = try environment()
        var worst = (difference: 0.0, seed: -1, index: -1)
        for scenario in scenarios {
            let observation = try env.reset(scenario: scenario).observation
            let ble = expected[scenario.seed!]!
            for (index, value) in observation.values.enumerated() {
                let difference = abs(Double(value) - ble[index])
                if difference > worst.difference { worst = (difference, scenario.seed!, index) }
            }
        }
        // The issue asks for 1e-4; with the decoder rounding as XLA does, every value is BLE's float32.
        XCTAssertEqual(worst.difference, 0, "largest difference at seed \(worst.seed), index \(worst.index)")
        print("initial observations: largest |loonsim − BLE| = \(worst.difference) (seed \(worst.seed), index \(worst.index))")
    }

    /// The step's wind, effective command, position, pressures, battery and reward equal BLE's row
    /// bit for bit (BLE's CSV holds every double in full, 17 significant digits).
    func assertStep(_ result: StepResult, _ state: BalloonState, equals row: BLEReferenceData.RunStep, _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.info.appliedWind!.uMetersPerSecond, row.windU, "\(what) wind u", file: file, line: line)
        XCTAssertEqual(result.info.appliedWind!.vMetersPerSecond, row.windV, "\(what) wind v", file: file, line: line)
        XCTAssertEqual(result.info.effectiveCommand?.rawValue, row.effectiveAction, "\(what) effective action",
                       file: file, line: line)
        XCTAssertEqual(state.xMeters, row.xMeters, "\(what) x", file: file, line: line)
        XCTAssertEqual(state.yMeters, row.yMeters, "\(what) y", file: file, line: line)
        XCTAssertEqual(state.pressurePa, row.pressurePa, "\(what) pressure", file: file, line: line)
        XCTAssertEqual(state.superpressurePa, row.superpressurePa, "\(what) superpressure", file: file, line: line)
        XCTAssertEqual(state.batteryChargeWh, row.batteryChargeWh, "\(what) battery", file: file, line: line)
        XCTAssertEqual(result.reward, row.reward, "\(what) reward", file: file, line: line)
    }

    /// BLE's own decoded forecast of `seed` (exported for seeds 0–4).
    func bleForecast(seed: Int) throws -> GriddedWindField {
        let file = try HDF5File.open(try BLEReferenceData.directory() + "/forecast_seed\(seed).h5")
        return try GriddedWindField(WindGrid(bleField: try file.dataset("uv").read(as: Float.self), source: "BLE"))
    }

    func testOnBLEsOwnForecastTheTrajectoryFollowsBLEsStepByStep() throws {
        let scenarios = try BLEReferenceData.scenarios()
        for seed in 0..<5 {
            let env = try environment()
            _ = try env.reset(scenario: scenarios.first { $0.seed == seed }!, forecast: try bleForecast(seed: seed))
            for row in try BLEReferenceData.run(agent: "ss", seed: seed).prefix(120) {
                assertStep(try env.step(action: row.action), env.state!, equals: row, "seed \(seed) step \(row.step)")
            }
        }
    }

    func testFedBLEsActionsOnItsOwnDecodeTheTrajectoryFollowsBLEsStepByStep() throws {
        // loonsim's own decode of each exported scenario's latents (seeds 0–9, both agents' runs).
        let scenarios = try BLEReferenceData.scenarios()
        for agent in ["ss", "p44"] {
            for seed in 0..<10 {
                let env = try environment()
                _ = try env.reset(scenario: scenarios.first { $0.seed == seed }!)
                for row in try BLEReferenceData.run(agent: agent, seed: seed).prefix(40) {
                    assertStep(try env.step(action: row.action), env.state!, equals: row, "\(agent) seed \(seed) step \(row.step)")
                }
            }
        }
    }
}

final class StationKeepingEnvironmentBehaviourTests: XCTestCase {
    func environment(days: Double = 2) throws -> StationKeepingEnvironment {
        StationKeepingEnvironment(configuration: .days(days), winds: .generative(try StationKeepingEnvironmentTests.decoder.get()))
    }

    func testAnInvalidActionIsRejected() throws {
        let env = try environment()
        _ = try env.reset(seed: 3)
        XCTAssertThrowsError(try env.step(action: 3)) {
            XCTAssertEqual("\($0)", "action 3 is not one of 0 (down), 1 (stay), 2 (up)")
        }
    }

    func testSteppingBeforeResetIsRejected() throws {
        XCTAssertThrowsError(try environment().step(.stay)) {
            XCTAssertEqual("\($0)", "the environment must be reset before it is stepped")
        }
    }

    func testATrialOfADayIsTruncatedAfter480Steps() throws {
        let env = try environment(days: 1)
        _ = try env.reset(seed: 5)
        var last: StepResult?
        for _ in 0..<480 { last = try env.step(.stay) }
        XCTAssertTrue(last!.truncated)
        XCTAssertFalse(last!.terminated)
        XCTAssertEqual(last!.info.elapsedSeconds, 480 * 180)
        XCTAssertThrowsError(try env.step(.stay)) {
            XCTAssertEqual("\($0)", "the episode ended after 480 steps; reset before stepping again")
        }
    }

    func testAScenarioAtHighLatitudeIsOutsideTheDomain() throws {
        var scenario = try ScenarioSampler.scenario(seed: 1)
        scenario.station = GeoPoint(latitudeDeg: 65, longitudeDeg: 10)
        XCTAssertThrowsError(try environment().reset(scenario: scenario)) {
            XCTAssertTrue("\($0)".hasPrefix("scenario of seed 1 cannot be flown: "), "\($0)")
        }
    }

    func testAScenarioBelowTheAtmosphereIsOutsideTheDomain() throws {
        var scenario = try ScenarioSampler.scenario(seed: 1)
        scenario.initialPressurePa = 150_000
        XCTAssertThrowsError(try environment().reset(scenario: scenario)) {
            XCTAssertTrue("\($0)".hasPrefix("scenario of seed 1 cannot be flown: "), "\($0)")
        }
    }

    func testTheSameSeedAndActionsGiveTheSameEpisodeBitForBit() throws {
        func fly() throws -> [Float] {
            let env = try environment()
            var values = try env.reset(seed: 9).observation.values
            for index in 0..<40 { values += try env.step(action: index % 3).observation.values }
            return values
        }
        XCTAssertEqual(try fly(), try fly())
    }

    func testAnEnvironmentReusedAcrossScenariosFliesEachAsAFreshOneWould() throws {
        // What an environment keeps between steps (GP, sun terms, the accessible range's search
        // column) must follow a reset to a scenario with another atmosphere.
        let first = try ScenarioSampler.scenario(seed: 31), second = try ScenarioSampler.scenario(seed: 32)
        XCTAssertNotEqual(first.atmosphereAlpha, second.atmosphereAlpha)
        func fly(_ env: StationKeepingEnvironment, _ scenario: Scenario) throws -> [Float] {
            var values = try env.reset(scenario: scenario).observation.values
            for index in 0..<12 { values += try env.step(action: index % 3).observation.values }
            return values
        }
        let reused = try environment()
        _ = try fly(reused, first)
        XCTAssertEqual(try fly(reused, second), try fly(try environment(), second))
    }

    func testAnObservationKeptByTheCallerIsNotOverwrittenByTheNextStep() throws {
        // Steps write into the environment's buffer in place; one the caller still holds is copied first.
        let env = try environment()
        let first = try env.reset(seed: 4).observation
        let firstValues = Array(first.values)
        let second = try env.step(.up).observation
        XCTAssertEqual(first.values, firstValues)
        XCTAssertNotEqual(first, second)
        let secondValues = Array(second.values)
        _ = try env.step(.down)
        XCTAssertEqual(second.values, secondValues)

        // The same flight, dropping every observation before the next step, sees the same values.
        let other = try environment()
        XCTAssertEqual(try other.reset(seed: 4).observation.values, firstValues)
        XCTAssertEqual(try other.step(.up).observation.values, secondValues)
    }

    func testABatchGivesWhatItsEnvironmentsGiveOneByOne() throws {
        let decoder = try StationKeepingEnvironmentTests.decoder.get()
        let scenarios = try (20..<24).map { try ScenarioSampler.scenario(seed: $0) }
        let batch = EnvironmentBatch(count: 4, winds: .generative(decoder), threads: 2)
        _ = try batch.reset(scenarios: scenarios)
        var batched: [[Float]] = Array(repeating: [], count: 4)
        for step in 0..<10 {
            let results = try batch.step([.up, .stay, .down, step % 2 == 0 ? .stay : .up])
            for index in 0..<4 { batched[index] += results[index].observation.values }
        }
        for (index, scenario) in scenarios.enumerated() {
            let env = try environment()
            _ = try env.reset(scenario: scenario)
            var single: [Float] = []
            for step in 0..<10 {
                single += try env.step([AltitudeControlCommand.up, .stay, .down, step % 2 == 0 ? .stay : .up][index]).observation.values
            }
            XCTAssertEqual(single, batched[index], "environment \(index)")
        }
    }
}
