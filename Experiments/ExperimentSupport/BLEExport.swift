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

    /// The environment variable that names the export's folder instead of `../shared/data/ble`.
    ///
    /// A folder that does not exist puts the export out of reach, as on a clone with no `../shared`
    /// beside it: CI runs the tests once more with `LOONSIM_BLE_DATA=/nonexistent` to prove that every
    /// test needing the export then skips rather than fails.
    public static let directoryVariable = "LOONSIM_BLE_DATA"

    /// The export's folder: `$LOONSIM_BLE_DATA` when set (and not empty), else `../shared/data/ble` beside
    /// this checkout; nil when that folder does not exist.
    public static var defaultDirectory: String? {
        directory(environment: ProcessInfo.processInfo.environment)
    }

    /// The export's folder as ``defaultDirectory`` finds it under `environment`.
    public static func directory(environment: [String: String]) -> String? {
        let candidate: String
        if let named = environment[directoryVariable], !named.isEmpty {
            candidate = named
        } else {
            candidate = (repositoryRoot as NSString).appendingPathComponent("../shared/data/ble")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return (candidate as NSString).standardizingPath
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
