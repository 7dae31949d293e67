// The float GEMM of every training step: each element summed in k order, so its bits depend on its
// inputs alone, never on the tiling, the vector width, the BLAS build or the machine.
#pragma once
#include <cstddef>

namespace autodiff {

/// What happens to an element's sum s on its way into c (row i, column j).
struct GemmFinish {
  float alpha = 1.0f;
  float beta = 0.0f;              // c = fma(alpha, s, beta c); beta 0 never reads c
  const float* bias = nullptr;    // when set, c = fma(alpha, s, bias[j]) instead, c not read
  bool relu = false;              // then c = max(c, 0), NaN and -0 kept as std::max keeps them
};

/// c (m,n) = finish(s), s(i,j) = sum over p of op(a)(i,p) op(b)(p,j), with op(a) (m,k) and op(b)
/// (k,n) row-major. Every s starts at 0 and adds its k terms in order, one fused multiply-add each.
/// Vectorised with AVX2 and FMA where the build has them, a scalar loop otherwise: the same bits.
void ordered_gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a, const float* b,
                  float* c, const GemmFinish& finish);

/// The same product one element at a time: the definition the vector path is tested against.
void ordered_gemm_reference(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
                            const float* b, float* c, const GemmFinish& finish);

}  // namespace autodiff
