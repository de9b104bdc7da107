import FileErrors

/// A failure converting one of BLE's model files, fit to show a user as one line.
///
/// `description` reads `perciatelli44.pb: node 'Online/fully_connected/weights': has shape [2, 2], expected [1099, 600]`.
public typealias BLEModelError = FileError

/// A malformed byte stream found by ``MsgPackReader`` or ``ProtobufWireReader``.
///
/// The converter turns it into a ``BLEModelError`` naming the file.
public struct WireFormatError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The format being read: `msgpack` or `protobuf`.
    public var format: String
    /// The byte offset at which reading failed.
    public var offset: Int
    /// What is wrong with the bytes there.
    public var problem: String

    public init(format: String, offset: Int, problem: String) {
        self.format = format
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "malformed \(format) at byte \(offset): \(problem)" }
}
