import Foundation

/// One of BLE's reference episodes, `runs/{agent}_seed{N}.csv.gz` of the export: one row per
/// agent step (step 1 first), columns named in the header.
public struct BLERunTable: Sendable {
    /// The file read.
    public let path: String
    /// The column names.
    public let header: [String]
    /// The fields of each row, in header order.
    public let rows: [[Substring]]

    /// Reads the gzip-compressed CSV at `path` (decompressed with `gzip -dc`).
    public init(path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BLEExportError(file: path, problem: "gzip -dc failed") }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let first = lines.first else { throw BLEExportError(file: path, problem: "empty") }
        self.path = path
        header = first.split(separator: ",").map(String.init)
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// The index of column `name`.
    public func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else { throw BLEExportError(file: path, problem: "no column \(name)") }
        return index
    }

    /// Column `name` as numbers, one per row.
    public func doubles(_ name: String) throws -> [Double] { try parsed(name, Double.init) }

    /// Column `name` as whole numbers, one per row.
    public func integers(_ name: String) throws -> [Int] { try parsed(name, { Int($0) }) }

    /// Column `name` as text, one per row.
    public func strings(_ name: String) throws -> [String] {
        let index = try column(name)
        return rows.map { String($0[index]) }
    }

    private func parsed<T>(_ name: String, _ parse: (Substring) -> T?) throws -> [T] {
        let index = try column(name)
        return try rows.enumerated().map { row, fields in
            guard index < fields.count, let value = parse(fields[index]) else {
                throw BLEExportError(file: path, problem: "row \(row + 1): \(name) is not a number")
            }
            return value
        }
    }
}
