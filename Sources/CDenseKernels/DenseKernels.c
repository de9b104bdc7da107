// Dense layers in float32 with a fixed summation order (see include/DenseKernels.h).
//
// Every output is one chain of fused multiply-adds over the inputs in order, so vector width,
// tile shape and the number of rows never change a result: the AVX-512 path computes a tile of
// 6 rows × 64 outputs (24 accumulators), the AVX2 path 6 rows × 16 outputs (12 accumulators),
// each lane holding one output's chain; the portable path uses C's exact `fmaf`. Tiles stream
// the weights once per 6 rows, so a batch reads the 11.7 MB of perciatelli44 once per 6
// observations instead of once per observation.
#include "DenseKernels.h"

#include <math.h>
#include <stddef.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { tileRows = 6 };

static void dense_portable(int rows, int inputs, int outputs, const float *x, int ldx, const float *w,
                           const float *bias, float *y, int ldy, int relu) {
    for (int r = 0; r < rows; r++) {
        for (int o = 0; o < outputs; o++) {
            float s = 0;
            for (int k = 0; k < inputs; k++) s = fmaf(x[(size_t)r * ldx + k], w[(size_t)k * outputs + o], s);
            float v = bias ? s + bias[o] : s;
            if (relu && !(v > 0)) v = 0;
            y[(size_t)r * ldy + o] = v;
        }
    }
}

#if defined(__x86_64__)

// ---- AVX-512: 64 outputs (four registers) per row, masked at the right edge.

__attribute__((target("avx512f"), always_inline)) static inline void
tile512(const int nr, int inputs, int outputs, int o0, const __mmask16 *mask, const int *offset, const float *x, int ldx,
        const float *w, const float *bias, float *y, int ldy, int relu) {
    __m512 acc[tileRows][4];
    for (int r = 0; r < tileRows; r++)
        for (int c = 0; c < 4; c++) acc[r][c] = _mm512_setzero_ps();
    const float *row = w + o0;
    for (int k = 0; k < inputs; k++, row += outputs) {
        const __m512 w0 = _mm512_maskz_loadu_ps(mask[0], row + offset[0]),
                     w1 = _mm512_maskz_loadu_ps(mask[1], row + offset[1]),
                     w2 = _mm512_maskz_loadu_ps(mask[2], row + offset[2]),
                     w3 = _mm512_maskz_loadu_ps(mask[3], row + offset[3]);
        for (int r = 0; r < nr; r++) {
            const __m512 xv = _mm512_set1_ps(x[(size_t)r * ldx + k]);
            acc[r][0] = _mm512_fmadd_ps(xv, w0, acc[r][0]);
            acc[r][1] = _mm512_fmadd_ps(xv, w1, acc[r][1]);
            acc[r][2] = _mm512_fmadd_ps(xv, w2, acc[r][2]);
            acc[r][3] = _mm512_fmadd_ps(xv, w3, acc[r][3]);
        }
    }
    for (int c = 0; c < 4; c++) {
        const __m512 b = bias ? _mm512_maskz_loadu_ps(mask[c], bias + o0 + offset[c]) : _mm512_setzero_ps();
        for (int r = 0; r < nr; r++) {
            __m512 v = bias ? _mm512_add_ps(acc[r][c], b) : acc[r][c];
            if (relu) v = _mm512_max_ps(v, _mm512_setzero_ps());
            _mm512_mask_storeu_ps(y + (size_t)r * ldy + o0 + offset[c], mask[c], v);
        }
    }
}

#define TILE512(NR)                                                                                              \
    __attribute__((target("avx512f"))) static void tile512_##NR(int inputs, int outputs, int o0,               \
        const __mmask16 *mask, const int *offset, const float *x, int ldx, const float *w, const float *bias,    \
        float *y, int ldy, int relu) {                                                                           \
        tile512(NR, inputs, outputs, o0, mask, offset, x, ldx, w, bias, y, ldy, relu);                           \
    }
TILE512(1) TILE512(2) TILE512(3) TILE512(4) TILE512(5) TILE512(6)

typedef void (*Tile512)(int, int, int, const __mmask16 *, const int *, const float *, int, const float *,
                        const float *, float *, int, int);
static const Tile512 tiles512[tileRows + 1] = {0, tile512_1, tile512_2, tile512_3, tile512_4, tile512_5, tile512_6};

__attribute__((target("avx512f"))) static void dense512(int rows, int inputs, int outputs, const float *x, int ldx,
                                                        const float *w, const float *bias, float *y, int ldy,
                                                        int relu) {
    for (int o0 = 0; o0 < outputs; o0 += 64) {
        // A register wholly past the right edge loads and stores nothing; it points at the block's
        // start so that no pointer leaves the arrays.
        __mmask16 mask[4];
        int offset[4];
        for (int c = 0; c < 4; c++) {
            const int left = outputs - o0 - 16 * c;
            mask[c] = left >= 16 ? (__mmask16)0xFFFF : left > 0 ? (__mmask16)((1u << left) - 1) : (__mmask16)0;
            offset[c] = left > 0 ? 16 * c : 0;
        }
        for (int r0 = 0; r0 < rows; r0 += tileRows) {
            const int nr = rows - r0 < tileRows ? rows - r0 : tileRows;
            tiles512[nr](inputs, outputs, o0, mask, offset, x + (size_t)r0 * ldx, ldx, w, bias, y + (size_t)r0 * ldy,
                         ldy, relu);
        }
    }
}

// ---- AVX2 + FMA: 16 outputs (two registers) per row, masked at the right edge (masked lanes
// load zeros and are never stored).

__attribute__((target("avx2,fma"), always_inline)) static inline void
tile256(const int nr, int inputs, int outputs, int o0, const __m256i *mask, const int *offset, const float *x, int ldx,
        const float *w, const float *bias, float *y, int ldy, int relu) {
    __m256 acc[tileRows][2];
    for (int r = 0; r < tileRows; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
    const float *row = w + o0;
    for (int k = 0; k < inputs; k++, row += outputs) {
        const __m256 w0 = _mm256_maskload_ps(row + offset[0], mask[0]), w1 = _mm256_maskload_ps(row + offset[1], mask[1]);
        for (int r = 0; r < nr; r++) {
            const __m256 xv = _mm256_set1_ps(x[(size_t)r * ldx + k]);
            acc[r][0] = _mm256_fmadd_ps(xv, w0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_ps(xv, w1, acc[r][1]);
        }
    }
    for (int c = 0; c < 2; c++) {
        const __m256 b = bias ? _mm256_maskload_ps(bias + o0 + offset[c], mask[c]) : _mm256_setzero_ps();
        for (int r = 0; r < nr; r++) {
            __m256 v = bias ? _mm256_add_ps(acc[r][c], b) : acc[r][c];
            if (relu) v = _mm256_max_ps(v, _mm256_setzero_ps());
            _mm256_maskstore_ps(y + (size_t)r * ldy + o0 + offset[c], mask[c], v);
        }
    }
}

#define TILE256(NR)                                                                                              \
    __attribute__((target("avx2,fma"))) static void tile256_##NR(int inputs, int outputs, int o0,               \
        const __m256i *mask, const int *offset, const float *x, int ldx, const float *w, const float *bias,      \
        float *y, int ldy, int relu) {                                                                           \
        tile256(NR, inputs, outputs, o0, mask, offset, x, ldx, w, bias, y, ldy, relu);                           \
    }
TILE256(1) TILE256(2) TILE256(3) TILE256(4) TILE256(5) TILE256(6)

typedef void (*Tile256)(int, int, int, const __m256i *, const int *, const float *, int, const float *,
                        const float *, float *, int, int);
static const Tile256 tiles256[tileRows + 1] = {0, tile256_1, tile256_2, tile256_3, tile256_4, tile256_5, tile256_6};

__attribute__((target("avx2,fma"))) static void dense256(int rows, int inputs, int outputs, const float *x, int ldx,
                                                         const float *w, const float *bias, float *y, int ldy,
                                                         int relu) {
    for (int o0 = 0; o0 < outputs; o0 += 16) {
        __m256i mask[2];
        int offset[2];
        for (int c = 0; c < 2; c++) {
            const int left = outputs - o0 - 8 * c;
            const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
            mask[c] = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), lanes);  // lane < left: all ones
            offset[c] = left > 0 ? 8 * c : 0;  // as in dense512: no pointer past the arrays
        }
        for (int r0 = 0; r0 < rows; r0 += tileRows) {
            const int nr = rows - r0 < tileRows ? rows - r0 : tileRows;
            tiles256[nr](inputs, outputs, o0, mask, offset, x + (size_t)r0 * ldx, ldx, w, bias, y + (size_t)r0 * ldy,
                         ldy, relu);
        }
    }
}

#endif  // __x86_64__

void loonsim_dense_forward_on(loonsim_isa isa, int rows, int inputs, int outputs, const float *x, int ldx,
                              const float *w, const float *bias, float *y, int ldy, int relu) {
    if (rows <= 0 || outputs <= 0) return;
    if (!loonsim_isa_supported(isa)) isa = LOONSIM_ISA_PORTABLE;
    switch (isa) {
#if defined(__x86_64__)
    case LOONSIM_ISA_AVX512: dense512(rows, inputs, outputs, x, ldx, w, bias, y, ldy, relu); return;
    case LOONSIM_ISA_AVX2: dense256(rows, inputs, outputs, x, ldx, w, bias, y, ldy, relu); return;
#endif
    default: dense_portable(rows, inputs, outputs, x, ldx, w, bias, y, ldy, relu); return;
    }
}

void loonsim_dense_forward(int rows, int inputs, int outputs, const float *x, int ldx, const float *w,
                           const float *bias, float *y, int ldy, int relu) {
    loonsim_dense_forward_on(loonsim_best_isa(), rows, inputs, outputs, x, ldx, w, bias, y, ldy, relu);
}
