import Foundation
import HDF5
import TestSupport
import WindField
import XCTest

/// The Swift decoder reproduces BLE's offlineskies22 wind fields (ble-reference.md §3.4, §12.8).
final class VAEDecoderTests: XCTestCase {

    private static let shared: VAEDecoder? = try? VAEDecoder.loadDefault()

    private func decoder() throws -> VAEDecoder {
        try XCTUnwrap(Self.shared, "the committed WindFields/offlineskies22_decoder.h5 should load")
    }

    /// `field[x, y, p, t, component]` of a decoded (21, 21, 10, 9, 2) grid.
    private func value(_ field: [Float], _ x: Int, _ y: Int, _ p: Int, _ t: Int, _ component: Int) -> Float {
        field[(((x * 21 + y) * 10 + p) * 9 + t) * 2 + component]
    }

    private func meanSpeed(_ field: [Float]) -> Double {
        stride(from: 0, to: field.count, by: 2).reduce(0.0) { sum, index in
            sum + Double(hypot(field[index], field[index + 1]))
        } / Double(field.count / 2)
    }

    /// The §12.8 entries: (u, v) at [0,0,0,0], [10,10,5,4], [20,3,9,8], and the mean speed.
    private func assertGolden(_ latents: [Float], _ entries: [(Double, Double)], meanSpeed expected: Double,
                              _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let field = try decoder().decode(latents: latents)
        XCTAssertEqual(field.count, VAEDecoder.outputCount)
        for (point, (u, v)) in zip([(0, 0, 0, 0), (10, 10, 5, 4), (20, 3, 9, 8)], entries) {
            let name = "\(what) [\(point.0),\(point.1),\(point.2),\(point.3)]"
            assertClose(value(field, point.0, point.1, point.2, point.3, 0), u, absolute: 1e-4, "u \(name)", file: file, line: line)
            assertClose(value(field, point.0, point.1, point.2, point.3, 1), v, absolute: 1e-4, "v \(name)", file: file, line: line)
        }
        assertClose(meanSpeed(field), expected, absolute: 1e-4, "\(what) mean speed", file: file, line: line)
    }

    func testZeroLatentsDecodeToTheGoldenField() throws {
        try assertGolden([Float](repeating: 0, count: 64),
                         [(-0.073817, 0.063601), (-1.532940, -0.167007), (-0.106653, 0.439879)],
                         meanSpeed: 0.732240, "z = 0")
    }

    func testHalfLatentsDecodeToTheGoldenField() throws {
        try assertGolden([Float](repeating: 0.5, count: 64),
                         [(-2.711555, 0.177681), (5.368242, -0.649868), (3.176187, 3.705143)],
                         meanSpeed: 4.461039, "z = 0.5")
    }

    func testLinspaceLatentsDecodeToTheGoldenField() throws {
        // numpy.linspace(-1, 1, 64) in float32.
        let latents = (0..<64).map { Float(-1 + 2 * Double($0) / 63) }
        try assertGolden(latents,
                         [(-4.044810, 0.214402), (3.016816, -1.522100), (2.690867, -0.731914)],
                         meanSpeed: 5.382646, "z = linspace(-1, 1, 64)")
    }

    func testBLEsForecastGridsAreReproducedBitForBit() throws {
        guard let folder = SharedData.bleDirectory else { throw XCTSkip("no shared BLE reference data") }
        let decoder = try decoder()
        var worst: Float = 0
        var identical = 0, total = 0
        for seed in 0..<5 {
            let path = (folder as NSString).appendingPathComponent("forecast_seed\(seed).h5")
            guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("\(path) is missing") }
            let file = try HDF5File.open(path)
            let latents = try file.dataset("vae_latents").read(as: Float.self)
            let expected = try file.dataset("uv").read(as: Float.self)
            XCTAssertEqual(try file.dataset("uv").shape(), VAEDecoder.outputShape)
            let field = decoder.decode(latents: latents)
            let difference = zip(field, expected).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
            print("forecast_seed\(seed).h5: max |Swift − BLE| = \(difference) m/s")
            XCTAssertLessThanOrEqual(difference, 1e-4, "seed \(seed)")
            worst = max(worst, difference)
            identical += zip(field, expected).filter { $0.0.bitPattern == $0.1.bitPattern }.count
            total += field.count
        }
        print("all 5 forecast grids: max |Swift − BLE| = \(worst) m/s, \(identical) of \(total) values bit for bit")
        // Rounded as XLA rounded them, every value is BLE's float32; with BLAS's summation order
        // seeds 0 and 4 differ by 1.45e-4 m/s.
        XCTAssertEqual(identical, total, "values equal to BLE's bit for bit")
        XCTAssertEqual(worst, 0)
    }

    func testDecodingIsDeterministic() throws {
        let latents = (0..<64).map { Float(sin(Double($0))) }
        let decoder = try decoder()
        XCTAssertEqual(decoder.decode(latents: latents), decoder.decode(latents: latents))
    }

    func testHalfPixelResizeWeightsClampAtTheEdgesAndFollowTheTriangleKernel() {
        let resize = BilinearResize(from: 7, to: 23)
        XCTAssertEqual(resize.taps.count, 23)
        // s = (i + 0.5)·7/23 − 0.5: outputs 0 and 22 lie outside the input centres (clamped).
        XCTAssertEqual(resize.taps[0], [.init(input: 0, weight: 1)])
        XCTAssertEqual(resize.taps[22], [.init(input: 6, weight: 1)])
        // Output 11 is input 3 up to float32 rounding of s (JAX computes s = 2.9999998).
        XCTAssertEqual(resize.taps[11].last?.input, 3)
        XCTAssertEqual(resize.taps[11].last?.weight ?? 0, 1, accuracy: 1e-6)
        // Output 5: s = 5.5·7/23 − 0.5 = 1.1739…, between inputs 1 and 2.
        XCTAssertEqual(resize.taps[5].map(\.input), [1, 2])
        XCTAssertEqual(resize.taps[5][1].weight, Float(5.5 * 7 / 23 - 1.5), accuracy: 1e-6)
        for row in resize.taps {
            XCTAssertLessThanOrEqual(row.count, 2)
            XCTAssertEqual(row.reduce(0) { $0 + $1.weight }, 1, accuracy: 1e-6)
        }
        // Mirror symmetry about the centre.
        let matrix = resize.matrix
        for i in 0..<23 { for j in 0..<7 { XCTAssertEqual(matrix[i * 7 + j], matrix[(22 - i) * 7 + (6 - j)], accuracy: 1e-6) } }
    }

    func testAMissingWeightsFileIsReported() {
        XCTAssertThrowsError(try VAEDecoder(contentsOf: "/nonexistent/decoder.h5")) {
            XCTAssertEqual("\($0)", "/nonexistent/decoder.h5: no such file")
        }
    }

    func testAWeightsFileOfTheWrongShapeIsReported() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("wrong.h5")
        try HDF5File.write(to: path) { file in
            try file.createGroup("Dense_0").createDataset("kernel", shape: [2, 2], values: [Float](repeating: 0, count: 4))
        }
        XCTAssertThrowsError(try VAEDecoder(contentsOf: path)) {
            XCTAssertEqual("\($0)", "\(path): dataset '/Dense_0/kernel': has shape [2, 2], expected [64, 1000] (BLE's offlineskies22 decoder)")
        }
    }

    func testAnHDF5FileWithoutTheDecoderIsReported() throws {
        let folder = SharedData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("other.h5")
        try HDF5File.write(to: path) { file in try file.setAttribute("title", "not a decoder") }
        XCTAssertThrowsError(try VAEDecoder(contentsOf: path)) {
            XCTAssertTrue("\($0)".hasPrefix("\(path): dataset '/Dense_0/kernel': is missing"), "\($0)")
        }
    }
}
