#ifndef LOONSIM_FEATURE_MAP_H
#define LOONSIM_FEATURE_MAP_H

/// FAVOR+'s positive random features from their exponents, in float32, the same bits on every CPU.
///
/// For each of `rows` rows (row i at `z + i·stride`, `m` values) and the row's maximum
/// `c = maxima[i·maximaStride]` (a stride of 0 gives every row one maximum):
/// `z[j] ← (fastExp(z[j] − c) + stabilizer)·inverseSqrtM`, each operation rounded to float32, where
/// fastExp is Learning's `fastExp` (Cephes' expf scheme: the argument clamped to
/// [−87.33654, 88.37626], n = (x·log₂e + 1.5·2²³) − 1.5·2²³, r = (x − n·0.693359375) − n·(−2.1219444e−4),
/// a degree-6 polynomial by Horner's rule, then ·2ⁿ built from its bits), with separate multiplies
/// and additions: no fused multiply-add anywhere (this target is compiled with -ffp-contract=off).
/// AVX-512 machines run 16 lanes at a time; others the same arithmetic in plain C.

#include "CWindKernels.h"  // loonsim_isa, loonsim_best_isa

#ifdef __cplusplus
extern "C" {
#endif

/// The feature map above on the fastest instruction set.
void loonsim_favor_features(float *z, long rows, long stride, long m, const float *maxima, long maximaStride,
                            float stabilizer, float inverseSqrtM);

/// The same on a chosen instruction set (for tests); one the CPU lacks falls back to the portable code.
void loonsim_favor_features_on(loonsim_isa isa, float *z, long rows, long stride, long m, const float *maxima,
                               long maximaStride, float stabilizer, float inverseSqrtM);

/// FAVOR+'s exponents u = z − s²‖x‖²/2 in place, and each row's largest u with its first index.
///
/// Row i's projections are `z + i·stride` (`m` values) and its input `x + i·inputStride` (`d`
/// values); `halfScaleSquared` is s²/2. ‖x‖² is summed as Learning's `VectorMath.dot`: four
/// 4-lane partial sums over blocks of 16, combined as (a + b) + (c + d), their lanes added in
/// order to −0, then the tail one by one; then `z[j] ← z[j] − halfScaleSquared·‖x‖²`. The
/// maximum of each row (NaN skipped, as Learning's `VectorMath.maximum` does) goes to `rowMaxima[i]`
/// and the first index that holds it to `rowArgmax[i]` (0 when no entry equals it: a row of NaN). AVX-512 machines run 16 lanes at a time: the same bits on every CPU.
void loonsim_favor_exponents(float *z, long rows, long stride, long m, const float *x, long inputStride, long d,
                             float halfScaleSquared, float *rowMaxima, long *rowArgmax);

/// The exponents above on a chosen instruction set (for tests).
void loonsim_favor_exponents_on(loonsim_isa isa, float *z, long rows, long stride, long m, const float *x,
                                long inputStride, long d, float halfScaleSquared, float *rowMaxima, long *rowArgmax);

/// `sums[j] = Σ_i z[i·stride + j]` for j < m, the rows added in order to +0.
void loonsim_column_sums(const float *z, long rows, long stride, long m, float *sums);

/// FAVOR+'s normalisation: for each row, D = φ(q)·(φ(K)ᵀ1) (summed as `VectorMath.dot`), stored
/// in `denominators[i·denominatorStride]`, then the row's d outputs times 1/D (times 0 when D ≤ 0).
void loonsim_favor_normalize(const float *phi, long rows, long phiStride, long m, const float *keyFeatureSums,
                             float *out, long outStride, long d, float *denominators, long denominatorStride);

#ifdef __cplusplus
}
#endif

#endif
