import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §12.4: the film's heat balance.
final class ThermalTests: XCTestCase {
    func testTemperatureRateMatchesBLE() throws {
        assertPrinted(try Thermal.temperatureRateKPerS(
            volumeM3: 1804, envelopeMassKg: 68.5, gasTemperatureK: 210, ambientTemperatureK: 200, pressurePa: 7000,
            solarElevationDeg: 30, solarFluxWPerM2: 1360, upwellingInfraredWPerM2: 315), "0.0924948", "sunlit dT/dt")
        assertPrinted(try Thermal.temperatureRateKPerS(
            volumeM3: 1804, envelopeMassKg: 68.5, gasTemperatureK: 200, ambientTemperatureK: 200, pressurePa: 7000,
            solarElevationDeg: -20, solarFluxWPerM2: 1360, upwellingInfraredWPerM2: 250), "0.0348680", "night dT/dt")
    }

    func testAbsorptivitiesMatchBLE() {
        assertPrinted(Thermal.totalAbsorptivity(ThermalConstants.solarAbsorptivity), "0.0284879", "a_tot(α_s)")
        assertPrinted(Thermal.infraredAbsorptivity(temperatureK: 210), "0.04587", "α_IR(210 K)")
    }

    func testSurroundingsGiveTheSameRateAsTheFullModel() throws {
        let attenuation = try AtmosphericAttenuation.factor(elevationDeg: 30, pressurePa: 7000)
        let surroundings = Thermal.Surroundings(
            volumeM3: 1830, envelopeMassKg: 68.5, ambientTemperatureK: 200, pressurePa: 7000, attenuation: attenuation,
            solarFluxWPerM2: 1360, earthAbsorptivity: try Thermal.earthAbsorptivity(upwellingInfraredWPerM2: 315),
            upwellingInfraredWPerM2: 315)
        for gas in [190.0, 200, 215.5, 240] {
            XCTAssertEqual(surroundings.temperatureRateKPerS(gasTemperatureK: gas),
                           try Thermal.temperatureRateKPerS(volumeM3: 1830, envelopeMassKg: 68.5, gasTemperatureK: gas,
                                                            ambientTemperatureK: 200, pressurePa: 7000, solarElevationDeg: 30,
                                                            solarFluxWPerM2: 1360, upwellingInfraredWPerM2: 315))
        }
    }

    func testAWarmerFilmCoolsAndAColderOneWarmsAtNight() throws {
        func rate(_ gas: Double) throws -> Double {
            try Thermal.temperatureRateKPerS(volumeM3: 1804, envelopeMassKg: 68.5, gasTemperatureK: gas, ambientTemperatureK: 200,
                                             pressurePa: 7000, solarElevationDeg: -30, solarFluxWPerM2: 1360,
                                             upwellingInfraredWPerM2: 315)
        }
        XCTAssertLessThan(try rate(260), 0)
        XCTAssertGreaterThan(try rate(150), 0)
    }

    func testInvalidInfraredAndAbsurdTemperaturesThrow() {
        XCTAssertThrowsError(try Thermal.earthAbsorptivity(upwellingInfraredWPerM2: 0))
        XCTAssertThrowsError(try Thermal.earthAbsorptivity(upwellingInfraredWPerM2: -.infinity))
        XCTAssertThrowsError(try Thermal.temperatureRateKPerS(volumeM3: 1804, envelopeMassKg: 68.5, gasTemperatureK: 5,
                                                              ambientTemperatureK: 200, pressurePa: 7000, solarElevationDeg: 0,
                                                              solarFluxWPerM2: 1360, upwellingInfraredWPerM2: 315)) { error in
            guard case .absorptivityOutOfRange = error as? BalloonPhysicsError else { return XCTFail("\(error)") }
        }
    }
}
