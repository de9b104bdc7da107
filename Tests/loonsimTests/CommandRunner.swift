import Foundation
import XCTest

/// Runs the built `loonsim` binary, as a user would, and captures what it prints.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

enum Loonsim {
    /// The `loonsim` executable beside the test bundle.
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("loonsim")
    }

    static func run(_ arguments: [String]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             standardOutput: String(decoding: outData, as: UTF8.self),
                             standardError: String(decoding: errData, as: UTF8.self))
    }
}

extension XCTestCase {
    /// Asserts a run failed with exit status 1 and exactly one line on standard error containing `fragment`.
    func assertFailsWithOneLine(_ result: CommandResult, containing fragment: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, "exit status; stderr: \(result.standardError)", file: file, line: line)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 1, "one line on stderr, got: \(result.standardError)", file: file, line: line)
        XCTAssertTrue(result.standardError.contains(fragment), "'\(result.standardError)' lacks '\(fragment)'",
                      file: file, line: line)
    }
}
