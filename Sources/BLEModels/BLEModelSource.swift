import FileErrors
import Foundation
import ZIPFoundation

/// One of the two model files BLE ships in `balloon_learning_environment/models/`.
public enum BLEModelFile: String, CaseIterable, Sendable {
    /// The wind VAE decoder: Flax msgpack (ble-reference.md §3.4).
    case offlineskies22Decoder = "offlineskies22_decoder.msgpack"
    /// The frozen perciatelli44 agent: TF1 `GraphDef` (ble-reference.md §6.6).
    case perciatelli44 = "perciatelli44.pb"

    /// The file's path inside BLE's package (and inside its wheel).
    public var packagePath: String { "balloon_learning_environment/models/\(rawValue)" }
}

/// The bytes of one model file and where they came from.
public struct BLEModelBytes: Sendable {
    /// Which model this is.
    public var file: BLEModelFile
    /// The contents.
    public var bytes: [UInt8]
    /// How error messages name it: `WHEEL:MEMBER` or the file's path.
    public var displayName: String
    /// Where it came from, for provenance attributes: the wheel's file name and member, or the file's name.
    public var provenance: String
    /// SHA-256 of `bytes`, 64 hex digits.
    public var sha256: String

    /// Wraps a model file's contents; `sha256` is computed when not given.
    public init(file: BLEModelFile, bytes: [UInt8], displayName: String, provenance: String, sha256: String? = nil) {
        self.file = file
        self.bytes = bytes
        self.displayName = displayName
        self.provenance = provenance
        self.sha256 = sha256 ?? SHA256.hexDigest(bytes)
    }
}

/// Where BLE's models are read from: the wheel (`balloon_learning_environment-*.whl`) or an unpacked folder.
///
/// A folder may be the `models/` folder itself, a folder holding it, or an
/// unpacked wheel or site-packages (`balloon_learning_environment/models/`).
/// From a wheel, each file is checked against the SHA-256 in the wheel's `RECORD`,
/// and the BLE version is read from its `METADATA`.
public struct BLEModelSource: Sendable {
    /// The wheel or folder, as the caller gave it.
    public let path: String
    /// Whether `path` is a zip archive (a wheel) rather than a folder.
    public let isWheel: Bool
    /// BLE's version from the wheel's (or an unpacked install's) `METADATA`, when there is one.
    public let bleVersion: String?

    /// Opens `path`; fails when it does not exist or is neither a folder nor a zip archive.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BLEModelError(file: path, problem: "no such file or folder")
        }
        self.path = path
        if isDirectory.boolValue {
            isWheel = false
            bleVersion = Self.folderVersion(path)
        } else {
            isWheel = true
            let archive = try Self.openArchive(path)
            bleVersion = try Self.wheelMetadata(archive, path: path).flatMap(Self.version(inMetadata:))
        }
    }

    /// Reads one model file (checked against the wheel's `RECORD` when reading a wheel).
    public func read(_ file: BLEModelFile) throws -> BLEModelBytes {
        isWheel ? try readFromWheel(file) : try readFromFolder(file)
    }

    // MARK: - Wheel

    private func readFromWheel(_ file: BLEModelFile) throws -> BLEModelBytes {
        let archive = try Self.openArchive(path)
        guard let entry = archive[file.packagePath]
            ?? archive.first(where: { $0.type == .file && ($0.path as NSString).lastPathComponent == file.rawValue })
        else {
            throw BLEModelError(file: path, problem: "holds no \(file.packagePath); is this BLE's wheel?")
        }
        let displayName = "\(path):\(entry.path)"
        let bytes = try Self.extract(entry, from: archive, displayName: displayName)
        let digest = SHA256.digest(bytes)
        if let recorded = try Self.recordedDigest(of: entry.path, in: archive, path: path), recorded != digest {
            throw BLEModelError(file: displayName,
                                problem: "SHA-256 differs from the wheel's RECORD; the wheel is damaged or altered")
        }
        return BLEModelBytes(file: file, bytes: bytes, displayName: displayName,
                             provenance: "\((path as NSString).lastPathComponent):\(entry.path)",
                             sha256: SHA256.hex(digest))
    }

    private static func openArchive(_ path: String) throws -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw BLEModelError(file: path, problem: "is not a zip archive (expected BLE's .whl or a models folder)")
        }
    }

    private static func extract(_ entry: Entry, from archive: Archive, displayName: String) throws -> [UInt8] {
        var data = Data()
        data.reserveCapacity(Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry) { chunk in data.append(chunk) }
        } catch {
            throw BLEModelError(file: displayName, problem: "cannot be extracted (\(error)); the wheel is damaged")
        }
        return [UInt8](data)
    }

    /// The wheel's `*.dist-info/METADATA` text, if it has one.
    private static func wheelMetadata(_ archive: Archive, path: String) throws -> String? {
        guard let entry = archive.first(where: { $0.path.hasSuffix(".dist-info/METADATA") }) else { return nil }
        return String(decoding: try extract(entry, from: archive, displayName: "\(path):\(entry.path)"), as: UTF8.self)
    }

    /// The SHA-256 that the wheel's `RECORD` lists for `member`, if any (wheel spec: `path,sha256=<urlsafe base64>,size`).
    private static func recordedDigest(of member: String, in archive: Archive, path: String) throws -> [UInt8]? {
        guard let entry = archive.first(where: { $0.path.hasSuffix(".dist-info/RECORD") }) else { return nil }
        let record = String(decoding: try extract(entry, from: archive, displayName: "\(path):\(entry.path)"), as: UTF8.self)
        for line in record.split(whereSeparator: \.isNewline) {
            let columns = line.split(separator: ",", omittingEmptySubsequences: false)
            guard columns.count >= 2, columns[0] == member, columns[1].hasPrefix("sha256=") else { continue }
            var base64 = columns[1].dropFirst("sha256=".count).replacingOccurrences(of: "-", with: "+")
                .replacingOccurrences(of: "_", with: "/")
            while base64.count % 4 != 0 { base64 += "=" }
            return Data(base64Encoded: base64).map { [UInt8]($0) }
        }
        return nil
    }

    // MARK: - Folder

    private func readFromFolder(_ file: BLEModelFile) throws -> BLEModelBytes {
        let candidates = [file.rawValue, "models/\(file.rawValue)", file.packagePath]
            .map { (path as NSString).appendingPathComponent($0) }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw BLEModelError(file: path, problem: "holds no \(file.rawValue) (looked in ., models/ and \((file.packagePath as NSString).deletingLastPathComponent)/)")
        }
        guard let data = FileManager.default.contents(atPath: found) else {
            throw BLEModelError(file: found, problem: "cannot be read (permission?)")
        }
        let bytes = [UInt8](data)
        return BLEModelBytes(file: file, bytes: bytes, displayName: found, provenance: file.packagePath)
    }

    /// The version in a `balloon_learning_environment-*.dist-info/METADATA` beside or above the models folder.
    private static func folderVersion(_ path: String) -> String? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        for _ in 0..<3 {
            let listing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in listing.sorted() where name.hasPrefix("balloon_learning_environment-") && name.hasSuffix(".dist-info") {
                let metadata = directory.appendingPathComponent(name).appendingPathComponent("METADATA").path
                if let text = try? String(contentsOfFile: metadata, encoding: .utf8), let version = version(inMetadata: text) {
                    return version
                }
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    private static func version(inMetadata text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("Version:") {
            return line.dropFirst("Version:".count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
