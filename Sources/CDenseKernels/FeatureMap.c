// FAVOR+'s feature map φ = (exp(u − c) + ε)/√m in float32 (see include/FeatureMap.h).
//
// The exponential is Learning's `fastExp` operation for operation; the vector code spells out
// each rounding, and the target is compiled with -ffp-contract=off so that the plain C cannot be
// contracted into fused multiply-adds either. Clamping follows Swift's `min(max(x, lo), hi)`: a
// NaN argument stays NaN.
#include "FeatureMap.h"
#include "VectorMathInternal.h"

#include <stdint.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

static const float lowest = -87.33654f, highest = 88.37626f, roundingShift = 12582912.0f, log2e = 1.44269504f,
                   ln2High = 0.693359375f, ln2Low = -2.1219444e-4f;
static const float p0 = 1.98756915e-4f, p1 = 1.3981999507e-3f, p2 = 8.3334519073e-3f, p3 = 4.1665795894e-2f,
                   p4 = 1.6666665459e-1f, p5 = 5.0000001201e-1f;

static inline float fast_exp(float x) {
    // Swift's max(x, lo) is `lo >= x ? lo : x` and min(y, hi) is `hi < y ? hi : y`.
    float clamped = lowest >= x ? lowest : x;
    clamped = highest < clamped ? highest : clamped;
    const float n = (clamped * log2e + roundingShift) - roundingShift;
    const float r = (clamped - n * ln2High) - n * ln2Low;
    const float r2 = r * r;
    float p = p0;
    p = p * r + p1;
    p = p * r + p2;
    p = p * r + p3;
    p = p * r + p4;
    p = p * r + p5;
    const float er = p * r2 + r + 1;
    const uint32_t bits = (uint32_t)((int32_t)n + 127) << 23;
    float twoToN;
    memcpy(&twoToN, &bits, sizeof twoToN);
    return er * twoToN;
}

static void features_portable(float *z, long rows, long stride, long m, const float *maxima, long maximaStride,
                              float stabilizer, float inverseSqrtM) {
    for (long i = 0; i < rows; i++) {
        float *row = z + i * stride;
        const float c = maxima[i * maximaStride];
        for (long j = 0; j < m; j++) row[j] = (fast_exp(row[j] - c) + stabilizer) * inverseSqrtM;
    }
}

#if defined(__x86_64__)

__attribute__((target("avx512f"), always_inline)) static inline __m512 fast_exp512(__m512 x) {
    // vmaxps/vminps return their second operand when either is NaN: x second keeps a NaN.
    __m512 clamped = _mm512_max_ps(_mm512_set1_ps(lowest), x);
    clamped = _mm512_min_ps(_mm512_set1_ps(highest), clamped);
    const __m512 shift = _mm512_set1_ps(roundingShift);
    const __m512 n = _mm512_sub_ps(_mm512_add_ps(_mm512_mul_ps(clamped, _mm512_set1_ps(log2e)), shift), shift);
    const __m512 r = _mm512_sub_ps(_mm512_sub_ps(clamped, _mm512_mul_ps(n, _mm512_set1_ps(ln2High))),
                                   _mm512_mul_ps(n, _mm512_set1_ps(ln2Low)));
    const __m512 r2 = _mm512_mul_ps(r, r);
    __m512 p = _mm512_set1_ps(p0);
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(p1));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(p2));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(p3));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(p4));
    p = _mm512_add_ps(_mm512_mul_ps(p, r), _mm512_set1_ps(p5));
    const __m512 er = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(p, r2), r), _mm512_set1_ps(1));
    const __m512i bits = _mm512_slli_epi32(_mm512_add_epi32(_mm512_cvttps_epi32(n), _mm512_set1_epi32(127)), 23);
    return _mm512_mul_ps(er, _mm512_castsi512_ps(bits));
}

__attribute__((target("avx512f"))) static void features512(float *z, long rows, long stride, long m,
                                                            const float *maxima, long maximaStride, float stabilizer,
                                                            float inverseSqrtM) {
    const __m512 epsilon = _mm512_set1_ps(stabilizer), scale = _mm512_set1_ps(inverseSqrtM);
    for (long i = 0; i < rows; i++) {
        float *row = z + i * stride;
        const __m512 c = _mm512_set1_ps(maxima[i * maximaStride]);
        for (long j = 0; j < m; j += 16) {
            const __mmask16 lanes = m - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (m - j)) - 1);
            const __m512 u = _mm512_sub_ps(_mm512_maskz_loadu_ps(lanes, row + j), c);
            _mm512_mask_storeu_ps(row + j, lanes, _mm512_mul_ps(_mm512_add_ps(fast_exp512(u), epsilon), scale));
        }
    }
}

#endif  // __x86_64__

void loonsim_favor_features_on(loonsim_isa isa, float *z, long rows, long stride, long m, const float *maxima,
                               long maximaStride, float stabilizer, float inverseSqrtM) {
    if (rows <= 0 || m <= 0) return;
#if defined(__x86_64__)
    if (isa == LOONSIM_ISA_AVX512 && loonsim_isa_supported(isa)) {
        features512(z, rows, stride, m, maxima, maximaStride, stabilizer, inverseSqrtM);
        return;
    }
#endif
    features_portable(z, rows, stride, m, maxima, maximaStride, stabilizer, inverseSqrtM);
}

void loonsim_favor_features(float *z, long rows, long stride, long m, const float *maxima, long maximaStride,
                            float stabilizer, float inverseSqrtM) {
    loonsim_favor_features_on(loonsim_best_isa(), z, rows, stride, m, maxima, maximaStride, stabilizer, inverseSqrtM);
}

static void exponents_portable(float *z, long rows, long stride, long m, const float *x, long inputStride, long d,
                               float halfScaleSquared, float *rowMaxima, long *rowArgmax) {
    for (long i = 0; i < rows; i++) {
        float *row = z + i * stride;
        const float *input = x + i * inputStride;
        const float shift = halfScaleSquared * vector_math_dot(input, input, d);
        for (long j = 0; j < m; j++) row[j] -= shift;
        float best = -__builtin_inff();
        for (long j = 0; j < m; j++)
            if (row[j] > best) best = row[j];  // NaN never compares greater: it is skipped
        long at = 0;
        for (long j = 0; j < m; j++)
            if (row[j] == best) { at = j; break; }
        rowMaxima[i] = best;
        rowArgmax[i] = at;
    }
}

#if defined(__x86_64__)

// The same arithmetic, 16 lanes at a time: the dot's 16 partial sums are one register (lanes k,
// 4 + k, 8 + k, 12 + k are VectorMath's a, b, c, e), combined as (a + b) + (c + e); the maximum
// skips NaN, and its first index is the lowest lane equal to it, as in the portable code.
__attribute__((target("avx512f"))) static void exponents512(float *z, long rows, long stride, long m, const float *x,
                                                             long inputStride, long d, float halfScaleSquared,
                                                             float *rowMaxima, long *rowArgmax) {
    const __m512 negativeInfinity = _mm512_set1_ps(-__builtin_inff());
    for (long i = 0; i < rows; i++) {
        float *row = z + i * stride;
        const float *input = x + i * inputStride;
        __m512 partial = _mm512_setzero_ps();
        long k = 0;
        for (; k + 16 <= d; k += 16) {
            const __m512 v = _mm512_loadu_ps(input + k);
            partial = _mm512_add_ps(partial, _mm512_mul_ps(v, v));
        }
        float total = vector_math_lanes512(partial);
        for (; k < d; k++) total += input[k] * input[k];
        const __m512 shift = _mm512_set1_ps(halfScaleSquared * total);

        __m512 best = negativeInfinity;
        for (long j = 0; j < m; j += 16) {
            const __mmask16 live = m - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (m - j)) - 1);
            const __m512 u = _mm512_sub_ps(_mm512_maskz_loadu_ps(live, row + j), shift);
            _mm512_mask_storeu_ps(row + j, live, u);
            // vmaxps returns its second operand when either is NaN: with `best` second, a NaN is skipped.
            best = _mm512_max_ps(_mm512_mask_blend_ps(live, negativeInfinity, u), best);
        }
        const float maximum = _mm512_reduce_max_ps(best);
        long at = 0;
        const __m512 target = _mm512_set1_ps(maximum);
        for (long j = 0; j < m; j += 16) {
            const __mmask16 live = m - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (m - j)) - 1);
            const __mmask16 equal = _mm512_mask_cmp_ps_mask(live, _mm512_maskz_loadu_ps(live, row + j), target, _CMP_EQ_OQ);
            if (equal) { at = j + __builtin_ctz(equal); break; }
        }
        rowMaxima[i] = maximum;
        rowArgmax[i] = at;
    }
}

#endif  // __x86_64__

void loonsim_favor_exponents_on(loonsim_isa isa, float *z, long rows, long stride, long m, const float *x,
                                long inputStride, long d, float halfScaleSquared, float *rowMaxima, long *rowArgmax) {
#if defined(__x86_64__)
    if (isa == LOONSIM_ISA_AVX512 && loonsim_isa_supported(isa)) {
        exponents512(z, rows, stride, m, x, inputStride, d, halfScaleSquared, rowMaxima, rowArgmax);
        return;
    }
#endif
    exponents_portable(z, rows, stride, m, x, inputStride, d, halfScaleSquared, rowMaxima, rowArgmax);
}

void loonsim_favor_exponents(float *z, long rows, long stride, long m, const float *x, long inputStride, long d,
                             float halfScaleSquared, float *rowMaxima, long *rowArgmax) {
    loonsim_favor_exponents_on(loonsim_best_isa(), z, rows, stride, m, x, inputStride, d, halfScaleSquared, rowMaxima,
                               rowArgmax);
}

void loonsim_column_sums(const float *z, long rows, long stride, long m, float *sums) {
    for (long j = 0; j < m; j++) sums[j] = 0.0f;
    for (long i = 0; i < rows; i++) {
        const float *row = z + i * stride;
        for (long j = 0; j < m; j++) sums[j] += row[j];
    }
}

void loonsim_favor_normalize(const float *phi, long rows, long phiStride, long m, const float *keyFeatureSums,
                             float *out, long outStride, long d, float *denominators, long denominatorStride) {
    for (long i = 0; i < rows; i++) {
        const float sum = vector_math_dot(phi + i * phiStride, keyFeatureSums, m);
        denominators[i * denominatorStride] = sum;
        const float inverse = sum > 0 ? 1 / sum : 0;
        float *row = out + i * outStride;
        for (long c = 0; c < d; c++) row[c] *= inverse;
    }
}
