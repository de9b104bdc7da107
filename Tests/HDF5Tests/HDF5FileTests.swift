import Foundation
import HDF5
import TestSupport
import XCTest

final class HDF5FileTests: XCTestCase {
    var directory = ""
    override func setUp() { directory = SharedData.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testDatasetsAndAttributesRoundTrip() throws {
        let path = directory + "/round.h5"
        let values = (0..<24).map { Float($0) * 0.5 - 3 }
        try HDF5File.write(to: path) { file in
            try file.setAttribute("title", "winds ∆ UTF-8")
            try file.setAttribute("version", Int64(3))
            try file.setAttribute("scales", [1.5, 2.5, -4.0])
            let group = try file.createGroup("layer")
            let dataset = try group.createDataset("kernel", shape: [2, 3, 4], values: values)
            try dataset.setAttribute("units", "m s-1")
            try file.createDataset("counts", shape: [5], values: [Int16(-2), 0, 7, 300, -32767])
        }
        let file = try HDF5File.open(path)
        XCTAssertEqual(try file.stringAttribute("title"), "winds ∆ UTF-8")
        XCTAssertEqual(try file.numericAttribute("version"), [3])
        XCTAssertEqual(try file.numericAttribute("scales"), [1.5, 2.5, -4.0])
        XCTAssertNil(try file.stringAttribute("absent"))
        XCTAssertEqual(Set(try file.attributeNames()), ["title", "version", "scales"])
        XCTAssertEqual(try file.memberNames(), ["counts", "layer"])
        let kernel = try file.group("layer").dataset("kernel")
        XCTAssertEqual(try kernel.shape(), [2, 3, 4])
        XCTAssertEqual(try kernel.elementKind(), .float(bytes: 4))
        XCTAssertEqual(try kernel.read(as: Float.self), values)
        XCTAssertEqual(try kernel.read(as: Double.self), values.map(Double.init))
        XCTAssertEqual(try kernel.stringAttribute("units"), "m s-1")
        XCTAssertEqual(try file.dataset("counts").elementKind(), .integer(bytes: 2, signed: true))
        XCTAssertEqual(try file.dataset("counts").read(as: Int16.self), [-2, 0, 7, 300, -32767])
    }

    func testTheSameContentWrittenAtAnotherTimeGivesTheSameBytes() throws {
        // HDF5 stamps objects with their creation time unless told not to; loonsim tells it not to.
        func write(_ path: String) throws {
            try HDF5File.write(to: path) { file in
                try file.setAttribute("title", "reproducible")
                let group = try file.createGroup("layer")
                let axis = try group.createDataset("level", shape: [3], values: [1.0, 2.0, 3.0])
                try axis.makeDimensionScale(named: "level")
                let values = try group.createDataset("values", shape: [3, 2], values: (0..<6).map(Float.init),
                                                     chunks: [3, 2], deflateLevel: 4)
                try values.attachDimensionScale(axis, to: 0)
            }
        }
        try write(directory + "/first.h5")
        Thread.sleep(forTimeInterval: 1.1)
        try write(directory + "/second.h5")
        let first = try Data(contentsOf: URL(fileURLWithPath: directory + "/first.h5"))
        let second = try Data(contentsOf: URL(fileURLWithPath: directory + "/second.h5"))
        XCTAssertEqual(first, second)
    }

    func testAFolderThatCannotTakeAFileIsNamedNotTheTemporaryFile() throws {
        // /proc accepts no new files, even from root (for whom it looks writable).
        XCTAssertThrowsError(try HDF5File.write(to: "/proc/loonsim-test.h5") { _ in }) {
            XCTAssertEqual("\($0)", "/proc/loonsim-test.h5: cannot create a file in folder '/proc' (is it writable?)")
        }
    }

    func testHyperslabReadsReturnTheBlockInRowMajorOrder() throws {
        let path = directory + "/slab.h5"
        try HDF5File.write(to: path) { file in
            try file.createDataset("grid", shape: [4, 5, 6], values: (0..<120).map(Double.init), chunks: [1, 5, 6],
                                   deflateLevel: 6)
        }
        let dataset = try HDF5File.open(path).dataset("grid")
        let block = try dataset.read(start: [1, 2, 3], count: [2, 2, 3], as: Double.self)
        var expected: [Double] = []
        for i in 1...2 { for j in 2...3 { for k in 3...5 { expected.append(Double(i * 30 + j * 6 + k)) } } }
        XCTAssertEqual(block, expected)
        XCTAssertThrowsError(try dataset.read(start: [3, 0, 0], count: [2, 1, 1], as: Double.self)) {
            XCTAssertEqual("\($0)", "\(path): '/grid': block at [3, 0, 0] of size [2, 1, 1] lies outside shape [4, 5, 6]")
        }
    }

    func testChunkedDeflateStorageShrinksRepetitiveData() throws {
        let plain = directory + "/plain.h5", packed = directory + "/packed.h5"
        let values = [Float](repeating: 1.25, count: 100_000)
        try HDF5File.write(to: plain) { try $0.createDataset("v", shape: [100_000], values: values) }
        try HDF5File.write(to: packed) { try $0.createDataset("v", shape: [100_000], values: values, chunks: [10_000], deflateLevel: 4) }
        let plainSize = try FileManager.default.attributesOfItem(atPath: plain)[.size] as! Int
        let packedSize = try FileManager.default.attributesOfItem(atPath: packed)[.size] as! Int
        XCTAssertLessThan(packedSize * 10, plainSize)
        XCTAssertEqual(try HDF5File.open(packed).dataset("v").read(as: Float.self), values)
    }

    func testMissingObjectsAreNamedInTheError() throws {
        let path = directory + "/few.h5"
        try HDF5File.write(to: path) { try $0.createGroup("g") }
        let file = try HDF5File.open(path)
        XCTAssertThrowsError(try file.dataset("u")) { XCTAssertEqual("\($0)", "\(path): dataset '/u' is missing") }
        XCTAssertThrowsError(try file.group("h")) { XCTAssertEqual("\($0)", "\(path): group '/h' is missing") }
        XCTAssertThrowsError(try file.dataset("g")) { XCTAssertTrue("\($0)".hasPrefix("\(path): '/g': cannot open as a dataset"), "\($0)") }
    }

    func testShapeAndValueCountMustAgreeOnWrite() throws {
        let path = directory + "/bad.h5"
        XCTAssertThrowsError(try HDF5File.write(to: path) { try $0.createDataset("v", shape: [2, 2], values: [Float(1)]) }) {
            XCTAssertEqual("\($0)", "\(path): '/v': shape [2, 2] holds 4 values but 1 were given")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testClosedHandlesCanBeClosedAgainAndFilesReopen() throws {
        let path = directory + "/reopen.h5"
        try HDF5File.write(to: path) { try $0.createDataset("v", shape: [1], values: [2.0]) }
        for _ in 0..<200 {
            let file = try HDF5File.open(path)
            let dataset = try file.dataset("v")
            XCTAssertEqual(try dataset.read(as: Double.self), [2.0])
            dataset.close()
            dataset.close()
            file.close()
        }
    }

    func testWritingIntoAMissingFolderFailsCleanly() {
        let path = directory + "/nowhere/file.h5"
        XCTAssertThrowsError(try HDF5File.write(to: path) { _ in }) {
            XCTAssertEqual("\($0)", "\(path): folder '\(directory)/nowhere' does not exist or is not writable")
        }
    }

    func testOpeningAFolderSaysSo() {
        XCTAssertThrowsError(try HDF5File.open(directory)) { XCTAssertEqual("\($0)", "\(directory): is a folder, not a file") }
    }

    func testOpeningAnEmptyFileSaysItIsEmpty() throws {
        let path = directory + "/empty.h5"
        FileManager.default.createFile(atPath: path, contents: Data())
        XCTAssertThrowsError(try HDF5File.open(path)) { XCTAssertEqual("\($0)", "\(path): is empty, not an HDF5 file") }
    }
}
