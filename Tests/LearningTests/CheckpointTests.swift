@testable import Learning
import HDF5
import TestSupport
import XCTest

final class CheckpointTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = SharedData.temporaryDirectory(name)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A tiny encoder after two Adam steps and one feature redraw, so every part of the state is non-trivial.
    private func trainedState() -> (ObservationEncoder, Adam) {
        var encoder = ObservationEncoder(configuration: tinyConfiguration())
        var adam = Adam(configuration: AdamConfiguration(epsilon: 2e-5, maxGradientNorm: 1))
        let observations = edgeCaseObservations()
        for _ in 0..<2 {
            encoder.zeroGradients()
            encoder.backward(encoder.forward(observations))
            adam.update(&encoder, learningRate: 1e-2)
        }
        encoder.redrawRandomFeatures()
        return (encoder, adam)
    }

    private func assertCheckpointError(_ path: String, mentions words: [String], expecting: EncoderConfiguration? = nil,
                                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Checkpoint.read(from: path, expecting: expecting), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(error is CheckpointError, "\(type(of: error)): \(text)", file: file, line: line)
            XCTAssertTrue(text.hasPrefix(path + ": "), "names the file: \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("\n"), "one line: \(text)", file: file, line: line)
            for word in words {
                XCTAssertTrue(text.contains(word), "mentions '\(word)': \(text)", file: file, line: line)
            }
        }
    }

    func testRoundTripsBitForBit() throws {
        var (encoder, adam) = trainedState()
        let path = directory + "/checkpoint.h5"
        try Checkpoint(encoder: encoder, optimizer: adam, metadata: ["run": "test", "step": "2"]).write(to: path)
        var loaded = try Checkpoint.read(from: path, expecting: encoder.configuration)

        XCTAssertEqual(loaded.encoder.configuration, encoder.configuration)
        XCTAssertEqual(loaded.encoder.featureDrawCount, 1)
        XCTAssertEqual(loaded.metadata, ["run": "test", "step": "2"])
        func identical(_ a: [NamedTensor], _ b: [NamedTensor]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && $0.tensor.isBitIdentical(to: $1.tensor) }
        }
        XCTAssertTrue(identical(loaded.encoder.namedParameters, encoder.namedParameters))
        XCTAssertTrue(identical(loaded.encoder.namedBuffers, encoder.namedBuffers))
        let restored = try XCTUnwrap(loaded.optimizer)
        XCTAssertEqual(restored.step, 2)
        XCTAssertEqual(restored.configuration, adam.configuration)
        XCTAssertTrue(identical(restored.firstMoments, adam.firstMoments))
        XCTAssertTrue(identical(restored.secondMoments, adam.secondMoments))

        let observations = edgeCaseObservations()
        XCTAssertTrue(loaded.encoder.forward(observations).isBitIdentical(to: encoder.forward(observations)))
        // Training resumes identically.
        var resumed = restored
        for model in [0, 1] {
            var copy = model == 0 ? encoder : loaded.encoder
            var optimizer = model == 0 ? adam : resumed
            copy.zeroGradients()
            copy.backward(copy.forward(observations))
            optimizer.update(&copy, learningRate: 1e-2)
            if model == 0 { (encoder, adam) = (copy, optimizer) } else { (loaded.encoder, resumed) = (copy, optimizer) }
        }
        XCTAssertTrue(identical(loaded.encoder.namedParameters, encoder.namedParameters))
    }

    func testAnOptimizerlessCheckpointLoadsWithoutOne() throws {
        let encoder = ObservationEncoder(configuration: tinyConfiguration())
        let path = directory + "/weights.h5"
        try Checkpoint(encoder: encoder).write(to: path)
        let loaded = try Checkpoint.read(from: path)
        XCTAssertNil(loaded.optimizer)
        XCTAssertEqual(loaded.encoder.namedParameters, encoder.namedParameters)
    }

    func testAnotherArchitectureIsRefusedWithTheDifferences() throws {
        let (encoder, adam) = trainedState()
        let path = directory + "/checkpoint.h5"
        try Checkpoint(encoder: encoder, optimizer: adam).write(to: path)
        var other = encoder.configuration
        other.width = 16
        other.blockCount = 3
        assertCheckpointError(path, mentions: ["another architecture", "width 8 in the file, 16 expected",
                                               "blockCount 2 in the file, 3 expected"], expecting: other)
    }

    func testAFlippedByteInTheWeightsFailsTheChecksum() throws {
        let (encoder, adam) = trainedState()
        let path = directory + "/checkpoint.h5"
        try Checkpoint(encoder: encoder, optimizer: adam).write(to: path)
        // Find the level-embedding table's bytes in the file and flip one bit in the middle of them.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let table = encoder.levelEmbedding!.table.value
        let pattern = table.withUnsafeBytes { Data($0) }
        let range = try XCTUnwrap(bytes.range(of: pattern), "the table is stored contiguously")
        bytes[range.lowerBound + pattern.count / 2] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: path))
        assertCheckpointError(path, mentions: ["checksum mismatch", "damaged"])
    }

    func testATruncatedFileIsRefused() throws {
        let (encoder, adam) = trainedState()
        let path = directory + "/checkpoint.h5"
        try Checkpoint(encoder: encoder, optimizer: adam).write(to: path)
        for fraction in [0.9, 0.5, 0.05] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let truncated = directory + "/truncated-\(fraction).h5"
            try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: truncated))
            assertCheckpointError(truncated, mentions: [])
        }
    }

    func testForeignFilesAreRefused() throws {
        let garbage = directory + "/garbage.h5"
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: garbage))
        assertCheckpointError(garbage, mentions: ["not an HDF5"])

        let empty = directory + "/empty.h5"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        assertCheckpointError(empty, mentions: ["empty"])

        assertCheckpointError(directory + "/missing.h5", mentions: ["no such file"])

        let plain = directory + "/plain.h5"
        try HDF5File.write(to: plain) { file in try file.setAttribute("title", "some other data") }
        assertCheckpointError(plain, mentions: ["not a loonsim encoder checkpoint"])

        let newer = directory + "/newer.h5"
        try HDF5File.write(to: newer) { file in
            try file.setAttribute("format", Checkpoint.formatName)
            try file.setAttribute("format_version", Int64(2))
        }
        assertCheckpointError(newer, mentions: ["format version 2", "reads version 1"])
    }

    func testAFailedWriteLeavesThePreviousCheckpointInPlace() throws {
        let encoder = ObservationEncoder(configuration: tinyConfiguration())
        let path = directory + "/checkpoint.h5"
        try Checkpoint(encoder: encoder, metadata: ["version": "first"]).write(to: path)
        XCTAssertThrowsError(try Checkpoint(encoder: encoder, metadata: ["": "an empty attribute name fails"]).write(to: path))
        XCTAssertEqual(try Checkpoint.read(from: path).metadata, ["version": "first"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["checkpoint.h5"], "no temporary left")
        XCTAssertThrowsError(try Checkpoint(encoder: encoder).write(to: directory + "/no/such/folder/x.h5")) { error in
            XCTAssertTrue("\(error)".contains("no/such/folder"), "\(error)")
        }
    }
}
