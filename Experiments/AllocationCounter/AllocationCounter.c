// Counts heap allocations by interposing glibc's allocator entry points (ELF symbol
// interposition: the executable's definitions win over libc.so's for every library).
// Each wrapper counts, then forwards to glibc's own implementation (__libc_*).
#include "AllocationCounter.h"

#include <errno.h>
#include <stddef.h>
#include <stdatomic.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static atomic_ulong allocations;

static inline void count(void) { atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed); }

unsigned long loonsim_allocation_count(void) { return atomic_load_explicit(&allocations, memory_order_relaxed); }

void *malloc(size_t size) { count(); return __libc_malloc(size); }

void *calloc(size_t n, size_t size) { count(); return __libc_calloc(n, size); }

void *realloc(void *pointer, size_t size) { count(); return __libc_realloc(pointer, size); }

void *memalign(size_t alignment, size_t size) { count(); return __libc_memalign(alignment, size); }

void *aligned_alloc(size_t alignment, size_t size) { count(); return __libc_memalign(alignment, size); }

int posix_memalign(void **result, size_t alignment, size_t size) {
    count();
    if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0) return EINVAL;
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return ENOMEM;
    *result = pointer;
    return 0;
}
