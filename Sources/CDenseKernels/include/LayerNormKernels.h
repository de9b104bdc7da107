#ifndef LOONSIM_LAYER_NORM_KERNELS_H
#define LOONSIM_LAYER_NORM_KERNELS_H

/// Learning's `LayerNorm` in float32, the same bits on every CPU.
///
/// Sums and dot products are Learning's `VectorMath` (four 4-lane partial sums over blocks of 16,
/// combined as (a + b) + (c + e), their lanes added in order to −0, then the tail one by one);
/// every other operation is rounded on its own (this target is compiled with -ffp-contract=off).
/// AVX-512 machines run the same loops 16 lanes wide.

#include "CWindKernels.h"  // loonsim_isa, loonsim_best_isa

#ifdef __cplusplus
extern "C" {
#endif

/// Forward over `rows` rows of `width`: μ = Σx/width, x̂ = x − μ, σ² = x̂·x̂/width,
/// 1/σ = 1/√(σ² + ε), x̂ ← x̂·(1/σ), y = γ·x̂ + β; keeps x̂ in `normalized` and 1/σ per row.
void loonsim_layer_norm_forward(const float *x, long rows, long width, const float *gamma, const float *beta,
                                float epsilon, float *normalized, float *inverseDeviations, float *y);

/// Backward: with g = γ·dy per row, adds dy·x̂ to `gammaGradient` and dy to `betaGradient` (rows
/// in order), and writes dx = (1/σ)·((g − mean(g)) − x̂·mean(g·x̂)). `scratch` holds `width` floats.
void loonsim_layer_norm_backward(const float *dy, const float *normalized, const float *inverseDeviations,
                                 long rows, long width, const float *gamma, float *gammaGradient,
                                 float *betaGradient, float *dx, float *scratch);

/// The forward on a chosen instruction set (for tests); one the CPU lacks falls back to the portable code.
void loonsim_layer_norm_forward_on(loonsim_isa isa, const float *x, long rows, long width, const float *gamma,
                                   const float *beta, float epsilon, float *normalized, float *inverseDeviations,
                                   float *y);

/// The backward on a chosen instruction set (for tests).
void loonsim_layer_norm_backward_on(loonsim_isa isa, const float *dy, const float *normalized,
                                    const float *inverseDeviations, long rows, long width, const float *gamma,
                                    float *gammaGradient, float *betaGradient, float *dx, float *scratch);

#ifdef __cplusplus
}
#endif

#endif
