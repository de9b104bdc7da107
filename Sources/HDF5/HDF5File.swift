import CHDF5
import CHDF5Shim
import Foundation

/// An open HDF5 file (also the root group `/`).
///
/// NetCDF4 files are HDF5 files and open the same way; NetCDF3 ("classic")
/// files are not, and opening one fails with an error that says so.
public final class HDF5File: HDF5Location, @unchecked Sendable {

    /// Opens an existing file for reading.
    public static func open(_ path: String) throws -> HDF5File {
        try HDF5Library.locked {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw HDF5Error(file: path, problem: "no such file")
            }
            guard !isFolder.boolValue else { throw HDF5Error(file: path, problem: "is a folder, not a file") }
            if let problem = notHDF5Reason(path) { throw HDF5Error(file: path, problem: problem) }
            let fileID = H5Fopen(path, loonsim_h5f_acc_rdonly(), HDF5Library.defaultProperties)
            guard fileID >= 0 else {
                throw HDF5Error.failed(file: path, object: nil, "cannot open HDF5 file (truncated or damaged?)")
            }
            return HDF5File(id: fileID, filePath: path, objectPath: "/", parent: nil, close: H5Fclose)
        }
    }

    /// Creates a file, replacing any file at `path`.
    ///
    /// Objects record no creation or modification times, so the same content gives the same bytes.
    /// Prefer ``write(to:_:)``, which never leaves a half-written file behind.
    public static func create(_ path: String) throws -> HDF5File {
        try HDF5Library.locked {
            let creation = HDF5Library.untimedCreationProperties(loonsim_h5p_file_create())
            let fileID = H5Fcreate(path, loonsim_h5f_acc_trunc(), creation.id, HDF5Library.defaultProperties)
            guard fileID >= 0 else { throw HDF5Error.failed(file: path, object: nil, "cannot create file") }
            return HDF5File(id: fileID, filePath: path, objectPath: "/", parent: nil, close: H5Fclose)
        }
    }

    /// Writes a new file atomically: `body` fills a temporary file beside `path`,
    /// which is renamed onto `path` only when `body` returns and the file is closed.
    ///
    /// If anything fails, the temporary file is removed and whatever was at
    /// `path` before is left untouched.
    public static func write(to path: String, _ body: (HDF5File) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory.isEmpty ? "." : directory) else {
            throw HDF5Error(file: path, problem: "folder '\(directory)' does not exist or is not writable")
        }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            .path
        do {
            let file: HDF5File
            do {
                file = try create(temporary)
            } catch {
                throw HDF5Error(file: path, problem: "cannot create a file in folder '\(directory)' (is it writable?)")
            }
            try body(file)
            let flushed = HDF5Library.locked { H5Fflush(file.id, H5F_SCOPE_GLOBAL) >= 0 }
            file.close()
            guard flushed else { throw HDF5Error.failed(file: path, object: nil, "cannot flush") }
            guard rename(temporary, path) == 0 else {
                throw HDF5Error(file: path, problem: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if var hdf5Error = error as? HDF5Error, hdf5Error.file == temporary {
                hdf5Error.file = path
                throw hdf5Error
            }
            throw error
        }
    }

    /// Why the file at `path` cannot be an HDF5 file, or nil if it may be one.
    private static func notHDF5Reason(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot read (permission?)" }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        if head.isEmpty { return "is empty, not an HDF5 file" }
        if head.starts(with: [0x43, 0x44, 0x46]) {  // "CDF"
            return "is a NetCDF3 (classic) file, not NetCDF4/HDF5; convert it first (e.g. `nccopy -k nc4 IN OUT`)"
        }
        let status = H5Fis_hdf5(path)
        _ = HDF5Library.takeErrorDetail()
        if status == 0 { return "is not an HDF5 or NetCDF4 file" }
        if status < 0 { return "cannot be read as HDF5 (truncated or damaged?)" }
        return nil
    }
}
