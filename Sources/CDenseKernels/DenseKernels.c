// Dense layers in float32 with a fixed summation order (see include/DenseKernels.h).
//
// Every output is one chain of fused multiply-adds over the inputs in order, so vector width,
// tile shape and the number of rows never change a result: the AVX-512 path computes a tile of
// 6 rows × 64 outputs (24 accumulators; up to 12 rows for narrower blocks), the AVX2 path 6 rows
// × 16 outputs (12 accumulators),
// each lane holding one output's chain; the portable path uses C's exact `fmaf`. Tiles stream
// the weights once per 6 rows, so a batch reads the 11.7 MB of perciatelli44 once per 6
// observations instead of once per observation.
#include "DenseKernels.h"

#include <math.h>
#include <stddef.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

enum { tileRows256 = 6 };

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

// ---- AVX-512: blocks of up to 64 outputs (four registers) per row, masked at the right edge.
// A block of 64 outputs is tiled 6 rows at a time (24 accumulators); a narrower last block, such
// as a whole layer 32 wide, uses fewer registers and more rows (3 × 8, 2 × 12, 1 × 12) instead
// of multiplying zeros in masked registers.

enum { maxTileRows512 = 12 };

__attribute__((target("avx512f"), always_inline)) static inline void
tile512(const int nr, const int nc, int inputs, int outputs, int o0, const __mmask16 *mask, const int *offset,
        const float *x, int ldx, const float *w, const float *bias, float *y, int ldy, int relu) {
    // The row and register loops must unroll fully, or the accumulators live on the stack.
    __m512 acc[maxTileRows512][4];
#pragma clang loop unroll(full)
    for (int r = 0; r < nr; r++)
#pragma clang loop unroll(full)
        for (int c = 0; c < nc; c++) acc[r][c] = _mm512_setzero_ps();
    const float *row = w + o0;
    for (int k = 0; k < inputs; k++, row += outputs) {
        __m512 wv[4];
#pragma clang loop unroll(full)
        for (int c = 0; c < nc; c++) wv[c] = _mm512_maskz_loadu_ps(mask[c], row + offset[c]);
#pragma clang loop unroll(full)
        for (int r = 0; r < nr; r++) {
            const __m512 xv = _mm512_set1_ps(x[(size_t)r * ldx + k]);
#pragma clang loop unroll(full)
            for (int c = 0; c < nc; c++) acc[r][c] = _mm512_fmadd_ps(xv, wv[c], acc[r][c]);
        }
    }
    for (int c = 0; c < nc; c++) {
        const __m512 b = bias ? _mm512_maskz_loadu_ps(mask[c], bias + o0 + offset[c]) : _mm512_setzero_ps();
        for (int r = 0; r < nr; r++) {
            __m512 v = bias ? _mm512_add_ps(acc[r][c], b) : acc[r][c];
            if (relu) v = _mm512_max_ps(v, _mm512_setzero_ps());
            _mm512_mask_storeu_ps(y + (size_t)r * ldy + o0 + offset[c], mask[c], v);
        }
    }
}

#define TILE512(NC, NR)                                                                                          \
    __attribute__((target("avx512f"))) static void tile512_##NC##x##NR(int inputs, int outputs, int o0,         \
        const __mmask16 *mask, const int *offset, const float *x, int ldx, const float *w, const float *bias,    \
        float *y, int ldy, int relu) {                                                                           \
        tile512(NR, NC, inputs, outputs, o0, mask, offset, x, ldx, w, bias, y, ldy, relu);                       \
    }
#define TILES512_6(NC) TILE512(NC, 1) TILE512(NC, 2) TILE512(NC, 3) TILE512(NC, 4) TILE512(NC, 5) TILE512(NC, 6)
#define TILES512_12(NC) TILES512_6(NC) TILE512(NC, 7) TILE512(NC, 8) TILE512(NC, 9) TILE512(NC, 10) TILE512(NC, 11) \
    TILE512(NC, 12)
TILES512_12(1) TILES512_12(2) TILES512_6(3) TILE512(3, 7) TILE512(3, 8) TILES512_6(4)

typedef void (*Tile512)(int, int, int, const __mmask16 *, const int *, const float *, int, const float *,
                        const float *, float *, int, int);
/// The tile of `nc` registers × `nr` rows at [nc][nr], and the most rows a block of `nc` registers takes.
static const Tile512 tiles512[5][maxTileRows512 + 1] = {
    {0},
    {0, tile512_1x1, tile512_1x2, tile512_1x3, tile512_1x4, tile512_1x5, tile512_1x6, tile512_1x7, tile512_1x8,
     tile512_1x9, tile512_1x10, tile512_1x11, tile512_1x12},
    {0, tile512_2x1, tile512_2x2, tile512_2x3, tile512_2x4, tile512_2x5, tile512_2x6, tile512_2x7, tile512_2x8,
     tile512_2x9, tile512_2x10, tile512_2x11, tile512_2x12},
    {0, tile512_3x1, tile512_3x2, tile512_3x3, tile512_3x4, tile512_3x5, tile512_3x6, tile512_3x7, tile512_3x8},
    {0, tile512_4x1, tile512_4x2, tile512_4x3, tile512_4x4, tile512_4x5, tile512_4x6},
};
static const int tileRows512[5] = {0, 12, 12, 7, 5};

__attribute__((target("avx512f"))) static void dense512(int rows, int inputs, int outputs, const float *x, int ldx,
                                                        const float *w, const float *bias, float *y, int ldy,
                                                        int relu) {
    for (int o0 = 0; o0 < outputs; o0 += 64) {
        const int left = outputs - o0;
        const int nc = left >= 64 ? 4 : (left + 15) / 16;
        __mmask16 mask[4];
        int offset[4];
        for (int c = 0; c < nc; c++) {
            const int inRegister = left - 16 * c;  // > 0 for every register the block uses
            mask[c] = inRegister >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << inRegister) - 1);
            offset[c] = 16 * c;
        }
        const int most = tileRows512[nc];
        for (int r0 = 0; r0 < rows; r0 += most) {
            const int nr = rows - r0 < most ? rows - r0 : most;
            tiles512[nc][nr](inputs, outputs, o0, mask, offset, x + (size_t)r0 * ldx, ldx, w, bias,
                             y + (size_t)r0 * ldy, ldy, relu);
        }
    }
}

// ---- AVX2 + FMA: 16 outputs (two registers) per row, masked at the right edge (masked lanes
// load zeros and are never stored).

__attribute__((target("avx2,fma"), always_inline)) static inline void
tile256(const int nr, int inputs, int outputs, int o0, const __m256i *mask, const int *offset, const float *x, int ldx,
        const float *w, const float *bias, float *y, int ldy, int relu) {
    __m256 acc[tileRows256][2];
    for (int r = 0; r < tileRows256; r++) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
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
static const Tile256 tiles256[tileRows256 + 1] = {0, tile256_1, tile256_2, tile256_3, tile256_4, tile256_5, tile256_6};

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
        for (int r0 = 0; r0 < rows; r0 += tileRows256) {
            const int nr = rows - r0 < tileRows256 ? rows - r0 : tileRows256;
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
