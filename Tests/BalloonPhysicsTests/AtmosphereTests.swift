import XCTest
import TestSupport
@testable import BalloonPhysics

/// Reference §12.1: the standard atmosphere for α = 0, 0.5 and 1.
final class AtmosphereTests: XCTestCase {
    let alphas = [0.0, 0.5, 1.0]

    func testBoundaryTemperaturesAndPressuresMatchBLE() throws {
        let temperatures = [
            ["300", "176.73", "200.73", "211.73", "253.73", "253.73", "197.73", "169.73"],
            ["300", "187.296", "209.296", "220.296", "262.296", "262.296", "206.296", "178.296"],
            ["300", "197.862", "217.862", "228.862", "270.862", "270.862", "214.862", "186.862"],
        ]
        let pressures = [
            ["108870.8213", "8228.6385", "3985.1574", "643.9908", "70.7943", "41.314", "1.9712", "0.1452"],
            ["108870.8213", "8806.3212", "4417.7284", "767.7409", "91.3166", "54.236", "2.8953", "0.2397"],
            ["108870.8213", "9380.0158", "4858.1234", "902.9046", "115.566", "69.7788", "4.1346", "0.3807"],
        ]
        for (a, alpha) in alphas.enumerated() {
            let atmosphere = try Atmosphere(alpha: alpha)
            XCTAssertEqual(atmosphere.boundaryHeightsM, AtmosphereConstants.boundaryHeightsM)
            for i in 0...7 {
                assertPrinted(atmosphere.boundaryTemperaturesK[i], temperatures[a][i], "T\(i) at α = \(alpha)")
                assertPrinted(atmosphere.boundaryPressuresPa[i], pressures[a][i], "P\(i) at α = \(alpha)")
            }
        }
    }

    func testAtPressureGivesHeightTemperatureAndDensityOfBLE() throws {
        let table: [(pressure: Double, values: [[String]])] = [
            (5000, [["19693.256", "192.8895", "0.090302"], ["20248.992", "205.1655", "0.084899"], ["20816.817", "216.9461", "0.080289"]]),
            (6500, [["18245.528", "184.2032", "0.122929"], ["18706.189", "196.6800", "0.115131"], ["19182.313", "208.7736", "0.108462"]]),
            (7000, [["17848.538", "181.8212", "0.134119"], ["18282.080", "194.3474", "0.125475"], ["18731.882", "206.5214", "0.118079"]]),
            (10000, [["15971.012", "183.9329", "0.189399"], ["16294.741", "191.8097", "0.181622"], ["16627.291", "200.0237", "0.174163"]]),
            (14000, [["14095.557", "197.0611", "0.247494"], ["14344.805", "204.2892", "0.238738"], ["14599.911", "211.7825", "0.230291"]]),
        ]
        for row in table {
            for (a, alpha) in alphas.enumerated() {
                let values = try Atmosphere(alpha: alpha).atPressure(row.pressure)
                assertPrinted(values.heightM, row.values[a][0], "h at \(row.pressure) Pa, α = \(alpha)")
                assertPrinted(values.temperatureK, row.values[a][1], "T at \(row.pressure) Pa, α = \(alpha)")
                assertPrinted(values.densityKgPerM3, row.values[a][2], "ρ at \(row.pressure) Pa, α = \(alpha)")
                XCTAssertEqual(values.pressurePa, row.pressure)
            }
        }
    }

    func testAtHeightAtTheSafetyLayerAltitudesMatchesBLE() throws {
        let table: [(feet: Double, pressures: [String])] = [
            (50_000, ["11433.0349", "12027.7314", "12615.0056"]),
            (51_000, ["10816.9395", "11410.2638", "11996.6542"]),
            (51_500, ["10518.9566", "11111.3382", "11697.0472"]),
        ]
        for row in table {
            for (a, alpha) in alphas.enumerated() {
                let atmosphere = try Atmosphere(alpha: alpha)
                assertPrinted(try atmosphere.atHeight(row.feet * 0.3048).pressurePa, row.pressures[a],
                              "P at \(row.feet) ft, α = \(alpha)")
            }
        }
    }

    func testFloorPressureIsThePressureAtFiftyThousandFeet() throws {
        for alpha in alphas {
            let atmosphere = try Atmosphere(alpha: alpha)
            XCTAssertEqual(atmosphere.floorPressurePa, try atmosphere.atHeight(50_000 * 0.3048).pressurePa)
        }
    }

    func testAtPressureInvertsAtHeight() throws {
        let atmosphere = try Atmosphere(alpha: 0.3)
        for height in stride(from: -600.0, to: 84_000, by: 1_700) {
            let pressure = try atmosphere.atHeight(height).pressurePa
            assertClose(try atmosphere.atPressure(pressure).heightM, height, absolute: 1e-6, "h(P(\(height) m))")
        }
    }

    func testUncheckedLookupEqualsTheCheckedOneInsideTheTable() throws {
        let atmosphere = try Atmosphere(alpha: 0.7)
        for pressure in [0.5, 50.0, 900, 5000, 8000.5, 12_000, 108_870.8213] {
            let checked = try atmosphere.atPressure(pressure)
            let unchecked = atmosphere.heightAndTemperature(atPressurePa: pressure)
            XCTAssertEqual(unchecked.heightM, checked.heightM)
            XCTAssertEqual(unchecked.temperatureK, checked.temperatureK)
        }
    }

    func testOutOfTablePressuresAndHeightsThrowInsteadOfTrapping() throws {
        let atmosphere = try Atmosphere(alpha: 0.5)
        XCTAssertThrowsError(try atmosphere.atPressure(108_870.83))
        XCTAssertThrowsError(try atmosphere.atPressure(atmosphere.boundaryPressuresPa[7]))
        XCTAssertThrowsError(try atmosphere.atPressure(.nan))
        XCTAssertThrowsError(try atmosphere.atHeight(-611))
        XCTAssertThrowsError(try atmosphere.atHeight(85_000))
        XCTAssertThrowsError(try Atmosphere(alpha: 1.5))
        XCTAssertThrowsError(try Atmosphere(alpha: .nan))
        XCTAssertTrue(atmosphere.heightAndTemperature(atPressurePa: 120_000).heightM < -610, "extrapolates below the table")
    }

    func testErrorsReadAsOneLine() {
        let error = BalloonPhysicsError.pressureOutsideAtmosphere(pressurePa: 2e5, lowestPa: 0.2397, highestPa: 108870.8213)
        XCTAssertFalse(error.description.contains("\n"))
        XCTAssertTrue(error.description.contains("200000.0 Pa"))
    }
}
