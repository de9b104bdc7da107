#ifndef LOONSIM_ALLOCATION_COUNTER_H
#define LOONSIM_ALLOCATION_COUNTER_H

/// Heap allocations made by this process so far (malloc, calloc, realloc, posix_memalign,
/// aligned_alloc, memalign), counted by the wrappers this library interposes over glibc's.
/// Link it into a benchmark executable only: it replaces the process's allocator entry points.
unsigned long loonsim_allocation_count(void);

#endif
