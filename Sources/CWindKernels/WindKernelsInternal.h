// What the kernels' files share: the exponential's constants, its portable one-lane form, and
// the per-instruction-set entry points that the dispatching functions call.
#ifndef LOONSIM_WIND_KERNELS_INTERNAL_H
#define LOONSIM_WIND_KERNELS_INTERNAL_H

#include "CWindKernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__)
#define LOONSIM_X86_64 1
#endif

/// The exponential's table (ExpTable.c).
extern const uint64_t loonsim_exp_table[256];

/// N/ln 2 with N = 128.
#define LOONSIM_EXP_INVERSE_LN2_N 0x1.71547652b82fep7
/// ln 2/N in two parts; the high part has 32 significant bits, so k·high is exact for |k| < 2²¹.
#define LOONSIM_EXP_LN2_HIGH_N 0x1.62e42fee00000p-8
#define LOONSIM_EXP_LN2_LOW_N 0x1.a39ef35793c76p-40
/// 1.5·2⁵²: adding it rounds a double of magnitude < 2⁵¹ to an integer held in the low bits.
#define LOONSIM_EXP_ROUNDING_SHIFT 0x1.8p52
/// Lanes outside (−700, 700) (and NaN) send their group of four to libm.
#define LOONSIM_EXP_LIMIT 700.0

static inline double loonsim_bits_to_double(uint64_t bits) {
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

static inline uint64_t loonsim_double_to_bits(double value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

/// The table-driven exponential of one lane known to lie in (−700, 700), rounding step by step
/// exactly as VectorExp.exp(inRange:) (each operation rounded; no fused multiply-add).
static inline double loonsim_exp_in_range(double x) {
    double shifted = x * LOONSIM_EXP_INVERSE_LN2_N + LOONSIM_EXP_ROUNDING_SHIFT;
    uint64_t k = loonsim_double_to_bits(shifted);
    double kd = shifted - LOONSIM_EXP_ROUNDING_SHIFT;
    double r = (x - kd * LOONSIM_EXP_LN2_HIGH_N) - kd * LOONSIM_EXP_LN2_LOW_N;
    uint64_t j = k & 127;
    double tail = loonsim_bits_to_double(loonsim_exp_table[2 * j]);
    double scale = loonsim_bits_to_double(loonsim_exp_table[2 * j + 1] + (k << 45));
    double r2 = r * r;
    double c2 = 0.5 + r * (1.0 / 6);
    double c4 = (1.0 / 24) + r * (1.0 / 120);
    double polynomial = tail + r;
    polynomial += r2 * c2;
    polynomial += (r2 * r2) * c4;
    return scale + scale * polynomial;
}

static inline int loonsim_exp_in_limits(double x) {
    return x > -LOONSIM_EXP_LIMIT && x < LOONSIM_EXP_LIMIT;
}

/// VectorExp.exp on one aligned group of four lanes (in place).
static inline void loonsim_exp_group_portable(double *lanes) {
    if (loonsim_exp_in_limits(lanes[0]) && loonsim_exp_in_limits(lanes[1])
        && loonsim_exp_in_limits(lanes[2]) && loonsim_exp_in_limits(lanes[3])) {
        for (int lane = 0; lane < 4; lane++) lanes[lane] = loonsim_exp_in_range(lanes[lane]);
    } else {
        for (int lane = 0; lane < 4; lane++) lanes[lane] = exp(lanes[lane]);
    }
}

/// The entry points of one instruction set (suffix `isa`: portable, avx2, avx512), each as the
/// dispatching function of the same name without the suffix documents it in CWindKernels.h.
#define LOONSIM_DECLARE_KERNELS(isa)                                                                              \
    void loonsim_exp_groups_##isa(const double *x, double *y, long count);                                      \
    void loonsim_gp_kernel_matrix_##isa(long rows, long columns, double queryX, double queryY, double queryT,   \
                                        const double *x, const double *y, const double *p, const double *t,     \
                                        const double *levels, double *out, long outStride);                     \
    double loonsim_cholesky_forward_##isa(long n, const double *L, long stride, double *l);                     \
    void loonsim_cholesky_drop_first_##isa(long n, double *L, long stride, double *work);                       \
    void loonsim_gp_solve_##isa(long n, const double *L, long stride, double *B, long columnStride,             \
                                long errorColumn, double *explained, double *meanU, double *meanV);

LOONSIM_DECLARE_KERNELS(portable)
#if LOONSIM_X86_64
LOONSIM_DECLARE_KERNELS(avx2)
LOONSIM_DECLARE_KERNELS(avx512)
#endif

/// The Givens rotation of `loonsim_cholesky_drop_first` for column j: from the old diagonal and
/// the carried vector's entry, the new diagonal (returned) and the rotation's cosine and sine.
static inline double loonsim_givens(double diagonal, double xj, double *c, double *s) {
    double radius = sqrt(diagonal * diagonal + xj * xj);
    *c = diagonal / radius;
    *s = xj / radius;
    return radius;
}

/// Rotates entries [from, to) one lane at a time: rotated = c·old + s·x, x ← c·x − s·old.
static inline void loonsim_rotate_lanes(const double *old, double *x, double *rotated, long from, long to, double c,
                                        double s) {
    for (long i = from; i < to; i++) {
        double value = old[i], xi = x[i];
        rotated[i] = c * value + s * xi;
        x[i] = c * xi - s * value;
    }
}

#endif
