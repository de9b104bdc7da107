import Foundation
import HDF5
import TestSupport
import XCTest
@testable import WindField

final class GriddedWindFieldTests: XCTestCase {
    /// BLE's exported forecast grid for `seed` (h5py layout: dataset `uv`, BLE's axis order).
    func bleForecast(seed: Int) throws -> GriddedWindField {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("../shared/data/ble is not beside this checkout") }
        let file = try HDF5File.open("\(directory)/forecast_seed\(seed).h5")
        let uv = try file.dataset("uv")
        XCTAssertEqual(try uv.shape(), [21, 21, 10, 9, 2])
        return try GriddedWindField(WindGrid(bleField: try uv.read(as: Float.self), source: "BLE seed \(seed)"))
    }

    func scenarios() throws -> [[String: Any]] {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("../shared/data/ble is not beside this checkout") }
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/scenarios.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return json["scenarios"] as! [[String: Any]]
    }

    func testForecastAtEachExportedInitialStateMatchesBLE() throws {
        let all = try scenarios()
        for seed in 0..<5 {
            let field = try bleForecast(seed: seed)
            let scenario = all.first { ($0["seed"] as! Int) == seed }!
            let check = scenario["check_at_initial_state"] as! [String: Any]
            let wind = field.wind(xMeters: scenario["x_m"] as! Double, yMeters: scenario["y_m"] as! Double,
                                  pressurePa: scenario["initial_pressure_pa"] as! Double, elapsedSeconds: 0)
            assertClose(wind.u, check["forecast_u_mps"] as! Double, absolute: 1e-12, "seed \(seed) forecast u")
            assertClose(wind.v, check["forecast_v_mps"] as! Double, absolute: 1e-12, "seed \(seed) forecast v")
        }
    }

    func testForecastAlongBLEsRecordedTrajectoryMatchesItsWindsMinusNoise() throws {
        // BLE's per-step wind is forecast + noise; at grid nodes the forecast is the stored value,
        // so here we check the interpolation itself on exact nodes and cell midpoints.
        let field = try bleForecast(seed: 0)
        let grid = field.grid
        for (t, p, j, i) in [(0, 0, 0, 0), (4, 5, 10, 10), (8, 9, 3, 20), (2, 7, 20, 0)] {
            let wind = field.wind(xMeters: grid.x.values[i] * 1000, yMeters: grid.y.values[j] * 1000,
                                  pressurePa: grid.pressure.values[p], elapsedSeconds: grid.time.values[t] * 3600)
            let index = grid.flatIndex(time: t, pressure: p, y: j, x: i)
            XCTAssertEqual(wind.u, Double(grid.u[index]), "u at node \(t),\(p),\(j),\(i)")
            XCTAssertEqual(wind.v, Double(grid.v[index]), "v at node \(t),\(p),\(j),\(i)")
        }
    }

    func testInterpolationIsLinearBetweenNodes() throws {
        let field = try GriddedWindField(WindFieldFixtures.smallGrid())
        // u = i + 10 j + 100 p + 1000 t in index space; x = 50 km is halfway between i = 1 and 2.
        let wind = field.wind(xMeters: 50_000, yMeters: 0, pressurePa: 8_500, elapsedSeconds: 3 * 3600)
        assertClose(wind.u, 1.5 + 5 + 150 + 500, absolute: 1e-9, "u at a cell centre")
    }

    func testQueriesOutsideTheGridUseTheValueAtTheEdge() throws {
        let field = try GriddedWindField(WindFieldFixtures.smallGrid())
        let edge = field.wind(xMeters: 100_000, yMeters: 50_000, pressurePa: 14_000, elapsedSeconds: 0)
        let outside = field.wind(xMeters: 900_000, yMeters: 700_000, pressurePa: 20_000, elapsedSeconds: 0)
        XCTAssertEqual(edge.u, outside.u)
        XCTAssertEqual(edge.v, outside.v)
        let low = field.wind(xMeters: -100_000, yMeters: -50_000, pressurePa: 5_000, elapsedSeconds: 0)
        let below = field.wind(xMeters: -1e7, yMeters: -1e7, pressurePa: 100, elapsedSeconds: 0)
        XCTAssertEqual(low.u, below.u)
    }

    func testTimeBeyondTheGridBoomerangsBackAndForth() throws {
        let field = try GriddedWindField(WindFieldFixtures.smallGrid())  // spans 0…12 h
        XCTAssertEqual(field.gridHours(elapsedSeconds: 5 * 3600), 5)
        XCTAssertEqual(field.gridHours(elapsedSeconds: 15 * 3600), 9)   // c = 1: 12 − 3
        XCTAssertEqual(field.gridHours(elapsedSeconds: 27 * 3600), 3)   // c = 2: 3
        XCTAssertEqual(field.gridHours(elapsedSeconds: 24 * 3600), 0)
        let forward = field.wind(xMeters: 0, yMeters: 0, pressurePa: 7_000, elapsedSeconds: 9 * 3600)
        let reflected = field.wind(xMeters: 0, yMeters: 0, pressurePa: 7_000, elapsedSeconds: 15 * 3600)
        XCTAssertEqual(forward.u, reflected.u)
    }

    func testBLEBoomerangUsesA48HourPeriod() throws {
        let field = try bleForecast(seed: 1)
        XCTAssertEqual(field.gridHours(elapsedSeconds: 50 * 3600), 46)
        XCTAssertEqual(field.gridHours(elapsedSeconds: 100 * 3600), 4)
    }

    func testColumnEqualsSingleLookupsBitForBit() throws {
        let field = try bleForecast(seed: 2)
        let pressures = (0...180).map { 5_000 + 50 * Double($0) } + [4_000, 14_500, 7_777.7]
        var u = [Double](repeating: 0, count: pressures.count)
        var v = u
        pressures.withUnsafeBufferPointer { p in
            u.withUnsafeMutableBufferPointer { uu in
                v.withUnsafeMutableBufferPointer { vv in
                    field.column(xMeters: 123_456.7, yMeters: -98_765.4, elapsedSeconds: 7_380, pressuresPa: p, u: uu, v: vv)
                }
            }
        }
        for (index, pressure) in pressures.enumerated() {
            let single = field.wind(xMeters: 123_456.7, yMeters: -98_765.4, pressurePa: pressure, elapsedSeconds: 7_380)
            XCTAssertEqual(u[index], single.u, "u at \(pressure) Pa")
            XCTAssertEqual(v[index], single.v, "v at \(pressure) Pa")
        }
    }

    func testLatitudeLongitudeGridsMustBeMappedOntoATangentPlaneFirst() throws {
        let grid = try WindGridFile.read(WindFieldFixtures.fixture("era5_cds_legacy.nc"))
        XCTAssertThrowsError(try GriddedWindField(grid))
        XCTAssertNoThrow(try GriddedWindField(grid.onTangentPlane(station: GeoPoint(latitudeDeg: 5, longitudeDeg: 100))))
    }
}
