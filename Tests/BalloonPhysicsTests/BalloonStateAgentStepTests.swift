import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §12.5: one agent step from the balloon stabilised at 8000 Pa, wind (5, −3) m/s.
final class BalloonStateAgentStepTests: XCTestCase {
    let wind = WindVector(uMetersPerSecond: 5, vMetersPerSecond: -3)

    func testOneStepOfEachCommandMatchesBLEInEveryColumn() throws {
        let table: [(AltitudeControlCommand, [String])] = [
            (.stay, ["7887.1656", "190.6928", "221.0479", "2623.0842", "1835.6080", "1588.3414", "0", "0", "418.266", "120.4", "2920.5700"]),
            (.down, ["7892.8130", "190.6728", "221.0390", "2630.8376", "1835.6462", "1590.2591", "300.730", "4.849383e-4", "418.260", "421.130", "2905.7000"]),
            (.up, ["7803.6403", "190.9244", "221.1409", "2519.2784", "1834.9670", "1556.1301", "0", "-1.675729e-2", "418.335", "120.4", "2920.5719"]),
        ]
        for (command, expected) in table {
            var balloon = try ReferenceSetting.balloon()
            let effective = try balloon.simulateStep(wind: wind, command: command)
            let name = "\(command)"
            XCTAssertEqual(effective, command, "no safety layer intervenes")
            XCTAssertEqual(balloon.lastCommand, command)
            XCTAssertEqual(balloon.status, .ok)
            XCTAssertEqual(balloon.elapsedSeconds, 180)
            XCTAssertEqual(balloon.unixSeconds, ReferenceSetting.time + 180)
            assertClose(balloon.xMeters, 900, absolute: 1e-9, "\(name) x")
            assertClose(balloon.yMeters, -540, absolute: 1e-9, "\(name) y")
            assertPrinted(balloon.pressurePa, expected[0], "\(name) P")
            assertPrinted(balloon.ambientTemperatureK, expected[1], "\(name) T_amb")
            assertPrinted(balloon.gasTemperatureK, expected[2], "\(name) T_gas")
            assertPrinted(balloon.airMols, expected[3], "\(name) n_air")
            assertPrinted(balloon.envelopeVolumeM3, expected[4], "\(name) V")
            assertPrinted(balloon.superpressurePa, expected[5], "\(name) SP")
            assertPrinted(balloon.acsPowerW, expected[6], "\(name) ACS power")
            assertPrinted(balloon.acsMassFlowKgPerS, expected[7], "\(name) ṁ")
            assertPrinted(balloon.solarChargingW, expected[8], "\(name) solar")
            assertPrinted(balloon.powerLoadW, expected[9], "\(name) load")
            assertPrinted(balloon.batteryChargeWh, expected[10], "\(name) E")
        }
    }

    func testTheCommandedActionIsRememberedEvenWhenALayerOverridesIt() throws {
        var balloon = try ReferenceSetting.balloon(pressurePa: 11_900)   // below 51 000 ft: altitude layer LOW
        let effective = try balloon.simulateStep(wind: wind, command: .down)
        XCTAssertEqual(effective, .stay)
        XCTAssertEqual(balloon.lastCommand, .down)
        XCTAssertEqual(balloon.acsPowerW, 0)
        XCTAssertTrue(balloon.navigationIsPaused)
    }

    func testTheStepStopsAtTheFirstTerminalInnerStep() throws {
        var balloon = try ReferenceSetting.balloon(unixSeconds: ReferenceSetting.night)
        balloon.batteryChargeWh = 0.05
        balloon.powerSafetyLayerEnabled = false
        try balloon.simulateStep(wind: wind, command: .down)
        XCTAssertEqual(balloon.status, .outOfPower)
        XCTAssertEqual(balloon.elapsedSeconds, 10)
        XCTAssertEqual(balloon.batteryChargeWh, 0)
        XCTAssertThrowsError(try balloon.simulateStep(wind: wind, command: .stay)) { error in
            XCTAssertEqual(error as? BalloonPhysicsError, .steppedAfterTerminalStatus(.outOfPower))
        }
    }

    func testOutOfPowerWinsOverTheEnvelopeStatusInTheSameInnerStep() throws {
        var balloon = try ReferenceSetting.balloon(unixSeconds: ReferenceSetting.night)
        balloon.batteryChargeWh = 0.01
        balloon.gasTemperatureK = 150        // the envelope goes slack in this very step
        balloon.powerSafetyLayerEnabled = false
        try balloon.simulateStep(wind: wind, command: .down)
        XCTAssertEqual(balloon.status, .outOfPower)

        var slack = try ReferenceSetting.balloon()
        slack.gasTemperatureK = 150
        try slack.simulateStep(wind: wind, command: .stay)
        XCTAssertEqual(slack.status, .zeroPressure)
        XCTAssertEqual(slack.superpressurePa, 0)
    }

    func testABurstIsReportedAboveTheMaximumSuperpressure() throws {
        var balloon = try ReferenceSetting.balloon()
        balloon.gasTemperatureK = 260
        try balloon.simulateStep(wind: wind, command: .stay)
        XCTAssertEqual(balloon.status, .burst)
        XCTAssertGreaterThan(balloon.superpressurePa, 2380)
    }

    func testInvalidStepDurationsThrow() throws {
        var balloon = try ReferenceSetting.balloon()
        XCTAssertThrowsError(try balloon.simulateStep(wind: wind, command: .stay, durationSeconds: 185))
        XCTAssertThrowsError(try balloon.simulateStep(wind: wind, command: .stay, durationSeconds: 180, strideSeconds: 0))
        XCTAssertEqual(balloon.elapsedSeconds, 0)
    }

    func testAStepIsEighteenInnerStepsWithTheCommandFilteredOnce() throws {
        var stepped = try ReferenceSetting.balloon()
        var manual = stepped
        try stepped.simulateStep(wind: wind, command: .up)
        manual.lastCommand = .up
        _ = manual.envelopeSafety.filter(.up, superpressurePa: manual.superpressurePa)
        _ = manual.altitudeSafety.filter(.up, altitudeM: manual.altitudeM)
        var power = manual.powerSafety
        _ = try power.filter(.up, unixSeconds: manual.unixSeconds, position: manual.position, nighttimePowerLoadW: 183.7,
                             batteryChargeWh: manual.batteryChargeWh, batteryCapacityWh: 3058.56, profile: .ble)
        manual.powerSafety = power
        for _ in 0..<18 { manual.advanceInnerStep(wind: wind, command: .up) }
        XCTAssertEqual(stepped, manual)
    }

    func testTheCorrectedProfilePumpsWithTheIntendedEfficiencyTable() throws {
        var ble = try ReferenceSetting.balloon(profile: .ble)
        var corrected = try ReferenceSetting.balloon(profile: .corrected)
        XCTAssertEqual(ble.airMols, corrected.airMols, "the launch state does not depend on the profile")
        try ble.simulateStep(wind: wind, command: .down)
        try corrected.simulateStep(wind: wind, command: .down)
        let pr = ble.pressureRatio
        let intended = FanEfficiencyTable.intended.efficiencyKgPerWh(pressureRatio: pr, powerW: ble.acsPowerW)
        let simulated = FanEfficiencyTable.asSimulated.efficiencyKgPerWh(pressureRatio: pr, powerW: ble.acsPowerW)
        XCTAssertNotEqual(intended, simulated)
        XCTAssertGreaterThan(corrected.airMols - 2623.0842, ble.airMols - 2623.0842,
                             "near pr 1.2 the as-simulated table is in a dead band; the intended one is not")
        // STAY and UP do not touch the table.
        var bleUp = try ReferenceSetting.balloon(profile: .ble), correctedUp = try ReferenceSetting.balloon(profile: .corrected)
        try bleUp.simulateStep(wind: wind, command: .up)
        try correctedUp.simulateStep(wind: wind, command: .up)
        XCTAssertEqual(bleUp.airMols, correctedUp.airMols)
        XCTAssertEqual(bleUp.pressurePa, correctedUp.pressurePa)
    }

    func testAPressureOutsideTheAtmosphereIsRefusedBeforeAnythingMoves() throws {
        var balloon = try ReferenceSetting.balloon()
        balloon.pressurePa = 2e5
        XCTAssertThrowsError(try balloon.simulateStep(wind: wind, command: .stay)) { error in
            guard case .pressureOutsideAtmosphere = error as? BalloonPhysicsError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(balloon.elapsedSeconds, 0)
        XCTAssertEqual(balloon.xMeters, 0)
    }
}
