#ifndef LOONSIM_DENSE_KERNELS_H
#define LOONSIM_DENSE_KERNELS_H

/// A dense layer in float32 whose every output is summed in one fixed order, so that a row's
/// result does not depend on how many rows are computed with it, nor on the CPU.
///
/// `y[r·ldy + o] = act(bias[o] + s)` with `s` the chain `s ← fma(x[r·ldx + k], w[k·outputs + o], s)`
/// for k = 0, 1, …, inputs − 1 from `s = 0` (one rounding per step, as a fused multiply-add
/// computes it), `act` the identity or ReLU (`v > 0 ? v : +0`, so NaN and −0 become +0), `bias`
/// optional (NULL: none). `w` is `[inputs, outputs]` row-major (TensorFlow's layout); `y` must not
/// overlap `x`, `w` or `bias`. AVX-512 and AVX2 + FMA machines
/// run vector code chosen at run time; others an exact `fmaf` loop. All give the same bits.

#include "CWindKernels.h"  // loonsim_isa, loonsim_best_isa: one choice of instruction set for all kernels

#ifdef __cplusplus
extern "C" {
#endif

/// `rows` rows of the layer (see above) on the fastest instruction set (`loonsim_best_isa`).
void loonsim_dense_forward(int rows, int inputs, int outputs, const float *x, int ldx, const float *w,
                           const float *bias, float *y, int ldy, int relu);

/// The same on a chosen instruction set (for tests); one the CPU lacks falls back to the portable code.
void loonsim_dense_forward_on(loonsim_isa isa, int rows, int inputs, int outputs, const float *x, int ldx,
                              const float *w, const float *bias, float *y, int ldy, int relu);

#ifdef __cplusplus
}
#endif

#endif
