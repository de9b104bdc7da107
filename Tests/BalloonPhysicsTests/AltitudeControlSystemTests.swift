import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §2.5 / §12.6: compressor power, fan efficiency and mass flow.
final class AltitudeControlSystemTests: XCTestCase {
    func testWhatDownDoesAsSimulatedMatchesTheReferenceTable() {
        let table: [(pr: Double, power: String, efficiency: String, gramsPerSecond: String)] = [
            (1.000, "100", "0.400", "11.11"), (1.025, "100", "0.400", "11.11"), (1.050, "100", "0.400", "11.11"),
            (1.075, "133.3", "0.133", "4.94"), (1.100, "166.7", "0.000", "0.00"), (1.125, "200.0", "0.400", "22.22"),
            (1.150, "233.3", "0.243", "15.77"), (1.175, "266.7", "0.107", "7.90"), (1.200, "300.0", "0.000", "0.00"),
            (1.225, "350.0", "0.225", "21.88"), (1.250, "400.0", "0.150", "16.67"), (1.275, "400.0", "0.000", "0.00"),
            (1.300, "400.0", "0.230", "25.56"), (1.325, "400.0", "0.200", "22.22"), (1.350, "400.0", "0.130", "14.44"),
            (1.500, "400.0", "0.130", "14.44"),
        ]
        for row in table {
            let response = AltitudeControlSystem.response(to: .down, pressureRatio: row.pr, superpressurePa: 1000, pressurePa: 8000,
                                                          gasTemperatureK: 210, valveHoleDiameterM: 0.04, profile: .ble)
            let efficiency = AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: row.pr, powerW: response.powerW)
            assertPrinted(response.powerW, row.power, "Pw(\(row.pr))")
            assertPrinted(efficiency, row.efficiency, "η(\(row.pr))")
            assertPrinted(response.massFlowKgPerS * 1000, row.gramsPerSecond, "ṁ(\(row.pr)) g/s")
        }
    }

    func testCompressorPowerExtrapolatesItsFlatEnds() {
        XCTAssertEqual(AltitudeControlSystem.compressorPowerW(pressureRatio: 0.9), 100)
        XCTAssertEqual(AltitudeControlSystem.compressorPowerW(pressureRatio: 3), 400)
        assertClose(AltitudeControlSystem.compressorPowerW(pressureRatio: 1.1), 166.66666666666666, relative: 1e-12, "Pw(1.1)")
    }

    func testEfficiencySpotValuesAndClampingMatchBLE() {
        assertPrinted(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 1.06, powerW: 150), "0.28", "Eff(1.06, 150)")
        assertPrinted(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 1.0, powerW: 100), "0.4", "Eff(1.0, 100) clamped")
        assertPrinted(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 1.1, powerW: 250), "0", "Eff(1.1, 250)")
        XCTAssertEqual(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 2, powerW: 1000), 0.13, accuracy: 1e-15)
    }

    func testTheAsSimulatedTableReadsTheListPressureRatioMajor() {
        let simulated = FanEfficiencyTable.asSimulated
        XCTAssertEqual(Array(simulated.values[0..<4]), [0.4, 0.4, 0.3, 0.2], "pr = 1.05 row")
        XCTAssertEqual(Array(simulated.values[48..<52]), [0.18, 0.16, 0.15, 0.13], "pr = 1.35 row")
        XCTAssertEqual(simulated.powersW, [100, 200, 300, 400])
        XCTAssertEqual(simulated.pressureRatios.count, 13)
        XCTAssertEqual(simulated.pressureRatios.last, 1.35)
    }

    func testTheCorrectedProfileUsesTheIntendedTable() {
        // Intended: 200 W row .40 .30 .30 .30 .25 …; as simulated, (1.075, 200 W) is 0.
        XCTAssertEqual(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 1.075, powerW: 200, profile: .corrected), 0.3, accuracy: 1e-12)
        XCTAssertEqual(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 1.075, powerW: 200, profile: .ble), 0, accuracy: 1e-12)
        XCTAssertEqual(AltitudeControlSystem.fanEfficiencyKgPerWh(pressureRatio: 1.35, powerW: 400, profile: .corrected), 0.13, accuracy: 1e-12)
        // The corners BLE's own tests check agree under both readings.
        for (pr, w) in [(1.05, 100.0), (1.35, 400.0)] {
            XCTAssertEqual(FanEfficiencyTable.intended.efficiencyKgPerWh(pressureRatio: pr, powerW: w),
                           FanEfficiencyTable.asSimulated.efficiencyKgPerWh(pressureRatio: pr, powerW: w), accuracy: 1e-15)
        }
    }

    func testVentingFlowsOutAtNoPower() {
        let up = AltitudeControlSystem.response(to: .up, pressureRatio: 1.19, superpressurePa: 1500, pressurePa: 8000,
                                                gasTemperatureK: 215, valveHoleDiameterM: 0.04, profile: .ble)
        XCTAssertEqual(up.powerW, 0)
        assertClose(up.massFlowKgPerS, -0.0158, absolute: 0.002, "≈ 15–17 g/s at SP ≈ 1.5 kPa")
        let stay = AltitudeControlSystem.response(to: .stay, pressureRatio: 1.19, superpressurePa: 1500, pressurePa: 8000,
                                                  gasTemperatureK: 215, valveHoleDiameterM: 0.04, profile: .ble)
        XCTAssertEqual(stay.powerW, 0)
        XCTAssertEqual(stay.massFlowKgPerS, 0)
    }
}
