/// A wind grid file that cannot be used, with a one-line reason naming the file.
public struct WindGridError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path as the caller gave it.
    public var file: String
    /// What is wrong.
    public var problem: String

    public init(file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
