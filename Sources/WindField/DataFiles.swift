import Foundation

/// Finds the data files loonsim ships in its source tree (decoder weights, agent weights).
///
/// Paths are relative to the repository root, e.g. `WindFields/offlineskies22_decoder.h5`.
/// The root is, in order: `$LOONSIM_HOME`; the first folder above the running
/// executable that holds `WindFields/`; the source tree this binary was built from.
public enum DataFiles {

    /// The decoder weights converted from BLE's `offlineskies22_decoder.msgpack`.
    public static let vaeDecoderPath = "WindFields/offlineskies22_decoder.h5"
    /// The perciatelli44 agent weights converted from BLE's `perciatelli44.pb`.
    public static let perciatelli44Path = "Experiments/agents/perciatelli44.h5"

    /// The absolute path of `relativePath` under the first root that has it, or nil.
    public static func locate(_ relativePath: String) -> String? {
        for root in candidateRoots() {
            let path = (root as NSString).appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Like ``locate(_:)``, but throws an error that says where it looked.
    public static func require(_ relativePath: String) throws -> String {
        if let path = locate(relativePath) { return path }
        throw DataFileError(relativePath: relativePath, searched: candidateRoots())
    }

    static func candidateRoots() -> [String] {
        var roots: [String] = []
        if let home = ProcessInfo.processInfo.environment["LOONSIM_HOME"], !home.isEmpty { roots.append(home) }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("WindFields").path) {
                roots.append(directory.path)
                break
            }
            directory.deleteLastPathComponent()
        }
        // Sources/WindField/DataFiles.swift → repository root.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        roots.append(sourceRoot.path)
        return roots
    }
}

/// A shipped data file could not be found.
public struct DataFileError: Error, CustomStringConvertible {
    public var relativePath: String
    public var searched: [String]
    public var description: String {
        "cannot find \(relativePath) (looked under \(searched.joined(separator: ", ")); set LOONSIM_HOME to the loonsim folder"
    }
}
