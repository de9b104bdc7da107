// The wind GP's arithmetic kernels in C, for SIMD wider than Swift's baseline x86-64 (SSE2):
// kernel values exp(−r) of a query column, and the forward substitution of the posterior.
//
// Every kernel exists for three instruction sets, chosen at run time (`loonsim_best_isa`), and
// all three give the same bits on every machine: the exponential uses no fused multiply-add
// (the target is compiled with -ffp-contract=off and the vector code spells out each rounding),
// square roots are correctly rounded in IEEE 754 at any width, and the solve's multiply-adds are
// fused everywhere (hardware FMA in the vector code, C's `fma` in the portable one).
#ifndef LOONSIM_CWINDKERNELS_H
#define LOONSIM_CWINDKERNELS_H

#include <stdint.h>

/// An instruction set a kernel can run on. Higher values need more of the CPU.
typedef enum {
    /// Plain C for any CPU (scalar SSE2 on x86-64).
    LOONSIM_ISA_PORTABLE = 0,
    /// x86-64 with AVX2 and FMA (four doubles a vector).
    LOONSIM_ISA_AVX2 = 1,
    /// x86-64 with AVX-512 F (eight doubles a vector).
    LOONSIM_ISA_AVX512 = 2,
} loonsim_isa;

/// The widest instruction set this CPU runs (asked once, then remembered). Every function below
/// takes the instruction set to run on, which must be one this CPU runs.
loonsim_isa loonsim_best_isa(void);

/// Whether this CPU runs `isa`.
int loonsim_isa_supported(loonsim_isa isa);

/// The exponential's table, 256 entries: for each j < 128, the relative tail of 2^(j/128) (as a
/// double's bits) and the bits of 2^(j/128) less j << 45 (see VectorExp.swift, which reads it too).
const uint64_t *loonsim_exp_table_entries(void);

/// `y[i] = exp(x[i])` for `count` (a multiple of 4) values, VectorExp's function exactly: each
/// aligned group of four whose lanes all lie in (−700, 700) takes the table-driven exponential
/// (within 0.51 ulp); any other group (a lane too large, too small or NaN) takes libm's `exp`.
void loonsim_exp_groups(loonsim_isa isa, const double *x, double *y, long count);

/// The wind GP's kernel values between a query column and the observations, without σ²:
/// `out[i·outStride + k] = exp(−√((dx² + dy²) + (levels[k] − p[i])²) + dt²)`
/// with `dx = queryX − x[i]`, `dy = queryY − y[i]`, `dt = queryT − t[i]` (inputs already scaled by
/// the length-scales), summed in that order as scipy's `cdist` does; the exponential is
/// `loonsim_exp_groups`'s over each row's groups of four. `columns` is a multiple of 4.
void loonsim_gp_kernel_matrix(loonsim_isa isa, long rows, long columns,
                              double queryX, double queryY, double queryT,
                              const double *x, const double *y, const double *p, const double *t,
                              const double *levels, double *out, long outStride);

/// Forward substitution `V = L⁻¹·B` over `n` rows, fused with the GP posterior's reductions.
///
/// `L` is lower triangular, column-major (`L[i][j]` at `j·stride + i`). `B` is row-major with
/// `columnStride` doubles a row; columns `0..<errorColumn` hold kernel values and columns
/// `errorColumn` and `errorColumn + 1` the targets `e_u`, `e_v` (`errorColumn` a multiple of 4).
/// Overwrites those columns with `V` and `z = L⁻¹e` (the block's other two columns are solved too
/// by some instruction sets, so zeros stay zeros), and writes for each kernel column k
/// `explained[k] = Σᵢ V_ik²`, `meanU[k] = Σᵢ V_ik·z_u,i`, `meanV[k]` likewise.
///
/// The arithmetic is that of a left-looking solve blocked by 8 rows with BLAS: each element of a
/// block is first reduced by `Σ_{j<i₀} L_ij·V_j` (a chain of fused multiply-adds from 0 in
/// increasing j, then subtracted, as OpenBLAS's small-matrix dgemm kernels do), then solved
/// within the block with separate multiplies and subtractions and scaled by `1/L_ii`; the squares
/// are summed row by row (a partial last block sums its own squares first); the means are chains
/// of fused multiply-adds from 0 in increasing i.
void loonsim_gp_solve(loonsim_isa isa, long n, const double *L, long stride,
                      double *B, long columnStride, long errorColumn,
                      double *explained, double *meanU, double *meanV);

/// The forward substitution that borders a Cholesky factor with a new point: overwrites `l` (the
/// new point's covariances with the `n` points held) with `L⁻¹l`, column by column
/// (`l_j ← l_j/L_jj`, then `l_i ← l_i − L_ij·l_j` for i > j, each product rounded before the
/// subtraction), and returns `Σ l_j²` summed in order. `L` is column-major, `stride` rows a column.
double loonsim_cholesky_forward(loonsim_isa isa, long n, const double *L, long stride, double *l);

/// Removes the first of `n` points from the Cholesky factor `L` (column-major, `stride` rows a
/// column): the trailing block's factor, the rank-one update of `L₂₂` by `l₂₁` with Givens
/// rotations, shifted to index 0. For each new column j: `ρ = √(d² + x_j²)`, `c = d/ρ`, `s = x_j/ρ`,
/// then `L′_ij = c·L_{i+1,j+1} + s·x_i` and `x_i ← c·x_i − s·L_{i+1,j+1}`. `work` holds n doubles.
void loonsim_cholesky_drop_first(loonsim_isa isa, long n, double *L, long stride, double *work);

#endif
