import TestSupport
import XCTest
@testable import StationKeeping

/// Reference §12.7: zero forecast, three observations of the error (u, v).
final class WindGPTests: XCTestCase {
    func goldenGP() -> WindGP {
        let gp = WindGP()
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 0, errorU: 2.0, errorV: -1.0)
        gp.observe(xMeters: 10_000, yMeters: 5_000, pressurePa: 8100, elapsedSeconds: 180, errorU: 1.5, errorV: -0.5)
        gp.observe(xMeters: 20_000, yMeters: 8_000, pressurePa: 8300, elapsedSeconds: 360, errorU: 1.0, errorV: 0.0)
        return gp
    }

    func query(_ gp: WindGP, _ pressures: [Double], x: Double = 20_000, y: Double = 8_000, t: Double = 360)
        -> (u: [Double], v: [Double], uncertainty: [Double])
    {
        var u = [Double](repeating: .nan, count: pressures.count)
        var v = u
        var s = u
        pressures.withUnsafeBufferPointer { p in
            u.withUnsafeMutableBufferPointer { uu in
                v.withUnsafeMutableBufferPointer { vv in
                    s.withUnsafeMutableBufferPointer { ss in
                        gp.query(xMeters: x, yMeters: y, elapsedSeconds: t, pressuresPa: p, meanU: uu, meanV: vv, uncertainty: ss)
                    }
                }
            }
        }
        return (u, v, s)
    }

    func testPosteriorMatchesBLEGoldenValues() {
        let golden: [(p: Double, u: Double, v: Double, s: Double)] = [
            (5000, 0.000201, -0.000100, 1.000000),
            (8000, 1.877859, -0.913540, 0.114034),
            (8300, 0.998980, -0.001472, 0.003837),
            (9000, 0.116813, -0.000252, 0.986409),
            (14000, 0.000000, -0.000000, 1.000000),
        ]
        let result = query(goldenGP(), golden.map(\.p))
        for (index, g) in golden.enumerated() {
            assertClose(result.u[index], g.u, absolute: 5e-7, "mean u at \(g.p) Pa")
            assertClose(result.v[index], g.v, absolute: 5e-7, "mean v at \(g.p) Pa")
            assertClose(result.uncertainty[index], g.s, absolute: 5e-7, "uncertainty at \(g.p) Pa")
        }
    }

    func testWithoutObservationsTheMeanAndUncertaintyAreZeroAsInBLE() {
        let result = query(WindGP(), [7000, 9000])
        XCTAssertEqual(result.u, [0, 0])
        XCTAssertEqual(result.uncertainty, [0, 0])
    }

    func testObservationsSixHoursOldAreIgnored() {
        let gp = WindGP()
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 0, errorU: 2, errorV: 1)
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 21_600, errorU: -1, errorV: 0)
        let atSixHours = query(gp, [8000], x: 0, y: 0, t: 21_600)
        let alone = WindGP()
        alone.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 21_600, errorU: -1, errorV: 0)
        XCTAssertEqual(atSixHours.u, query(alone, [8000], x: 0, y: 0, t: 21_600).u)
        XCTAssertEqual(gp.observationCount, 1, "the first observation can never be in a window again")
    }

    func testAQueryJustBeforeSixHoursStillUsesTheOldObservation() {
        let gp = WindGP()
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 0, errorU: 2, errorV: 1)
        gp.observe(xMeters: 0, yMeters: 0, pressurePa: 8000, elapsedSeconds: 21_420, errorU: -1, errorV: 0)
        XCTAssertEqual(gp.observationCount, 2)
    }
}
