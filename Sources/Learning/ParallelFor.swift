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

/// Runs `body` over contiguous ranges that split `0..<count` among up to `threads` threads, for
/// element-wise work (each element's result must not depend on the split). Counts below
/// `minimumPerThread` per thread run on the calling thread alone.
func parallelRanges(_ count: Int, threads: Int, minimumPerThread: Int = 1 << 15, _ body: (Range<Int>) -> Void) {
    let parts = max(1, min(threads, count / max(minimumPerThread, 1)))
    guard parts > 1 else { return body(0..<count) }
    let chunk = (count + parts - 1) / parts
    _ = parallelMap(parts) { part in body((part * chunk)..<min((part + 1) * chunk, count)) }
}

/// Carries a value into concurrent code whose disjoint use of it the caller guarantees.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
