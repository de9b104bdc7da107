// The kernels with AVX-512 F: eight doubles a vector, masks for the tails.
#include "WindKernelsInternal.h"

#if LOONSIM_X86_64
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx2,fma"))), apply_to = function)

#define ALWAYS_INLINE static inline __attribute__((always_inline))

/// loonsim_exp_in_range on eight lanes, each operation rounded as there.
ALWAYS_INLINE __m512d exp_in_range(__m512d x) {
    const __m512d shift = _mm512_set1_pd(LOONSIM_EXP_ROUNDING_SHIFT);
    __m512d shifted = _mm512_add_pd(_mm512_mul_pd(x, _mm512_set1_pd(LOONSIM_EXP_INVERSE_LN2_N)), shift);
    __m512i k = _mm512_castpd_si512(shifted);
    __m512d kd = _mm512_sub_pd(shifted, shift);
    __m512d r = _mm512_sub_pd(_mm512_sub_pd(x, _mm512_mul_pd(kd, _mm512_set1_pd(LOONSIM_EXP_LN2_HIGH_N))),
                              _mm512_mul_pd(kd, _mm512_set1_pd(LOONSIM_EXP_LN2_LOW_N)));
    // The table's pairs (tail, bits) of the eight lanes, by 16-byte loads (on AMD's Zen 4 three times
    // as fast as two gathers): lanes 0, 2, 4, 6 in `even`, 1, 3, 5, 7 in `odd`.
    uint64_t j[8];
    _mm512_storeu_si512(j, _mm512_and_si512(k, _mm512_set1_epi64(127)));
    const __m128i *pairs = (const __m128i *)loonsim_exp_table;
    __m512i even = _mm512_castsi128_si512(_mm_loadu_si128(pairs + j[0]));
    even = _mm512_inserti32x4(even, _mm_loadu_si128(pairs + j[2]), 1);
    even = _mm512_inserti32x4(even, _mm_loadu_si128(pairs + j[4]), 2);
    even = _mm512_inserti32x4(even, _mm_loadu_si128(pairs + j[6]), 3);
    __m512i odd = _mm512_castsi128_si512(_mm_loadu_si128(pairs + j[1]));
    odd = _mm512_inserti32x4(odd, _mm_loadu_si128(pairs + j[3]), 1);
    odd = _mm512_inserti32x4(odd, _mm_loadu_si128(pairs + j[5]), 2);
    odd = _mm512_inserti32x4(odd, _mm_loadu_si128(pairs + j[7]), 3);
    __m512d tail = _mm512_castsi512_pd(_mm512_unpacklo_epi64(even, odd));
    __m512i bits = _mm512_unpackhi_epi64(even, odd);
    __m512d scale = _mm512_castsi512_pd(_mm512_add_epi64(bits, _mm512_slli_epi64(k, 45)));
    __m512d r2 = _mm512_mul_pd(r, r);
    __m512d c2 = _mm512_add_pd(_mm512_set1_pd(0.5), _mm512_mul_pd(r, _mm512_set1_pd(1.0 / 6)));
    __m512d c4 = _mm512_add_pd(_mm512_set1_pd(1.0 / 24), _mm512_mul_pd(r, _mm512_set1_pd(1.0 / 120)));
    __m512d polynomial = _mm512_add_pd(tail, r);
    polynomial = _mm512_add_pd(polynomial, _mm512_mul_pd(r2, c2));
    polynomial = _mm512_add_pd(polynomial, _mm512_mul_pd(_mm512_mul_pd(r2, r2), c4));
    return _mm512_add_pd(scale, _mm512_mul_pd(scale, polynomial));
}

/// VectorExp.exp on two groups of four: a group with an `active` lane outside (−700, 700) or NaN
/// goes to libm whole.
ALWAYS_INLINE __m512d exp_groups(__m512d x, __mmask8 active) {
    __mmask8 inside = _mm512_cmp_pd_mask(x, _mm512_set1_pd(-LOONSIM_EXP_LIMIT), _CMP_GT_OQ)
                    & _mm512_cmp_pd_mask(x, _mm512_set1_pd(LOONSIM_EXP_LIMIT), _CMP_LT_OQ);
    __m512d y = exp_in_range(x);
    __mmask8 outside = (__mmask8)(~inside & active);
    if (__builtin_expect(outside != 0, 0)) {
        double lanes[8], values[8];
        _mm512_storeu_pd(lanes, x);
        _mm512_storeu_pd(values, y);
        for (int group = 0; group < 2; group++) {
            if (((outside >> (4 * group)) & 0xF) == 0) continue;
            for (int lane = 4 * group; lane < 4 * group + 4; lane++) values[lane] = exp(lanes[lane]);
        }
        y = _mm512_loadu_pd(values);
    }
    return y;
}

ALWAYS_INLINE __m512d negate(__m512d x) {
    return _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(x), _mm512_set1_epi64((long long)(1ULL << 63))));
}

void loonsim_exp_groups_avx512(const double *x, double *y, long count) {
    long k = 0;
    for (; k + 8 <= count; k += 8) _mm512_storeu_pd(y + k, exp_groups(_mm512_loadu_pd(x + k), 0xFF));
    if (k < count) {
        __mmask8 active = (__mmask8)((1u << (count - k)) - 1);
        _mm512_mask_storeu_pd(y + k, active, exp_groups(_mm512_maskz_loadu_pd(active, x + k), active));
    }
}

void loonsim_gp_kernel_matrix_avx512(long rows, long columns, double queryX, double queryY, double queryT,
                                     const double *x, const double *y, const double *p, const double *t,
                                     const double *levels, double *out, long outStride) {
    long tail = columns % 8;
    __mmask8 tailMask = (__mmask8)((1u << tail) - 1);
    for (long i = 0; i < rows; i++) {
        double dx = queryX - x[i], dy = queryY - y[i], dt = queryT - t[i];
        __m512d horizontal = _mm512_set1_pd(dx * dx + dy * dy), time = _mm512_set1_pd(dt * dt);
        __m512d pressure = _mm512_set1_pd(p[i]);
        double *row = out + i * outStride;
        long k = 0;
        for (; k + 8 <= columns; k += 8) {
            __m512d dp = _mm512_sub_pd(_mm512_loadu_pd(levels + k), pressure);
            __m512d squared = _mm512_add_pd(_mm512_add_pd(horizontal, _mm512_mul_pd(dp, dp)), time);
            _mm512_storeu_pd(row + k, exp_groups(negate(_mm512_sqrt_pd(squared)), 0xFF));
        }
        if (tail) {
            __m512d dp = _mm512_sub_pd(_mm512_maskz_loadu_pd(tailMask, levels + k), pressure);
            __m512d squared = _mm512_add_pd(_mm512_add_pd(horizontal, _mm512_mul_pd(dp, dp)), time);
            _mm512_mask_storeu_pd(row + k, tailMask, exp_groups(negate(_mm512_sqrt_pd(squared)), tailMask));
        }
    }
}

/// One block of `rows` ≤ 8 rows (from i0) of a panel of `vectors` (1 or 2) vectors of columns from
/// `B` (already offset to the panel), masks `m0`, `m1`: the update by the rows above, the solve
/// within the block, and, for a kernel panel, the sums of squares and the means' products.
ALWAYS_INLINE void solve_block(long i0, const long rows, const int vectors, const int kernel,
                               const double *L, long stride, double *B, long M, __mmask8 m0, __mmask8 m1,
                               const double *zU, const double *zV, __m512d *squares, __m512d *meanU, __m512d *meanV) {
    __m512d a0[8], a1[8];
    if (i0 > 0) {
        // B_I − L_{I,<I}·V_{<I}: one chain of fused multiply-adds per element, from 0, j increasing.
        for (long r = 0; r < rows; r++) {
            a0[r] = _mm512_setzero_pd();
            if (vectors == 2) a1[r] = _mm512_setzero_pd();
        }
        for (long j = 0; j < i0; j++) {
            const double *column = L + j * stride + i0;
            __m512d w0 = _mm512_maskz_loadu_pd(m0, B + j * M);
            __m512d w1 = vectors == 2 ? _mm512_maskz_loadu_pd(m1, B + j * M + 8) : w0;
            for (long r = 0; r < rows; r++) {
                __m512d l = _mm512_set1_pd(column[r]);
                a0[r] = _mm512_fmadd_pd(l, w0, a0[r]);
                if (vectors == 2) a1[r] = _mm512_fmadd_pd(l, w1, a1[r]);
            }
        }
        for (long r = 0; r < rows; r++) {
            a0[r] = _mm512_sub_pd(_mm512_maskz_loadu_pd(m0, B + (i0 + r) * M), a0[r]);
            if (vectors == 2) a1[r] = _mm512_sub_pd(_mm512_maskz_loadu_pd(m1, B + (i0 + r) * M + 8), a1[r]);
        }
    } else {
        for (long r = 0; r < rows; r++) {
            a0[r] = _mm512_maskz_loadu_pd(m0, B + (i0 + r) * M);
            if (vectors == 2) a1[r] = _mm512_maskz_loadu_pd(m1, B + (i0 + r) * M + 8);
        }
    }
    // The triangle: separate multiplies and subtractions, then the scaling by 1/L_ii.
    __m512d blockSquares0 = _mm512_setzero_pd(), blockSquares1 = _mm512_setzero_pd();
    for (long r = 0; r < rows; r++) {
        for (long j = 0; j < r; j++) {
            __m512d l = _mm512_set1_pd(L[(i0 + j) * stride + i0 + r]);
            a0[r] = _mm512_sub_pd(a0[r], _mm512_mul_pd(l, a0[j]));
            if (vectors == 2) a1[r] = _mm512_sub_pd(a1[r], _mm512_mul_pd(l, a1[j]));
        }
        __m512d inverse = _mm512_set1_pd(1 / L[(i0 + r) * stride + i0 + r]);
        a0[r] = _mm512_mul_pd(a0[r], inverse);
        _mm512_mask_storeu_pd(B + (i0 + r) * M, m0, a0[r]);
        if (vectors == 2) {
            a1[r] = _mm512_mul_pd(a1[r], inverse);
            _mm512_mask_storeu_pd(B + (i0 + r) * M + 8, m1, a1[r]);
        }
        if (!kernel) continue;
        if (rows == 8) {
            squares[0] = _mm512_add_pd(squares[0], _mm512_mul_pd(a0[r], a0[r]));
            if (vectors == 2) squares[1] = _mm512_add_pd(squares[1], _mm512_mul_pd(a1[r], a1[r]));
        } else {
            blockSquares0 = _mm512_add_pd(blockSquares0, _mm512_mul_pd(a0[r], a0[r]));
            if (vectors == 2) blockSquares1 = _mm512_add_pd(blockSquares1, _mm512_mul_pd(a1[r], a1[r]));
        }
        __m512d u = _mm512_set1_pd(zU[(i0 + r) * M]), v = _mm512_set1_pd(zV[(i0 + r) * M]);
        meanU[0] = _mm512_fmadd_pd(a0[r], u, meanU[0]);
        meanV[0] = _mm512_fmadd_pd(a0[r], v, meanV[0]);
        if (vectors == 2) {
            meanU[1] = _mm512_fmadd_pd(a1[r], u, meanU[1]);
            meanV[1] = _mm512_fmadd_pd(a1[r], v, meanV[1]);
        }
    }
    if (kernel && rows < 8) {
        squares[0] = _mm512_add_pd(squares[0], blockSquares0);
        if (vectors == 2) squares[1] = _mm512_add_pd(squares[1], blockSquares1);
    }
}

/// A panel of up to 16 columns from `c0` over all n rows.
ALWAYS_INLINE void solve_panel(long n, const int vectors, const int kernel, const double *L, long stride,
                               double *B, long M, long c0, __mmask8 m0, __mmask8 m1, const double *zU,
                               const double *zV, double *explained, double *meanU, double *meanV) {
    __m512d squares[2] = {_mm512_setzero_pd(), _mm512_setzero_pd()};
    __m512d u[2] = {_mm512_setzero_pd(), _mm512_setzero_pd()}, v[2] = {_mm512_setzero_pd(), _mm512_setzero_pd()};
    long i0 = 0;
    for (; i0 + 8 <= n; i0 += 8) {
        solve_block(i0, 8, vectors, kernel, L, stride, B + c0, M, m0, m1, zU, zV, squares, u, v);
    }
    if (i0 < n) solve_block(i0, n - i0, vectors, kernel, L, stride, B + c0, M, m0, m1, zU, zV, squares, u, v);
    if (!kernel) return;
    _mm512_mask_storeu_pd(explained + c0, m0, squares[0]);
    _mm512_mask_storeu_pd(meanU + c0, m0, u[0]);
    _mm512_mask_storeu_pd(meanV + c0, m0, v[0]);
    if (vectors == 2) {
        _mm512_mask_storeu_pd(explained + c0 + 8, m1, squares[1]);
        _mm512_mask_storeu_pd(meanU + c0 + 8, m1, u[1]);
        _mm512_mask_storeu_pd(meanV + c0 + 8, m1, v[1]);
    }
}

void loonsim_gp_solve_avx512(long n, const double *L, long stride, double *B, long columnStride, long errorColumn,
                             double *explained, double *meanU, double *meanV) {
    long M = columnStride;
    // z = L⁻¹e first (the means need all of it), then the kernel columns 16 at a time.
    solve_panel(n, 1, 0, L, stride, B, M, errorColumn, 0x3, 0, 0, 0, 0, 0, 0);
    const double *zU = B + errorColumn, *zV = B + errorColumn + 1;
    long c0 = 0;
    for (; c0 + 16 <= errorColumn; c0 += 16) {
        solve_panel(n, 2, 1, L, stride, B, M, c0, 0xFF, 0xFF, zU, zV, explained, meanU, meanV);
    }
    long tail = errorColumn - c0;
    if (tail > 8) {
        solve_panel(n, 2, 1, L, stride, B, M, c0, 0xFF, (__mmask8)((1u << (tail - 8)) - 1), zU, zV,
                    explained, meanU, meanV);
    } else if (tail > 0) {
        solve_panel(n, 1, 1, L, stride, B, M, c0, (__mmask8)((1u << tail) - 1), 0, zU, zV, explained, meanU, meanV);
    }
}

double loonsim_cholesky_forward_avx512(long n, const double *L, long stride, double *l) {
    double square = 0;
    for (long j = 0; j < n; j++) {
        const double *column = L + j * stride;
        double lj = l[j] / column[j];
        l[j] = lj;
        square += lj * lj;
        __m512d factor = _mm512_set1_pd(lj);
        long i = j + 1;
        for (; i + 8 <= n; i += 8) {
            _mm512_storeu_pd(l + i, _mm512_sub_pd(_mm512_loadu_pd(l + i), _mm512_mul_pd(_mm512_loadu_pd(column + i), factor)));
        }
        if (i < n) {
            __mmask8 tail = (__mmask8)((1u << (n - i)) - 1);
            __m512d updated = _mm512_sub_pd(_mm512_maskz_loadu_pd(tail, l + i),
                                            _mm512_mul_pd(_mm512_maskz_loadu_pd(tail, column + i), factor));
            _mm512_mask_storeu_pd(l + i, tail, updated);
        }
    }
    return square;
}

void loonsim_cholesky_drop_first_avx512(long n, double *L, long stride, double *work) {
    if (n <= 1) return;
    double *x = work;
    memcpy(x, L + 1, (size_t)(n - 1) * sizeof *x);
    for (long j = 0; j < n - 1; j++) {
        const double *old = L + (j + 1) * stride + 1;   // old[i] = L[i + 1][j + 1]
        double *rotated = L + j * stride;                // rotated[i] = L′[i][j]
        double c, s;
        rotated[j] = loonsim_givens(old[j], x[j], &c, &s);
        __m512d cv = _mm512_set1_pd(c), sv = _mm512_set1_pd(s);
        long i = j + 1;
        for (; i + 8 <= n - 1; i += 8) {
            __m512d value = _mm512_loadu_pd(old + i), xi = _mm512_loadu_pd(x + i);
            _mm512_storeu_pd(rotated + i, _mm512_add_pd(_mm512_mul_pd(cv, value), _mm512_mul_pd(sv, xi)));
            _mm512_storeu_pd(x + i, _mm512_sub_pd(_mm512_mul_pd(cv, xi), _mm512_mul_pd(sv, value)));
        }
        if (i < n - 1) {
            __mmask8 tail = (__mmask8)((1u << (n - 1 - i)) - 1);
            __m512d value = _mm512_maskz_loadu_pd(tail, old + i), xi = _mm512_maskz_loadu_pd(tail, x + i);
            _mm512_mask_storeu_pd(rotated + i, tail, _mm512_add_pd(_mm512_mul_pd(cv, value), _mm512_mul_pd(sv, xi)));
            _mm512_mask_storeu_pd(x + i, tail, _mm512_sub_pd(_mm512_mul_pd(cv, xi), _mm512_mul_pd(sv, value)));
        }
    }
}

#pragma clang attribute pop
#endif
