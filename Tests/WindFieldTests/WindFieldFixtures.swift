import Foundation
import TestSupport
@testable import WindField

/// Paths of the committed fixtures and shared BLE data, and small grids made on the spot.
enum WindFieldFixtures {
    static func fixture(_ name: String) -> String {
        SharedData.repositoryRoot + "/WindFields/fixtures/" + name
    }

    /// The analytic winds the ERA5 fixtures were written with (make_era5_fixtures.py).
    static func era5Winds(latitude: Double, longitude: Double, levelHPa: Double, timeIndex: Double) -> (u: Double, v: Double) {
        (10 + 0.5 * latitude - 0.2 * (longitude - 100) + 0.01 * levelHPa + 1.5 * timeIndex,
         -3 + 0.3 * latitude + 0.1 * (longitude - 100) - 0.005 * levelHPa - 0.5 * timeIndex)
    }

    /// A small tangent-plane grid whose winds are a known function of the indices.
    static func smallGrid() throws -> WindGrid {
        let x = GridAxis(name: "x", values: [-100, 0, 100], units: "km")
        let y = GridAxis(name: "y", values: [-50, 50], units: "km")
        let pressure = GridAxis(name: "pressure", values: [5000, 7000, 10000, 14000], units: "Pa")
        let time = GridAxis(name: "time", values: [0, 6, 12], units: "hours")
        var u: [Float] = []
        var v: [Float] = []
        for t in 0..<3 { for p in 0..<4 { for j in 0..<2 { for i in 0..<3 {
            u.append(Float(i) + 10 * Float(j) + 100 * Float(p) + 1000 * Float(t))
            v.append(-Float(i) * 0.5 + Float(j) - Float(p) * 2 + Float(t) * 0.25)
        } } } }
        return try WindGrid(frame: .tangentPlane(station: GeoPoint(latitudeDeg: 5, longitudeDeg: 100)),
                            startTime: Date(timeIntervalSince1970: 1_332_201_600), x: x, y: y,
                            pressure: pressure, time: time, u: u, v: v, source: "test grid")
    }
}
