import Foundation
import XCTest

/// One of BLE's reference episodes, `runs/{agent}_seed{N}.csv.gz` of the shared export:
/// one row per agent step (step 1 first), columns named in the header.
public struct BLERunTable {
    /// The file read.
    public let path: String
    /// The column names.
    public let header: [String]
    /// The fields of each row, in header order.
    public let rows: [[Substring]]

    /// Reads `runs/{name}.csv.gz` (e.g. `ss_seed0`), decompressed with `gzip -dc`.
    ///
    /// Throws `XCTSkip` when this checkout has no shared data or no such run.
    public static func load(_ name: String) throws -> BLERunTable {
        guard let directory = SharedData.bleDirectory else { throw XCTSkip("../shared/data/ble is not beside this checkout") }
        let path = directory + "/runs/\(name).csv.gz"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no \(path)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "gzip -dc \(path)")
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        let header = try XCTUnwrap(lines.first, "\(path) is empty").split(separator: ",").map(String.init)
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        return BLERunTable(path: path, header: header, rows: Array(rows))
    }

    /// The index of column `name`.
    public func column(_ name: String) throws -> Int {
        try XCTUnwrap(header.firstIndex(of: name), "\(path) has no column \(name)")
    }

    /// Column `name` as numbers, one per row.
    public func doubles(_ name: String) throws -> [Double] {
        let index = try column(name)
        return try rows.enumerated().map { row, fields in
            try XCTUnwrap(Double(fields[index]), "\(path) row \(row + 1) \(name) = \(fields[index])")
        }
    }

    /// Column `name` as whole numbers, one per row.
    public func integers(_ name: String) throws -> [Int] {
        let index = try column(name)
        return try rows.enumerated().map { row, fields in
            try XCTUnwrap(Int(fields[index]), "\(path) row \(row + 1) \(name) = \(fields[index])")
        }
    }

    /// Column `name` as text, one per row.
    public func strings(_ name: String) throws -> [String] {
        let index = try column(name)
        return rows.map { String($0[index]) }
    }
}
