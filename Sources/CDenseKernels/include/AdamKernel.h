#ifndef LOONSIM_ADAM_KERNEL_H
#define LOONSIM_ADAM_KERNEL_H

/// Learning's `Adam` step over one parameter tensor, element by element, the same bits on every CPU.
///
/// For each i, every operation rounded on its own in this order (this target is compiled with
/// -ffp-contract=off, and square root and division are correctly rounded on every path):
///   g = gradient[i] · clipScale
///   m[i] = β₁·m[i] + (1 − β₁)·g
///   v[i] = β₂·v[i] + ((1 − β₂)·g)·g
///   θ[i] = θ[i] − (stepSize·m[i]) / (√v[i] / secondCorrectionRoot + ε)
/// AVX-512 machines run 16 elements at a time.

#include "CWindKernels.h"  // loonsim_isa, loonsim_best_isa

#ifdef __cplusplus
extern "C" {
#endif

/// One Adam step over `count` elements; `theta`, `m` and `v` are updated in place.
void loonsim_adam_step(const float *gradient, float *theta, float *m, float *v, long count, float clipScale,
                       float beta1, float beta2, float stepSize, float secondCorrectionRoot, float epsilon);

/// The step on a chosen instruction set (for tests); one the CPU lacks falls back to the portable code.
void loonsim_adam_step_on(loonsim_isa isa, const float *gradient, float *theta, float *m, float *v, long count,
                          float clipScale, float beta1, float beta2, float stepSize, float secondCorrectionRoot,
                          float epsilon);

#ifdef __cplusplus
}
#endif

#endif
