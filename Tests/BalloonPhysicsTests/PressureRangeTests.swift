import XCTest
import TestSupport
import WindField
@testable import BalloonPhysics

/// Reference §12.4 / §4.3: the accessible pressure range.
final class PressureRangeTests: XCTestCase {
    func testRangeOfTheBalloonStabilisedAtEightKilopascalsMatchesBLE() throws {
        let range = try ReferenceSetting.balloon(pressurePa: 8000).accessiblePressureRange()
        assertPrinted(range.lowestPa, "5973.5672", "lower bound")
        assertPrinted(range.highestPa, "12027.7314", "upper bound")
        XCTAssertEqual(range.highestPa, ReferenceSetting.atmosphere.floorPressurePa, "the floor is safe here")
    }

    func testAKeptSearchColumnGivesTheRangeMadeFromScratch() throws {
        let balloon = try ReferenceSetting.balloon(pressurePa: 8000)
        let column = try PressureRange.SearchColumn(vehicle: balloon.vehicle, atmosphere: balloon.atmosphere)
        XCTAssertTrue(column.serves(balloon))
        XCTAssertEqual(column.pressuresPa.count, 20)
        XCTAssertEqual(column.pressuresPa.first, 1000)
        XCTAssertEqual(column.pressuresPa.last, balloon.atmosphere.floorPressurePa)
        XCTAssertEqual(try PressureRange.accessible(for: balloon, column: column), try balloon.accessiblePressureRange())
        let warmer = try PressureRange.SearchColumn(vehicle: balloon.vehicle, atmosphere: Atmosphere(alpha: 0.9))
        XCTAssertFalse(warmer.serves(balloon))
    }

    func testTheRangeDependsOnTheSunButNotOnTheBalloonsOwnPressure() throws {
        let a = try ReferenceSetting.balloon(pressurePa: 8000).accessiblePressureRange()
        let b = try ReferenceSetting.balloon(pressurePa: 11000).accessiblePressureRange()
        XCTAssertEqual(a, b)
    }

    func testTheLowerBoundIsTheHighestAltitudeIfSafeElseBetweenItAndTheFirstSafeColumnPoint() throws {
        let sun = SolarCalculator.position(at: ReferenceSetting.point, unixSeconds: ReferenceSetting.time)
        let column = linspace(1000, ReferenceSetting.atmosphere.floorPressurePa, 20)
        let highestAltitude = try PressureRange.highestAltitudePressurePa(vehicle: .ble, column: column,
                                                                          atmosphere: ReferenceSetting.atmosphere)
        // BLE's vehicle: SP ≈ 1144 Pa at P_min is safe, so P_min is the bound.
        let range = try PressureRange.accessible(sun: sun, upwellingInfraredWPerM2: 315, atmosphere: ReferenceSetting.atmosphere)
        XCTAssertEqual(range.lowestPa, highestAltitude)
    }

    func testTheWalkInterpolatesBetweenTheLastUnsafeAndTheFirstSafePoint() throws {
        let column = linspace(1000, 12_000, 12)   // 1000, 2000, … 12 000
        // SP rises 0.2 Pa per Pa: safe [250, 2130] between 1250 Pa and 10 650 Pa.
        func rising(_ p: Double) -> Double { 0.2 * p }
        XCTAssertEqual(try PressureRange.safeBound(from: 600, column: column, upwards: true, safeLowest: 250,
                                                   safeHighest: 2130, superpressure: rising), 1250, accuracy: 1e-9)
        XCTAssertEqual(try PressureRange.safeBound(from: 12_000, column: column, upwards: false, safeLowest: 250,
                                                   safeHighest: 2130, superpressure: rising), 10_650, accuracy: 1e-9)
        XCTAssertEqual(try PressureRange.safeBound(from: 3000, column: column, upwards: true, safeLowest: 250,
                                                   safeHighest: 2130, superpressure: rising), 3000, "a safe start is the bound")
        XCTAssertThrowsError(try PressureRange.safeBound(from: 1000, column: column, upwards: true, safeLowest: 250,
                                                         safeHighest: 2130, superpressure: { _ in 5000 }))
    }

    /// The wind reader keeps valid winds only where lookups in `FlyablePressureBand` need them
    /// (WindFields/README.md), so every pressure the balloon can reach must lie inside that band.
    func testTheAccessibleRangeLiesInsideTheBandWindGridsMustCover() throws {
        let band = FlyablePressureBand.rangePa
        XCTAssertEqual(band, 5_000...14_000)
        for alpha in [0.0, 0.5, 1.0] {
            let column = try PressureRange.SearchColumn(atmosphere: Atmosphere(alpha: alpha))
            XCTAssertTrue(band.contains(column.highestAltitudePa), "α \(alpha): P_min \(column.highestAltitudePa) Pa")
            XCTAssertTrue(band.contains(column.atmosphere.floorPressurePa), "α \(alpha): floor \(column.atmosphere.floorPressurePa) Pa")
        }
    }

    func testTheHighestAltitudeFollowsTheEmptyBallonetFloatRatio() throws {
        let column = linspace(1000, ReferenceSetting.atmosphere.floorPressurePa, 20)
        XCTAssertEqual(column.count, 20)
        XCTAssertEqual(column.last, ReferenceSetting.atmosphere.floorPressurePa)
        let lowest = try PressureRange.highestAltitudePressurePa(vehicle: .ble, column: column, atmosphere: ReferenceSetting.atmosphere)
        let temperature = try ReferenceSetting.atmosphere.atPressure(lowest).temperatureK
        assertClose(lowest / temperature, 29.97, absolute: 0.05, "P/T at P_min")
    }

    func testCrossingInterpolatesTheViolatedBound() throws {
        XCTAssertEqual(try PressureRange.crossing(1000, 100, 2000, 300, 250, 2130), 1750)
        XCTAssertEqual(try PressureRange.crossing(1000, 2000, 2000, 2200, 250, 2130), 1650)
        XCTAssertThrowsError(try PressureRange.crossing(2000, 100, 1000, 300, 250, 2130))
        XCTAssertThrowsError(try PressureRange.crossing(1000, 300, 2000, 400, 250, 2130))
    }
}
