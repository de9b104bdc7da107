// Which of the kernels' instruction sets this CPU runs, and the dispatching entry points.
#include "WindKernelsInternal.h"
#include <stdatomic.h>

int loonsim_isa_supported(loonsim_isa isa) {
    switch (isa) {
    case LOONSIM_ISA_PORTABLE:
        return 1;
#if LOONSIM_X86_64
    case LOONSIM_ISA_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case LOONSIM_ISA_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    default:
        return 0;
    }
}

loonsim_isa loonsim_best_isa(void) {
    // Racing first calls compute the same answer and store it alike.
    static _Atomic int best = -1;
    int known = atomic_load_explicit(&best, memory_order_relaxed);
    if (known < 0) {
        known = loonsim_isa_supported(LOONSIM_ISA_AVX512) ? LOONSIM_ISA_AVX512
              : loonsim_isa_supported(LOONSIM_ISA_AVX2) ? LOONSIM_ISA_AVX2 : LOONSIM_ISA_PORTABLE;
        atomic_store_explicit(&best, known, memory_order_relaxed);
    }
    return (loonsim_isa)known;
}

void loonsim_exp_groups(loonsim_isa isa, const double *x, double *y, long count) {
    switch (isa) {
#if LOONSIM_X86_64
    case LOONSIM_ISA_AVX512: loonsim_exp_groups_avx512(x, y, count); return;
    case LOONSIM_ISA_AVX2: loonsim_exp_groups_avx2(x, y, count); return;
#endif
    default: loonsim_exp_groups_portable(x, y, count); return;
    }
}

void loonsim_gp_kernel_matrix(loonsim_isa isa, long rows, long columns, double queryX, double queryY, double queryT,
                              const double *x, const double *y, const double *p, const double *t,
                              const double *levels, double *out, long outStride) {
    switch (isa) {
#if LOONSIM_X86_64
    case LOONSIM_ISA_AVX512:
        loonsim_gp_kernel_matrix_avx512(rows, columns, queryX, queryY, queryT, x, y, p, t, levels, out, outStride);
        return;
    case LOONSIM_ISA_AVX2:
        loonsim_gp_kernel_matrix_avx2(rows, columns, queryX, queryY, queryT, x, y, p, t, levels, out, outStride);
        return;
#endif
    default:
        loonsim_gp_kernel_matrix_portable(rows, columns, queryX, queryY, queryT, x, y, p, t, levels, out, outStride);
        return;
    }
}

void loonsim_gp_solve(loonsim_isa isa, long n, const double *L, long stride, double *B, long columnStride,
                      long errorColumn, double *explained, double *meanU, double *meanV) {
    switch (isa) {
#if LOONSIM_X86_64
    case LOONSIM_ISA_AVX512:
        loonsim_gp_solve_avx512(n, L, stride, B, columnStride, errorColumn, explained, meanU, meanV);
        return;
    case LOONSIM_ISA_AVX2:
        loonsim_gp_solve_avx2(n, L, stride, B, columnStride, errorColumn, explained, meanU, meanV);
        return;
#endif
    default:
        loonsim_gp_solve_portable(n, L, stride, B, columnStride, errorColumn, explained, meanU, meanV);
        return;
    }
}

double loonsim_cholesky_forward(loonsim_isa isa, long n, const double *L, long stride, double *l) {
    switch (isa) {
#if LOONSIM_X86_64
    case LOONSIM_ISA_AVX512: return loonsim_cholesky_forward_avx512(n, L, stride, l);
    case LOONSIM_ISA_AVX2: return loonsim_cholesky_forward_avx2(n, L, stride, l);
#endif
    default: return loonsim_cholesky_forward_portable(n, L, stride, l);
    }
}

void loonsim_cholesky_drop_first(loonsim_isa isa, long n, double *L, long stride, double *work) {
    switch (isa) {
#if LOONSIM_X86_64
    case LOONSIM_ISA_AVX512: loonsim_cholesky_drop_first_avx512(n, L, stride, work); return;
    case LOONSIM_ISA_AVX2: loonsim_cholesky_drop_first_avx2(n, L, stride, work); return;
#endif
    default: loonsim_cholesky_drop_first_portable(n, L, stride, work); return;
    }
}
