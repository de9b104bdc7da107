import FileErrors
import Foundation

/// BLE's own episodes exported for fidelity checks (`../shared/data/ble`, format in its README):
/// where the export lives and how to read its tables.
///
/// Used by the fidelity programs under `Experiments/` and by the tests; loonsim itself never reads it.
public enum BLEExport {
    /// The repository root (the folder that holds Package.swift).
    public static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// `../shared/data/ble` beside this checkout, or nil when there is none.
    public static var defaultDirectory: String? {
        let candidate = (repositoryRoot as NSString).appendingPathComponent("../shared/data/ble")
        return FileManager.default.fileExists(atPath: candidate) ? (candidate as NSString).standardizingPath : nil
    }

    /// BLE's reset observation per seed (`scenarios-initial-obs.json`); JSONDecoder reads the doubles exactly.
    public static func initialObservations(in directory: String) throws -> [Int: [Double]] {
        struct File: Decodable { var obs: [String: [Double]] }
        let path = directory + "/scenarios-initial-obs.json"
        let file = try JSONDecoder().decode(File.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        return try Dictionary(uniqueKeysWithValues: file.obs.map { key, values in
            guard let seed = Int(key) else { throw BLEExportError(file: path, problem: "seed '\(key)' is not a number") }
            return (seed, values)
        })
    }

    /// BLE's TWR50 per agent code (`ss`, `p44`) and seed (`runs/summary.csv`).
    public static func summary(in directory: String) throws -> [String: [Int: Double]] {
        let path = directory + "/runs/summary.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var table: [String: [Int: Double]] = [:]
        for (row, line) in text.split(whereSeparator: \.isNewline).dropFirst().enumerated() {
            let fields = line.split(separator: ",").map(String.init)
            guard fields.count >= 3, let seed = Int(fields[1]), let twr = Double(fields[2]) else {
                throw BLEExportError(file: path, problem: "row \(row + 1) is not 'agent,seed,twr50,…': \(line)")
            }
            table[fields[0], default: [:]][seed] = twr
        }
        return table
    }
}

/// A file of the export that cannot be read: names the file and the problem, on one line.
public typealias BLEExportError = FileError
