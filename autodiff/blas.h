// Row-major GEMM and GEMV, overloaded for float and double. Float products, the ones a training step
// makes, run on ordered_gemm (each element summed in k order: the same bits on every machine); double
// products (gradient checks) and GEMV (one row through a layer) go through CBLAS (OpenBLAS).
#pragma once
#include <cstddef>
#include <vector>

namespace autodiff {

/// c (m,n) = alpha * op(a) op(b) + beta * c, with op(a) (m,k) and op(b) (k,n); row-major.
/// beta = 0 overwrites c without reading it.
void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, float alpha, const float* a,
          const float* b, float beta, float* c);
void gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, double alpha, const double* a,
          const double* b, double beta, double* c);

/// y (m,n) = x w + bias (added to every row), then max(y, 0) when relu: a layer's forward. In float
/// the bias and ReLU are applied as each tile of y is stored, with the bits of a gemm with beta 1 on
/// bias rows followed by std::max.
void affine(size_t m, size_t n, size_t k, const float* x, const float* w, const float* bias, bool relu, float* y);
void affine(size_t m, size_t n, size_t k, const double* x, const double* w, const double* bias, bool relu,
            double* y);

/// The same float product on OpenBLAS: the bare-BLAS floor that benchmarks set an update beside.
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

/// While alive, every float gemm() and affine() on this thread appends its call to `log` (an affine
/// one as a product with beta 1): benchmarks replay the exact GEMMs of a step, on the same buffers, on
/// bare BLAS to measure the floor beside it.
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
