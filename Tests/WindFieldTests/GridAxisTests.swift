import XCTest
@testable import WindField

final class GridAxisTests: XCTestCase {
    func testDescendingValuesAreReversedIntoAnAscendingAxis() throws {
        let (axis, reversed) = try GridAxis.validated(name: "latitude", values: [10, 5, 0], units: "degrees_north", file: "f.nc")
        XCTAssertTrue(reversed)
        XCTAssertEqual(axis.values, [0, 5, 10])
    }

    func testRepeatedValueIsRejectedWithItsIndex() {
        XCTAssertThrowsError(try GridAxis.validated(name: "level", values: [50, 100, 100, 150], units: "Pa", file: "f.nc")) {
            XCTAssertEqual("\($0)", "f.nc: axis 'level' repeats the value 100.0 (index 2)")
        }
    }

    func testNonMonotonicAxisIsRejected() {
        XCTAssertThrowsError(try GridAxis.validated(name: "time", values: [0, 6, 3, 12], units: "hours", file: "f.nc")) {
            XCTAssertEqual("\($0)", "f.nc: axis 'time' is not monotonic (at index 2)")
        }
    }

    func testNonFiniteCoordinateIsRejected() {
        XCTAssertThrowsError(try GridAxis.validated(name: "x", values: [0, .nan], units: "km", file: "f.nc")) {
            XCTAssertEqual("\($0)", "f.nc: axis 'x' holds a non-finite value at index 1")
        }
    }

    func testUniformAndIrregularAxesFindTheSameCellsAsALinearScan() {
        let uniform = GridAxis(name: "p", values: [5000, 6000, 7000, 8000], units: "Pa")
        let irregular = GridAxis(name: "p", values: [5000, 5500, 7500, 8000], units: "Pa")
        XCTAssertTrue(uniform.isUniform)
        XCTAssertFalse(irregular.isUniform)
        for axis in [uniform, irregular] {
            for query in stride(from: 5000.0, through: 8000, by: 125) {
                // scipy's rule: the last i with g[i] ≤ q, at most n − 2.
                let expected = min(axis.values.lastIndex { $0 <= query }!, axis.count - 2)
                let cell = axis.cell(containing: query)
                XCTAssertEqual(cell.lower, expected, "cell of \(query) on \(axis.values)")
                XCTAssertEqual(cell.fraction, (query - axis.values[expected]) / (axis.values[expected + 1] - axis.values[expected]))
            }
        }
    }

    func testNearlyUniformAxisWithRoundOffStillFindsTheRightCell() {
        // BLE's float32 axis: −49.99997 km instead of −50 km.
        let axis = GridAxis(name: "x", values: BLEFieldShape.horizontalKm, units: "km")
        XCTAssertTrue(axis.isUniform)
        XCTAssertEqual(axis.cell(containing: -49.99998).lower, 8)
        XCTAssertEqual(axis.cell(containing: -49.999969482421875).lower, 9)
        XCTAssertEqual(axis.cell(containing: 100.00001).lower, 11)
    }

    func testCellAtTheLastPointIsTheLastIntervalWithFractionOne() {
        let axis = GridAxis(name: "t", values: [0, 6, 12], units: "hours")
        let cell = axis.cell(containing: 12)
        XCTAssertEqual(cell.lower, 1)
        XCTAssertEqual(cell.fraction, 1)
    }

    func testSinglePointAxisGivesAConstantCell() {
        let axis = GridAxis(name: "t", values: [3], units: "hours")
        XCTAssertEqual(axis.cell(containing: 3).fraction, 0)
        XCTAssertEqual(axis.cell(containing: 3).upper, 0)
    }
}
