import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §12.4: stable parameters (α = 0.5, lat 5°, lng 100°, 2012-03-20 05:00 UTC, IR 315).
final class StableInitializationTests: XCTestCase {
    func testStableParametersMatchBLE() throws {
        let table: [(Double, [String])] = [
            (6500, ["196.6800", "226.6670", "668.3282", "1828.4502", "1228.6519"]),
            (8000, ["190.2140", "220.7624", "2623.0842", "1833.1587", "1465.2625"]),
            (10000, ["191.8097", "220.0613", "4809.5339", "1835.8497", "1600.4896"]),
            (11000, ["195.2652", "221.7657", "5720.5163", "1835.9339", "1604.7169"]),
        ]
        for (pressure, expected) in table {
            let stable = try StableInitialization.parameters(
                pressurePa: pressure, position: ReferenceSetting.point, unixSeconds: ReferenceSetting.time,
                upwellingInfraredWPerM2: ReferenceSetting.infrared, atmosphere: ReferenceSetting.atmosphere)
            assertPrinted(stable.ambientTemperatureK, expected[0], "T_amb at \(pressure) Pa")
            assertPrinted(stable.gasTemperatureK, expected[1], "T_gas at \(pressure) Pa")
            assertPrinted(stable.airMols, expected[2], "n_air at \(pressure) Pa")
            assertPrinted(stable.volumeM3, expected[3], "V at \(pressure) Pa")
            assertPrinted(stable.superpressurePa, expected[4], "SP at \(pressure) Pa")
        }
    }

    func testTheGasTemperatureIsAFixedPointOfTheThermalModel() throws {
        let sun = SolarCalculator.position(at: ReferenceSetting.point, unixSeconds: ReferenceSetting.time)
        let stable = try StableInitialization.parameters(pressurePa: 9000, sun: sun, upwellingInfraredWPerM2: 315,
                                                         atmosphere: ReferenceSetting.atmosphere)
        let rate = try Thermal.temperatureRateKPerS(
            volumeM3: 1804, envelopeMassKg: 68.5, gasTemperatureK: stable.gasTemperatureK,
            ambientTemperatureK: stable.ambientTemperatureK, pressurePa: 9000, solarElevationDeg: sun.elevationDeg,
            solarFluxWPerM2: sun.fluxWPerM2, upwellingInfraredWPerM2: 315)
        XCTAssertLessThan(abs(rate), 1e-5)
    }

    func testAnEmptyBallonetIsClippedAtZeroAir() throws {
        let stable = try StableInitialization.parameters(
            pressurePa: 5000, position: ReferenceSetting.point, unixSeconds: ReferenceSetting.time,
            upwellingInfraredWPerM2: 315, atmosphere: ReferenceSetting.atmosphere)
        XCTAssertEqual(stable.airMols, 0)
    }

    func testPressuresOutsideTheModelsThrow() {
        for pressure in [101_400.0, 2e5, 0] {
            XCTAssertThrowsError(try StableInitialization.parameters(
                pressurePa: pressure, position: ReferenceSetting.point, unixSeconds: ReferenceSetting.time,
                upwellingInfraredWPerM2: 315, atmosphere: ReferenceSetting.atmosphere), "P = \(pressure)")
        }
    }
}
