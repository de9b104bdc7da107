// Learning's VectorMath reductions in C, for the kernels that must give their bits: four SIMD4
// partial sums a, b, c, e over blocks of 16 (each `+=` rounded on its own), combined lane-wise as
// (a + b) + (c + e), the four lanes then added in order to −0 (Swift's SIMD `sum()`), and the
// tail one element at a time. The 16 partial sums are one 16-lane array (lanes k, 4 + k, 8 + k,
// 12 + k are a, b, c, e), so a vectoriser widens them without reordering anything.
#ifndef LOONSIM_VECTOR_MATH_INTERNAL_H
#define LOONSIM_VECTOR_MATH_INTERNAL_H

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// The end of every reduction: (a + b) + (c + e) lane by lane, then the lanes in order from −0.
__attribute__((always_inline)) static inline float vector_math_lanes(const float partial[16]) {
    float total = -0.0f;
    for (int k = 0; k < 4; k++) total += (partial[k] + partial[4 + k]) + (partial[8 + k] + partial[12 + k]);
    return total;
}

/// VectorMath.sum.
__attribute__((always_inline)) static inline float vector_math_sum(const float *restrict x, long count) {
    float partial[16] = {0};
    long i = 0;
    for (; i + 16 <= count; i += 16)
        for (int k = 0; k < 16; k++) partial[k] += x[i + k];
    float total = vector_math_lanes(partial);
    for (; i < count; i++) total += x[i];
    return total;
}

/// VectorMath.dot.
__attribute__((always_inline)) static inline float vector_math_dot(const float *restrict x, const float *restrict y,
                                                                   long count) {
    float partial[16] = {0};
    long i = 0;
    for (; i + 16 <= count; i += 16)
        for (int k = 0; k < 16; k++) partial[k] += x[i + k] * y[i + k];
    float total = vector_math_lanes(partial);
    for (; i < count; i++) total += x[i] * y[i];
    return total;
}

#if defined(__x86_64__)
/// `vector_math_lanes` of 16 partial sums held in one AVX-512 register.
__attribute__((target("avx512f"), always_inline)) static inline float vector_math_lanes512(__m512 partial) {
    const __m128 t = _mm_add_ps(_mm_add_ps(_mm512_castps512_ps128(partial), _mm512_extractf32x4_ps(partial, 1)),
                                _mm_add_ps(_mm512_extractf32x4_ps(partial, 2), _mm512_extractf32x4_ps(partial, 3)));
    float lane[4];
    _mm_storeu_ps(lane, t);
    float total = -0.0f;
    for (int k = 0; k < 4; k++) total += lane[k];
    return total;
}
#endif

#endif
