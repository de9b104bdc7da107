import FileErrors

/// A wind grid file that cannot be used, with a one-line reason naming the file.
public typealias WindGridError = FileError
