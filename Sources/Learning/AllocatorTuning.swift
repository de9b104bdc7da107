#if canImport(Glibc)
import Glibc
#endif

/// Tells glibc's allocator to keep freed memory for reuse instead of returning it to the system.
///
/// A learner update allocates and frees buffers of hundreds of kilobytes (token activations,
/// gradients). By default glibc serves blocks that large with `mmap` and unmaps them on `free`,
/// so every update page-faults its buffers back in; with the learner on two threads the page
/// faults contend for the process's memory map and the second thread bought almost nothing
/// (45 → 78 updates/s of batch 32 with this tuning; `TrainingBenchmark`). The setting is
/// process-wide and only changes when memory is returned, never a computed value.
enum AllocatorTuning {
    /// Applied once, by the first trainer or learned agent.
    static let applied: Void = {
        #if canImport(Glibc)
        // glibc's `mallopt` (malloc.h, which Swift's Glibc module does not import), found at run time.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let (trimThreshold, topPad, mmapThreshold): (Int32, Int32, Int32) = (-1, -2, -3)  // M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 256 << 20)  // blocks up to 256 MB come from the heap
        _ = mallopt(trimThreshold, 1 << 30)    // keep up to 1 GB of freed heap
        _ = mallopt(topPad, 64 << 20)          // grow the heap 64 MB at a time
        #endif
    }()
}
