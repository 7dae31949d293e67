// Row-major GEMM and GEMV through CBLAS (OpenBLAS), overloaded for float and double.
#pragma once
#include <cstddef>
#include <vector>

namespace autodiff {

/// c (m,n) = alpha * op(a) op(b) + beta * c, with op(a) (m,k) and op(b) (k,n); row-major.
/// beta = 0 overwrites c without reading it. k = 1 runs as an outer product.
void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
          const float* b, float beta, float* c);
void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, double alpha, const double* a,
          const double* b, double beta, double* c);

/// The same float product on OpenBLAS alone, never routed to the narrow loops: the bare-BLAS floor
/// that benchmarks set an update beside.
void openblas_gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
                   const float* b, float beta, float* c);

/// y (n) = alpha * w^T x + beta * y, for w (k,n) row-major and x (k): one row through a layer.
void gemv_transposed(size_t k, size_t n, float alpha, const float* w, const float* x, float beta,
                     float* y);
void gemv_transposed(size_t k, size_t n, double alpha, const double* w, const double* x,
                     double beta, double* y);

/// One float GEMM call as recorded for benchmarks: its shape and the memory it ran on.
struct GemmShape {
  bool trans_a, trans_b;
  size_t m, n, k;
  bool accumulate;  // beta != 0
  const float* a;
  const float* b;
  float* c;
};

/// While alive, every float gemm() on this thread appends its call to `log`: benchmarks replay
/// the exact GEMMs of a step, on the same buffers, on bare BLAS to measure the floor beside it.
class GemmRecorder {
 public:
  explicit GemmRecorder(std::vector<GemmShape>& log);
  ~GemmRecorder();
  GemmRecorder(const GemmRecorder&) = delete;
  GemmRecorder& operator=(const GemmRecorder&) = delete;

 private:
  std::vector<GemmShape>* previous_;
};

}  // namespace autodiff
