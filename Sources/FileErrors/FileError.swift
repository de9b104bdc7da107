/// A file that cannot be used, fit to show a user as one line: `file: problem`.
///
/// Each module names it for what it reads (``WindGridError`` and the like are this type), so a
/// caller can say what kind of file failed while every file error reads the same way:
/// `runs/a/checkpoint.h5: checksum mismatch, the file is damaged`.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or archive member) as the caller named it.
    public var file: String
    /// What is wrong, in words a user can act on.
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
