// The kernels with AVX2 and FMA: four doubles a vector (column counts are multiples of 4).
#include "WindKernelsInternal.h"

#if LOONSIM_X86_64
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/// loonsim_exp_in_range on four lanes, each operation rounded as there.
ALWAYS_INLINE __m256d exp_in_range(__m256d x) {
    const __m256d shift = _mm256_set1_pd(LOONSIM_EXP_ROUNDING_SHIFT);
    __m256d shifted = _mm256_add_pd(_mm256_mul_pd(x, _mm256_set1_pd(LOONSIM_EXP_INVERSE_LN2_N)), shift);
    __m256i k = _mm256_castpd_si256(shifted);
    __m256d kd = _mm256_sub_pd(shifted, shift);
    __m256d r = _mm256_sub_pd(_mm256_sub_pd(x, _mm256_mul_pd(kd, _mm256_set1_pd(LOONSIM_EXP_LN2_HIGH_N))),
                              _mm256_mul_pd(kd, _mm256_set1_pd(LOONSIM_EXP_LN2_LOW_N)));
    // The table's pairs (tail, bits) of the four lanes, by 16-byte loads (faster than gathers).
    uint64_t j[4];
    _mm256_storeu_si256((__m256i *)j, _mm256_and_si256(k, _mm256_set1_epi64x(127)));
    const __m128i *pairs = (const __m128i *)loonsim_exp_table;
    __m256i even = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128(pairs + j[0])),
                                           _mm_loadu_si128(pairs + j[2]), 1);
    __m256i odd = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128(pairs + j[1])),
                                          _mm_loadu_si128(pairs + j[3]), 1);
    __m256d tail = _mm256_castsi256_pd(_mm256_unpacklo_epi64(even, odd));
    __m256i bits = _mm256_unpackhi_epi64(even, odd);
    __m256d scale = _mm256_castsi256_pd(_mm256_add_epi64(bits, _mm256_slli_epi64(k, 45)));
    __m256d r2 = _mm256_mul_pd(r, r);
    __m256d c2 = _mm256_add_pd(_mm256_set1_pd(0.5), _mm256_mul_pd(r, _mm256_set1_pd(1.0 / 6)));
    __m256d c4 = _mm256_add_pd(_mm256_set1_pd(1.0 / 24), _mm256_mul_pd(r, _mm256_set1_pd(1.0 / 120)));
    __m256d polynomial = _mm256_add_pd(tail, r);
    polynomial = _mm256_add_pd(polynomial, _mm256_mul_pd(r2, c2));
    polynomial = _mm256_add_pd(polynomial, _mm256_mul_pd(_mm256_mul_pd(r2, r2), c4));
    return _mm256_add_pd(scale, _mm256_mul_pd(scale, polynomial));
}

/// VectorExp.exp on one group of four: a lane outside (−700, 700) or NaN sends it to libm.
ALWAYS_INLINE __m256d exp_group(__m256d x) {
    __m256d inside = _mm256_and_pd(_mm256_cmp_pd(x, _mm256_set1_pd(-LOONSIM_EXP_LIMIT), _CMP_GT_OQ),
                                   _mm256_cmp_pd(x, _mm256_set1_pd(LOONSIM_EXP_LIMIT), _CMP_LT_OQ));
    if (__builtin_expect(_mm256_movemask_pd(inside) == 0xF, 1)) return exp_in_range(x);
    double lanes[4];
    _mm256_storeu_pd(lanes, x);
    for (int lane = 0; lane < 4; lane++) lanes[lane] = exp(lanes[lane]);
    return _mm256_loadu_pd(lanes);
}

ALWAYS_INLINE __m256d negate(__m256d x) { return _mm256_xor_pd(x, _mm256_set1_pd(-0.0)); }

void loonsim_exp_groups_avx2(const double *x, double *y, long count) {
    for (long k = 0; k < count; k += 4) _mm256_storeu_pd(y + k, exp_group(_mm256_loadu_pd(x + k)));
}

void loonsim_gp_kernel_matrix_avx2(long rows, long columns, double queryX, double queryY, double queryT,
                                   const double *x, const double *y, const double *p, const double *t,
                                   const double *levels, double *out, long outStride) {
    for (long i = 0; i < rows; i++) {
        double dx = queryX - x[i], dy = queryY - y[i], dt = queryT - t[i];
        __m256d horizontal = _mm256_set1_pd(dx * dx + dy * dy), time = _mm256_set1_pd(dt * dt);
        __m256d pressure = _mm256_set1_pd(p[i]);
        double *row = out + i * outStride;
        for (long k = 0; k < columns; k += 4) {
            __m256d dp = _mm256_sub_pd(_mm256_loadu_pd(levels + k), pressure);
            __m256d squared = _mm256_add_pd(_mm256_add_pd(horizontal, _mm256_mul_pd(dp, dp)), time);
            _mm256_storeu_pd(row + k, exp_group(negate(_mm256_sqrt_pd(squared))));
        }
    }
}

/// One block of `rows` ≤ 8 rows (from i0) of a four-column panel of `B` (offset to the panel): the
/// update by the rows above, the solve within the block, and, for a kernel panel, the sums of
/// squares and the means' products.
ALWAYS_INLINE void solve_block(long i0, const long rows, const int kernel, const double *L, long stride,
                               double *B, long M, const double *zU, const double *zV,
                               __m256d *squares, __m256d *meanU, __m256d *meanV) {
    __m256d a[8];
    if (i0 > 0) {
        // B_I − L_{I,<I}·V_{<I}: one chain of fused multiply-adds per element, from 0, j increasing.
        for (long r = 0; r < rows; r++) a[r] = _mm256_setzero_pd();
        for (long j = 0; j < i0; j++) {
            const double *column = L + j * stride + i0;
            __m256d w = _mm256_loadu_pd(B + j * M);
            for (long r = 0; r < rows; r++) a[r] = _mm256_fmadd_pd(_mm256_broadcast_sd(column + r), w, a[r]);
        }
        for (long r = 0; r < rows; r++) a[r] = _mm256_sub_pd(_mm256_loadu_pd(B + (i0 + r) * M), a[r]);
    } else {
        for (long r = 0; r < rows; r++) a[r] = _mm256_loadu_pd(B + (i0 + r) * M);
    }
    // The triangle: separate multiplies and subtractions, then the scaling by 1/L_ii.
    __m256d blockSquares = _mm256_setzero_pd();
    for (long r = 0; r < rows; r++) {
        for (long j = 0; j < r; j++) {
            a[r] = _mm256_sub_pd(a[r], _mm256_mul_pd(_mm256_set1_pd(L[(i0 + j) * stride + i0 + r]), a[j]));
        }
        a[r] = _mm256_mul_pd(a[r], _mm256_set1_pd(1 / L[(i0 + r) * stride + i0 + r]));
        _mm256_storeu_pd(B + (i0 + r) * M, a[r]);
        if (!kernel) continue;
        if (rows == 8) *squares = _mm256_add_pd(*squares, _mm256_mul_pd(a[r], a[r]));
        else blockSquares = _mm256_add_pd(blockSquares, _mm256_mul_pd(a[r], a[r]));
        *meanU = _mm256_fmadd_pd(a[r], _mm256_set1_pd(zU[(i0 + r) * M]), *meanU);
        *meanV = _mm256_fmadd_pd(a[r], _mm256_set1_pd(zV[(i0 + r) * M]), *meanV);
    }
    if (kernel && rows < 8) *squares = _mm256_add_pd(*squares, blockSquares);
}

/// A panel of four columns from `c0` over all n rows.
ALWAYS_INLINE void solve_panel(long n, const int kernel, const double *L, long stride, double *B, long M, long c0,
                               const double *zU, const double *zV, double *explained, double *meanU, double *meanV) {
    __m256d squares = _mm256_setzero_pd(), u = _mm256_setzero_pd(), v = _mm256_setzero_pd();
    long i0 = 0;
    for (; i0 + 8 <= n; i0 += 8) solve_block(i0, 8, kernel, L, stride, B + c0, M, zU, zV, &squares, &u, &v);
    if (i0 < n) solve_block(i0, n - i0, kernel, L, stride, B + c0, M, zU, zV, &squares, &u, &v);
    if (!kernel) return;
    _mm256_storeu_pd(explained + c0, squares);
    _mm256_storeu_pd(meanU + c0, u);
    _mm256_storeu_pd(meanV + c0, v);
}

void loonsim_gp_solve_avx2(long n, const double *L, long stride, double *B, long columnStride, long errorColumn,
                           double *explained, double *meanU, double *meanV) {
    long M = columnStride;
    // z = L⁻¹e first (the means need all of it; the block's two zero columns stay zero), then the
    // kernel columns four at a time.
    solve_panel(n, 0, L, stride, B, M, errorColumn, 0, 0, 0, 0, 0);
    for (long c0 = 0; c0 < errorColumn; c0 += 4) {
        solve_panel(n, 1, L, stride, B, M, c0, B + errorColumn, B + errorColumn + 1, explained, meanU, meanV);
    }
}

double loonsim_cholesky_forward_avx2(long n, const double *L, long stride, double *l) {
    double square = 0;
    for (long j = 0; j < n; j++) {
        const double *column = L + j * stride;
        double lj = l[j] / column[j];
        l[j] = lj;
        square += lj * lj;
        __m256d factor = _mm256_set1_pd(lj);
        long i = j + 1;
        for (; i + 4 <= n; i += 4) {
            _mm256_storeu_pd(l + i, _mm256_sub_pd(_mm256_loadu_pd(l + i), _mm256_mul_pd(_mm256_loadu_pd(column + i), factor)));
        }
        for (; i < n; i++) l[i] -= column[i] * lj;
    }
    return square;
}

void loonsim_cholesky_drop_first_avx2(long n, double *L, long stride, double *work) {
    if (n <= 1) return;
    double *x = work;
    memcpy(x, L + 1, (size_t)(n - 1) * sizeof *x);
    for (long j = 0; j < n - 1; j++) {
        const double *old = L + (j + 1) * stride + 1;   // old[i] = L[i + 1][j + 1]
        double *rotated = L + j * stride;                // rotated[i] = L′[i][j]
        double c, s;
        rotated[j] = loonsim_givens(old[j], x[j], &c, &s);
        __m256d cv = _mm256_set1_pd(c), sv = _mm256_set1_pd(s);
        long i = j + 1;
        for (; i + 4 <= n - 1; i += 4) {
            __m256d value = _mm256_loadu_pd(old + i), xi = _mm256_loadu_pd(x + i);
            _mm256_storeu_pd(rotated + i, _mm256_add_pd(_mm256_mul_pd(cv, value), _mm256_mul_pd(sv, xi)));
            _mm256_storeu_pd(x + i, _mm256_sub_pd(_mm256_mul_pd(cv, xi), _mm256_mul_pd(sv, value)));
        }
        loonsim_rotate_lanes(old, x, rotated, i, n - 1, c, s);
    }
}

#pragma clang attribute pop
#endif
