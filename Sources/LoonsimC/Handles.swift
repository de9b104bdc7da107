/// Opaque handles: a Swift object retained for C, released by the matching `_destroy` function.
enum Handle {
    /// Retains `object` and returns its address for C.
    static func make<T: AnyObject>(_ object: T) -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(object).toOpaque()
    }

    /// The object behind `pointer` (not retained again), or an error for a null handle.
    static func object<T: AnyObject>(_ pointer: UnsafeMutableRawPointer?, as type: T.Type) throws -> T {
        guard let pointer else { throw InterfaceError("the handle is null (closed or never created)") }
        return Unmanaged<T>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Releases the object behind `pointer`; a null handle is ignored.
    static func release<T: AnyObject>(_ pointer: UnsafeMutableRawPointer?, as type: T.Type) {
        guard let pointer else { return }
        Unmanaged<T>.fromOpaque(pointer).release()
    }
}
