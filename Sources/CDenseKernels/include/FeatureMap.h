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

#ifdef __cplusplus
}
#endif

#endif
