import ExperimentSupport
import XCTest

/// Asserts `|observed − expected| ≤ absolute + relative·|expected|`, printing all three on failure.
///
/// Tolerances come from the reference (ble-reference.md §12 states them per table).
public func assertClose(
    _ observed: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0,
    _ what: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    let tolerance = absolute + relative * abs(expected)
    let error = abs(observed - expected)
    if !(error <= tolerance) {
        XCTFail("\(what()): expected \(expected), observed \(observed), |error| \(error) > tolerance \(tolerance)",
                file: file, line: line)
    }
}

/// Float convenience for ``assertClose(_:_:absolute:relative:_:file:line:)``.
public func assertClose(
    _ observed: Float, _ expected: Double, absolute: Double = 0, relative: Double = 0,
    _ what: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line
) {
    assertClose(Double(observed), expected, absolute: absolute, relative: relative, what(), file: file, line: line)
}

/// The shared reference data folder (`../shared` beside the repository).
public enum SharedData {
    /// `…/shared/data/ble`, or nil if this checkout has no `../shared` beside it.
    public static var bleDirectory: String? { BLEExport.defaultDirectory }

    /// The repository root (the folder that holds Package.swift).
    public static var repositoryRoot: String { BLEExport.repositoryRoot }

    /// A fresh temporary folder for one test.
    public static func temporaryDirectory(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "loonsim-\(safe)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
