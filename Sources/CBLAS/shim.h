#include <cblas.h>

// LAPACK routines that OpenBLAS carries (Fortran calling convention).
// Cholesky factorisation of a symmetric positive-definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
// Solves A·X = B with A = L·Lᵀ from dpotrf_.
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
