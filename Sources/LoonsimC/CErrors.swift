/// How the C interface reports failures: a function returns ``failure`` (or a null handle) and
/// writes one line into the caller's buffer.
///
/// Every exported function catches every Swift error and validates its arguments before they
/// reach the library, so no input from Python can trap the process.
enum CStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
}

/// A misuse of the C interface itself (bad arguments), with a one-line reason.
struct InterfaceError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes `message` as a NUL-terminated UTF-8 string into `buffer` (truncated to `capacity`).
func write(message: String, into buffer: UnsafeMutablePointer<CChar>?, capacity: Int64) {
    guard let buffer, capacity > 0 else { return }
    let bytes = Array(message.utf8.prefix(Int(capacity) - 1))
    for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
    buffer[bytes.count] = 0
}

/// Runs `body`; on an error writes its description into `buffer` and returns ``CStatus/failure``.
func reportingErrors(_ buffer: UnsafeMutablePointer<CChar>?, _ capacity: Int64, _ body: () throws -> Void) -> Int32 {
    do {
        try body()
        return CStatus.success
    } catch {
        write(message: "\(error)", into: buffer, capacity: capacity)
        return CStatus.failure
    }
}

/// A Swift string from a C string argument, or an error naming the argument when it is null.
func string(_ pointer: UnsafePointer<CChar>?, _ name: String) throws -> String {
    guard let pointer else { throw InterfaceError("\(name) is missing") }
    return String(cString: pointer)
}
