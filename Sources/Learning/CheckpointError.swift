import FileErrors

/// A checkpoint that cannot be written or read: names the file and the problem, on one line.
///
/// `runs/a/checkpoint.h5: checksum mismatch, the file is damaged (stored fnv1a64:…, computed fnv1a64:…)`.
public typealias CheckpointError = FileError
