// The float GEMM of every training step: each element summed in k order, so its bits depend on its
// inputs alone, never on the tiling, the vector width, the BLAS build or the machine.
#pragma once
#include <cstddef>
#include <vector>

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
/// Runs on the fastest kernel this build has and this CPU runs (gemm_kernel()): the same bits on each.
void ordered_gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a, const float* b,
                  float* c, const GemmFinish& finish);

/// The same product one element at a time: the definition the vector path is tested against.
void ordered_gemm_reference(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
                            const float* b, float* c, const GemmFinish& finish);

/// The kernels, each giving the same bits: a portable loop; tiles on AVX2 and FMA (in builds that
/// target them, the default on x86-64); the same tiles on AVX-512F, on CPUs that have it.
enum class GemmKernel { Portable, Avx2, Avx512 };

/// The kernels this build has and this CPU runs, slowest first; and the one ordered_gemm uses: the
/// last of them, or the one $IQL_GEMM_KERNEL names (portable, avx2, avx512; to check on one machine
/// the bits of a CPU without AVX-512). An unknown or unrunnable name throws std::invalid_argument.
std::vector<GemmKernel> runnable_gemm_kernels();
GemmKernel gemm_kernel();
const char* gemm_kernel_name(GemmKernel kernel);

/// ordered_gemm on a chosen kernel (tests check each against the reference); throws
/// std::invalid_argument when it is not runnable here.
void ordered_gemm_with(GemmKernel kernel, bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
                       const float* b, float* c, const GemmFinish& finish);

}  // namespace autodiff
