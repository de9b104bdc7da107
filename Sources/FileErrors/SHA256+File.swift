import Foundation

extension SHA256 {
    /// The lowercase hex SHA-256 of the file at `path`, to record which file a result came from.
    ///
    /// - Throws: ``FileError`` when the file is missing or cannot be read.
    public static func hexDigest(ofFile path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        return hexDigest([UInt8](data))
    }
}
