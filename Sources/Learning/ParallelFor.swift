import Dispatch

/// Runs `body(i)` for `i` in `0..<count` on up to `count` threads and returns the results in
/// index order. Each index runs exactly once; `body` must only touch what index `i` owns.
func parallelMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 1 else { return count == 1 ? [body(0)] : [] }
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deinitialize(); results.deallocate() }
    withoutActuallyEscaping(body) { body in
        let work = UncheckedBox((body, results))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            work.value.1[index] = work.value.0(index)
        }
    }
    return results.map { $0! }
}

/// Runs `body(i)` for `i` in `0..<count` in up to `threads` contiguous chunks, one chunk per thread,
/// and returns the results (or the first error, in index order) in index order.
func parallelChunks<T>(_ count: Int, threads: Int, _ body: (Int) throws -> T) throws -> [T] {
    let parts = max(1, min(threads, count))
    let chunk = (count + parts - 1) / max(parts, 1)
    return try parallelMap(parts) { part in
        Result { try ((part * chunk)..<min((part + 1) * chunk, count)).map(body) }
    }.flatMap { try $0.get() }
}

/// Carries a value into concurrent code whose disjoint use of it the caller guarantees.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
