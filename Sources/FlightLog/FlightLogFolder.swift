import Foundation
import HDF5

/// The flight logs of an evaluation's output folder.
public enum FlightLogFolder {
    /// The `.h5` files under `folder` (at any depth) that say they are flight logs, in path order,
    /// as paths relative to `folder`. Files that are not flight logs (wind grids, checkpoints) are
    /// skipped; a damaged flight log is listed, so reading it reports the damage.
    ///
    /// - Throws: ``FlightLogError`` when `folder` is missing or holds no flight logs.
    public static func logs(in folder: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw FlightLogError(file: folder, problem: "no such folder")
        }
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw FlightLogError(file: folder, problem: "cannot be read")
        }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard relative.hasSuffix(".h5"), !name.hasPrefix(".") else { continue }
            if isFlightLog((folder as NSString).appendingPathComponent(relative)) { found.append(relative) }
        }
        guard !found.isEmpty else {
            throw FlightLogError(file: folder, problem: "holds no flight logs (.h5 files written by `loonsim evaluate`)")
        }
        return found.sorted { naturalKey($0).lexicographicallyPrecedes(naturalKey($1)) }
    }

    /// Whether `path` claims to be a flight log: its `format` attribute says so, or it cannot be
    /// opened at all but is named like an episode (`seed_N.h5`).
    static func isFlightLog(_ path: String) -> Bool {
        guard let file = try? HDF5File.open(path) else {
            return (path as NSString).lastPathComponent.hasPrefix("seed_")
        }
        defer { file.close() }
        return (try? file.stringAttribute("format")) == FlightLogFormat.name
    }

    /// `path` split into text and number runs, numbers zero-padded, so `seed_9` sorts before `seed_10`.
    static func naturalKey(_ path: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inDigits = false
        for character in path {
            if character.isNumber != inDigits, !current.isEmpty {
                parts.append(inDigits ? String(repeating: "0", count: max(0, 20 - current.count)) + current : current)
                current = ""
            }
            inDigits = character.isNumber
            current.append(character)
        }
        if !current.isEmpty { parts.append(inDigits ? String(repeating: "0", count: max(0, 20 - current.count)) + current : current) }
        return parts
    }
}
