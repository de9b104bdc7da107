// Learning's Adam step (Adam.swift) in C: the operations of the header, in its order, so that the
// portable loop, the AVX-512 loop and the Swift loop it replaced give the same bits.
#include "AdamKernel.h"
#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

__attribute__((always_inline)) static inline void adam_element(const float *gradient, float *theta, float *m,
                                                              float *v, long i, float clipScale, float beta1,
                                                              float beta2, float stepSize,
                                                              float secondCorrectionRoot, float epsilon) {
    const float g = gradient[i] * clipScale;
    m[i] = beta1 * m[i] + (1.0f - beta1) * g;
    v[i] = beta2 * v[i] + (1.0f - beta2) * g * g;
    theta[i] -= stepSize * m[i] / (sqrtf(v[i]) / secondCorrectionRoot + epsilon);
}

static void adam_portable(const float *gradient, float *theta, float *m, float *v, long count, float clipScale,
                          float beta1, float beta2, float stepSize, float secondCorrectionRoot, float epsilon) {
    for (long i = 0; i < count; i++)
        adam_element(gradient, theta, m, v, i, clipScale, beta1, beta2, stepSize, secondCorrectionRoot, epsilon);
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void adam512(const float *gradient, float *theta, float *m, float *v,
                                                        long count, float clipScale, float beta1, float beta2,
                                                        float stepSize, float secondCorrectionRoot, float epsilon) {
    const __m512 scale = _mm512_set1_ps(clipScale), b1 = _mm512_set1_ps(beta1), b2 = _mm512_set1_ps(beta2);
    const __m512 c1 = _mm512_set1_ps(1.0f - beta1), c2 = _mm512_set1_ps(1.0f - beta2);
    const __m512 lr = _mm512_set1_ps(stepSize), root = _mm512_set1_ps(secondCorrectionRoot);
    const __m512 eps = _mm512_set1_ps(epsilon);
    for (long i = 0; i < count; i += 16) {
        const long left = count - i;
        const __mmask16 lanes = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        const __m512 g = _mm512_mul_ps(_mm512_maskz_loadu_ps(lanes, gradient + i), scale);
        const __m512 mi = _mm512_add_ps(_mm512_mul_ps(b1, _mm512_maskz_loadu_ps(lanes, m + i)), _mm512_mul_ps(c1, g));
        const __m512 vi = _mm512_add_ps(_mm512_mul_ps(b2, _mm512_maskz_loadu_ps(lanes, v + i)),
                                        _mm512_mul_ps(_mm512_mul_ps(c2, g), g));
        const __m512 denominator = _mm512_add_ps(_mm512_div_ps(_mm512_sqrt_ps(vi), root), eps);
        const __m512 t = _mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, theta + i),
                                       _mm512_div_ps(_mm512_mul_ps(lr, mi), denominator));
        _mm512_mask_storeu_ps(m + i, lanes, mi);
        _mm512_mask_storeu_ps(v + i, lanes, vi);
        _mm512_mask_storeu_ps(theta + i, lanes, t);
    }
}
#endif

void loonsim_adam_step_on(loonsim_isa isa, const float *gradient, float *theta, float *m, float *v, long count,
                          float clipScale, float beta1, float beta2, float stepSize, float secondCorrectionRoot,
                          float epsilon) {
#if defined(__x86_64__)
    if (isa == LOONSIM_ISA_AVX512 && loonsim_isa_supported(isa)) {
        adam512(gradient, theta, m, v, count, clipScale, beta1, beta2, stepSize, secondCorrectionRoot, epsilon);
        return;
    }
#endif
    adam_portable(gradient, theta, m, v, count, clipScale, beta1, beta2, stepSize, secondCorrectionRoot, epsilon);
}

void loonsim_adam_step(const float *gradient, float *theta, float *m, float *v, long count, float clipScale,
                       float beta1, float beta2, float stepSize, float secondCorrectionRoot, float epsilon) {
    loonsim_adam_step_on(loonsim_best_isa(), gradient, theta, m, v, count, clipScale, beta1, beta2, stepSize,
                         secondCorrectionRoot, epsilon);
}
