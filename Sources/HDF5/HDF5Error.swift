/// A failure reading or writing an HDF5 file, naming the file and the object.
///
/// The description is one line, fit to show a user as it is:
/// `winds.h5: dataset 'u': has rank 3, expected 4`.
public struct HDF5Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path as the caller gave it.
    public var file: String
    /// The object inside the file (`dataset 'u'`, `attribute 'units' of 'level'`), or nil for the file itself.
    public var object: String?
    /// What is wrong, in words a user can act on.
    public var problem: String

    public init(file: String, object: String? = nil, problem: String) {
        self.file = file
        self.object = object
        self.problem = problem
    }

    public var description: String {
        if let object { return "\(file): \(object): \(problem)" }
        return "\(file): \(problem)"
    }
}
