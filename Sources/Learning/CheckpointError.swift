/// A checkpoint that cannot be written or read: names the file and the problem, on one line.
///
/// `runs/a/checkpoint.h5: checksum mismatch, the file is damaged (stored fnv1a64:…, computed fnv1a64:…)`.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path as the caller gave it.
    public var file: String
    /// What is wrong, in words a user can act on.
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
