// Learning's LayerNorm, operation for operation (see include/LayerNormKernels.h). The loops are
// written once, always inlined into a portable and an AVX-512 entry point; the vectoriser widens
// them without reordering any sum (the partial sums are an explicit 16-lane array).
#include "LayerNormKernels.h"
#include "VectorMathInternal.h"

#include <math.h>

__attribute__((always_inline)) static inline void forward_rows(const float *restrict x, long rows, long width,
                                                               const float *restrict gamma, const float *restrict beta,
                                                               float epsilon, float *restrict normalized,
                                                               float *restrict inverseDeviations, float *restrict y) {
    for (long row = 0; row < rows; row++) {
        const float *restrict xRow = x + row * width;
        float *restrict xHat = normalized + row * width;
        float *restrict yRow = y + row * width;
        const float mean = vector_math_sum(xRow, width) / (float)width;
        for (long j = 0; j < width; j++) xHat[j] = xRow[j] - mean;
        const float variance = vector_math_dot(xHat, xHat, width) / (float)width;
        const float inverse = 1 / sqrtf(variance + epsilon);
        inverseDeviations[row] = inverse;
        for (long j = 0; j < width; j++) {
            xHat[j] *= inverse;
            yRow[j] = gamma[j] * xHat[j] + beta[j];
        }
    }
}

__attribute__((always_inline)) static inline void backward_rows(const float *restrict dy,
                                                                const float *restrict normalized,
                                                                const float *restrict inverseDeviations, long rows,
                                                                long width, const float *restrict gamma,
                                                                float *restrict gammaGradient,
                                                                float *restrict betaGradient, float *restrict dx,
                                                                float *restrict scaled) {
    for (long row = 0; row < rows; row++) {
        const float *restrict dyRow = dy + row * width;
        const float *restrict xHat = normalized + row * width;
        float *restrict dxRow = dx + row * width;
        for (long j = 0; j < width; j++) {
            scaled[j] = gamma[j] * dyRow[j];
            gammaGradient[j] += dyRow[j] * xHat[j];
            betaGradient[j] += dyRow[j];
        }
        const float meanGradient = vector_math_sum(scaled, width) / (float)width;
        const float meanProjected = vector_math_dot(scaled, xHat, width) / (float)width;
        const float inverse = inverseDeviations[row];
        for (long j = 0; j < width; j++) dxRow[j] = inverse * ((scaled[j] - meanGradient) - xHat[j] * meanProjected);
    }
}

static void forward_portable(const float *x, long rows, long width, const float *gamma, const float *beta,
                             float epsilon, float *normalized, float *inverseDeviations, float *y) {
    forward_rows(x, rows, width, gamma, beta, epsilon, normalized, inverseDeviations, y);
}

static void backward_portable(const float *dy, const float *normalized, const float *inverseDeviations, long rows,
                              long width, const float *gamma, float *gammaGradient, float *betaGradient, float *dx,
                              float *scratch) {
    backward_rows(dy, normalized, inverseDeviations, rows, width, gamma, gammaGradient, betaGradient, dx, scratch);
}

#if defined(__x86_64__)
// VectorMath's sum of a row of `blocks` × 16 values held in registers: the 16 partial sums start
// at +0 and take the blocks in order.
__attribute__((target("avx512f"), always_inline)) static inline float register_sum(const __m512 *v, int blocks) {
    __m512 partial = _mm512_setzero_ps();
    for (int b = 0; b < blocks; b++) partial = _mm512_add_ps(partial, v[b]);
    return vector_math_lanes512(partial);
}

// Rows of `blocks` × 16 kept in registers from load to store (the generic loops re-read x̂ through
// masked loads that cannot take the value from a pending store).
__attribute__((target("avx512f"), always_inline)) static inline void forward_blocks(
    const float *x, long rows, int blocks, const float *gamma, const float *beta, float epsilon, float *normalized,
    float *inverseDeviations, float *y) {
    const long width = 16L * blocks;
    __m512 g[4], bias[4];
    for (int b = 0; b < blocks; b++) {
        g[b] = _mm512_loadu_ps(gamma + 16 * b);
        bias[b] = _mm512_loadu_ps(beta + 16 * b);
    }
    for (long row = 0; row < rows; row++) {
        __m512 v[4], square[4];
        for (int b = 0; b < blocks; b++) v[b] = _mm512_loadu_ps(x + row * width + 16 * b);
        const __m512 mean = _mm512_set1_ps(register_sum(v, blocks) / (float)width);
        for (int b = 0; b < blocks; b++) {
            v[b] = _mm512_sub_ps(v[b], mean);
            square[b] = _mm512_mul_ps(v[b], v[b]);
        }
        const float variance = register_sum(square, blocks) / (float)width;
        const float inverse = 1 / sqrtf(variance + epsilon);
        inverseDeviations[row] = inverse;
        const __m512 scale = _mm512_set1_ps(inverse);
        for (int b = 0; b < blocks; b++) {
            const __m512 h = _mm512_mul_ps(v[b], scale);
            _mm512_storeu_ps(normalized + row * width + 16 * b, h);
            _mm512_storeu_ps(y + row * width + 16 * b, _mm512_add_ps(_mm512_mul_ps(g[b], h), bias[b]));
        }
    }
}

__attribute__((target("avx512f"), always_inline)) static inline void backward_blocks(
    const float *dy, const float *normalized, const float *inverseDeviations, long rows, int blocks,
    const float *gamma, float *gammaGradient, float *betaGradient, float *dx) {
    const long width = 16L * blocks;
    __m512 g[4], dGamma[4], dBeta[4];
    for (int b = 0; b < blocks; b++) {
        g[b] = _mm512_loadu_ps(gamma + 16 * b);
        dGamma[b] = _mm512_loadu_ps(gammaGradient + 16 * b);
        dBeta[b] = _mm512_loadu_ps(betaGradient + 16 * b);
    }
    for (long row = 0; row < rows; row++) {
        __m512 d[4], h[4], scaled[4], projected[4];
        for (int b = 0; b < blocks; b++) {
            d[b] = _mm512_loadu_ps(dy + row * width + 16 * b);
            h[b] = _mm512_loadu_ps(normalized + row * width + 16 * b);
            scaled[b] = _mm512_mul_ps(g[b], d[b]);
            dGamma[b] = _mm512_add_ps(dGamma[b], _mm512_mul_ps(d[b], h[b]));
            dBeta[b] = _mm512_add_ps(dBeta[b], d[b]);
            projected[b] = _mm512_mul_ps(scaled[b], h[b]);
        }
        const __m512 meanGradient = _mm512_set1_ps(register_sum(scaled, blocks) / (float)width);
        const __m512 meanProjected = _mm512_set1_ps(register_sum(projected, blocks) / (float)width);
        const __m512 inverse = _mm512_set1_ps(inverseDeviations[row]);
        for (int b = 0; b < blocks; b++) {
            const __m512 centred = _mm512_sub_ps(_mm512_sub_ps(scaled[b], meanGradient), _mm512_mul_ps(h[b], meanProjected));
            _mm512_storeu_ps(dx + row * width + 16 * b, _mm512_mul_ps(inverse, centred));
        }
    }
    for (int b = 0; b < blocks; b++) {
        _mm512_storeu_ps(gammaGradient + 16 * b, dGamma[b]);
        _mm512_storeu_ps(betaGradient + 16 * b, dBeta[b]);
    }
}

__attribute__((target("avx512f"))) static void forward512(const float *x, long rows, long width,
                                                                   const float *gamma, const float *beta,
                                                                   float epsilon, float *normalized,
                                                                   float *inverseDeviations, float *y) {
    switch (width) {
    case 16: forward_blocks(x, rows, 1, gamma, beta, epsilon, normalized, inverseDeviations, y); return;
    case 32: forward_blocks(x, rows, 2, gamma, beta, epsilon, normalized, inverseDeviations, y); return;
    case 48: forward_blocks(x, rows, 3, gamma, beta, epsilon, normalized, inverseDeviations, y); return;
    case 64: forward_blocks(x, rows, 4, gamma, beta, epsilon, normalized, inverseDeviations, y); return;
    default: forward_rows(x, rows, width, gamma, beta, epsilon, normalized, inverseDeviations, y);
    }
}

__attribute__((target("avx512f"))) static void backward512(const float *dy, const float *normalized,
                                                                    const float *inverseDeviations, long rows,
                                                                    long width, const float *gamma,
                                                                    float *gammaGradient, float *betaGradient,
                                                                    float *dx, float *scratch) {
    switch (width) {
    case 16: backward_blocks(dy, normalized, inverseDeviations, rows, 1, gamma, gammaGradient, betaGradient, dx); return;
    case 32: backward_blocks(dy, normalized, inverseDeviations, rows, 2, gamma, gammaGradient, betaGradient, dx); return;
    case 48: backward_blocks(dy, normalized, inverseDeviations, rows, 3, gamma, gammaGradient, betaGradient, dx); return;
    case 64: backward_blocks(dy, normalized, inverseDeviations, rows, 4, gamma, gammaGradient, betaGradient, dx); return;
    default: backward_rows(dy, normalized, inverseDeviations, rows, width, gamma, gammaGradient, betaGradient, dx, scratch);
    }
}
#endif

void loonsim_layer_norm_forward_on(loonsim_isa isa, const float *x, long rows, long width, const float *gamma,
                                   const float *beta, float epsilon, float *normalized, float *inverseDeviations,
                                   float *y) {
#if defined(__x86_64__)
    if (isa == LOONSIM_ISA_AVX512 && loonsim_isa_supported(isa)) {
        forward512(x, rows, width, gamma, beta, epsilon, normalized, inverseDeviations, y);
        return;
    }
#endif
    forward_portable(x, rows, width, gamma, beta, epsilon, normalized, inverseDeviations, y);
}

void loonsim_layer_norm_backward_on(loonsim_isa isa, const float *dy, const float *normalized,
                                    const float *inverseDeviations, long rows, long width, const float *gamma,
                                    float *gammaGradient, float *betaGradient, float *dx, float *scratch) {
#if defined(__x86_64__)
    if (isa == LOONSIM_ISA_AVX512 && loonsim_isa_supported(isa)) {
        backward512(dy, normalized, inverseDeviations, rows, width, gamma, gammaGradient, betaGradient, dx, scratch);
        return;
    }
#endif
    backward_portable(dy, normalized, inverseDeviations, rows, width, gamma, gammaGradient, betaGradient, dx, scratch);
}

void loonsim_layer_norm_forward(const float *x, long rows, long width, const float *gamma, const float *beta,
                                float epsilon, float *normalized, float *inverseDeviations, float *y) {
    loonsim_layer_norm_forward_on(loonsim_best_isa(), x, rows, width, gamma, beta, epsilon, normalized,
                                  inverseDeviations, y);
}

void loonsim_layer_norm_backward(const float *dy, const float *normalized, const float *inverseDeviations,
                                 long rows, long width, const float *gamma, float *gammaGradient,
                                 float *betaGradient, float *dx, float *scratch) {
    loonsim_layer_norm_backward_on(loonsim_best_isa(), dy, normalized, inverseDeviations, rows, width, gamma,
                                   gammaGradient, betaGradient, dx, scratch);
}
