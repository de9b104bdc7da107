// The kernels in plain C, for any CPU: the reference the vector versions must equal bit for bit.
#include "WindKernelsInternal.h"

void loonsim_exp_groups_portable(const double *x, double *y, long count) {
    for (long k = 0; k < count; k += 4) {
        double lanes[4] = {x[k], x[k + 1], x[k + 2], x[k + 3]};
        loonsim_exp_group_portable(lanes);
        memcpy(y + k, lanes, sizeof lanes);
    }
}

void loonsim_gp_kernel_matrix_portable(long rows, long columns, double queryX, double queryY, double queryT,
                                       const double *x, const double *y, const double *p, const double *t,
                                       const double *levels, double *out, long outStride) {
    for (long i = 0; i < rows; i++) {
        double dx = queryX - x[i], dy = queryY - y[i], dt = queryT - t[i];
        double horizontal = dx * dx + dy * dy, time = dt * dt;
        double *row = out + i * outStride;
        for (long k = 0; k < columns; k += 4) {
            double lanes[4];
            for (int lane = 0; lane < 4; lane++) {
                double dp = levels[k + lane] - p[i];
                lanes[lane] = -sqrt((horizontal + dp * dp) + time);
            }
            loonsim_exp_group_portable(lanes);
            memcpy(row + k, lanes, sizeof lanes);
        }
    }
}

/// Solves column c of B over n rows (the arithmetic of loonsim_gp_solve), and when `zU` is given
/// (a kernel column) returns its sum of squares and its products with z_u and z_v.
static void solve_column(long n, const double *L, long stride, double *B, long M, long c,
                         const double *zU, const double *zV, double *explained, double *meanU, double *meanV) {
    double squares = 0;
    for (long i0 = 0; i0 < n; i0 += 8) {
        long rows = n - i0 < 8 ? n - i0 : 8;
        double blockSquares = 0;
        for (long r = 0; r < rows; r++) {
            long i = i0 + r;
            double a = B[i * M + c];
            if (i0 > 0) {
                double product = 0;
                for (long j = 0; j < i0; j++) product = fma(L[j * stride + i], B[j * M + c], product);
                a = a - product;
            }
            for (long j = i0; j < i; j++) a = a - L[j * stride + i] * B[j * M + c];
            double v = a * (1 / L[i * stride + i]);
            B[i * M + c] = v;
            // A full block adds its squares to the running sum; a partial one sums its own first.
            if (rows == 8) squares = squares + v * v; else blockSquares = blockSquares + v * v;
        }
        if (rows < 8) squares = squares + blockSquares;
    }
    if (zU == 0) return;
    double u = 0, v = 0;
    for (long i = 0; i < n; i++) {
        u = fma(B[i * M + c], zU[i * M], u);
        v = fma(B[i * M + c], zV[i * M], v);
    }
    *explained = squares;
    *meanU = u;
    *meanV = v;
}

void loonsim_gp_solve_portable(long n, const double *L, long stride, double *B, long columnStride, long errorColumn,
                               double *explained, double *meanU, double *meanV) {
    long M = columnStride;
    solve_column(n, L, stride, B, M, errorColumn, 0, 0, 0, 0, 0);
    solve_column(n, L, stride, B, M, errorColumn + 1, 0, 0, 0, 0, 0);
    for (long c = 0; c < errorColumn; c++) {
        solve_column(n, L, stride, B, M, c, B + errorColumn, B + errorColumn + 1, explained + c, meanU + c, meanV + c);
    }
}

double loonsim_cholesky_forward_portable(long n, const double *L, long stride, double *l) {
    double square = 0;
    for (long j = 0; j < n; j++) {
        const double *column = L + j * stride;
        double lj = l[j] / column[j];
        l[j] = lj;
        square += lj * lj;
        for (long i = j + 1; i < n; i++) l[i] -= column[i] * lj;
    }
    return square;
}

void loonsim_cholesky_drop_first_portable(long n, double *L, long stride, double *work) {
    if (n <= 1) return;
    double *x = work;
    memcpy(x, L + 1, (size_t)(n - 1) * sizeof *x);
    for (long j = 0; j < n - 1; j++) {
        const double *old = L + (j + 1) * stride + 1;   // old[i] = L[i + 1][j + 1]
        double *rotated = L + j * stride;                // rotated[i] = L′[i][j]
        double c, s;
        rotated[j] = loonsim_givens(old[j], x[j], &c, &s);
        loonsim_rotate_lanes(old, x, rotated, j + 1, n - 1, c, s);
    }
}
