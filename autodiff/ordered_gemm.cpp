// Why our own kernel: OpenBLAS splits some sums and not others depending on the shape, the kernel family
// it picks for the CPU and its version, so the same step could give other bits elsewhere. Summing every
// element in k order fixes its bits, and a tile of independent sums still fills the FMA units. Owning
// the kernel also lets a layer's bias and ReLU be applied as each tile is stored, where they were
// passes of their own over the output: with both, an IQL update runs about 3% faster than on OpenBLAS.
//
// Three kernels, one set of bits: the tiles of gemm_tiles.h on AVX2 (this file) or on AVX-512
// (ordered_gemm_avx512.cpp, picked at run time on a CPU that has it: the build itself targets AVX2
// only), and a portable loop. Products at most kNarrow wide (the heads) take the narrow path below
// under both vector kernels: a tile's lanes would be mostly zeros there. The vector kernels share a
// product's tiles among the threads of the pool (thread_pool.h); the portable loop runs on one.
#include "autodiff/ordered_gemm.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "autodiff/gemm_operands.h"
#include "autodiff/gemm_split.h"
#include "autodiff/thread_pool.h"
#if defined(__AVX2__) && defined(__FMA__)
#include "autodiff/gemm_tiles.h"
#endif

namespace autodiff {
namespace {

using gemm::Strided;

// s(i, j): the k terms added in order to 0, one fused multiply-add each
float ordered_sum(const Strided& a, const Strided& b, size_t i, size_t j, size_t k) {
  float sum = 0.0f;
  for (size_t p = 0; p < k; ++p) sum = std::fma(a(i, p), b(p, j), sum);
  return sum;
}

float finished(const GemmFinish& f, float sum, size_t j, const float* c) {
  const float addend = f.bias ? f.bias[j] : f.beta != 0.0f ? f.beta * *c : 0.0f;
  const float y = std::fma(f.alpha, sum, addend);
  return f.relu ? std::max(y, 0.0f) : y;
}

// Row by row of c, each row's sums advanced one step of k at a time over a contiguous row of op(b),
// which the compiler vectorises where the target has an FMA instruction. The same bits; about 5x the
// AVX2 kernel's time with FMA (measured with -mfma alone), about 100x without it, where each std::fma
// is a library call.
void rows_in_order(const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c,
                   const GemmFinish& f) {
  float* b_rows = gemm::panels_scratch(k * n + n);  // op(b) by rows, then one row of sums
  float* sum = b_rows + k * n;
  for (size_t p = 0; p < k; ++p)
    for (size_t j = 0; j < n; ++j) b_rows[p * n + j] = b(p, j);
  for (size_t i = 0; i < m; ++i) {
    std::fill(sum, sum + n, 0.0f);
    for (size_t p = 0; p < k; ++p) {
      const float a_ip = a(i, p);
      const float* b_p = b_rows + p * n;
      for (size_t j = 0; j < n; ++j) sum[j] = std::fma(a_ip, b_p[j], sum[j]);
    }
    for (size_t j = 0; j < n; ++j) c[i * n + j] = finished(f, sum[j], j, c + i * n + j);
  }
}

#if defined(__AVX2__) && defined(__FMA__)

struct Avx2 {
  using Vec = __m256;
  using Mask = __m256i;
  static constexpr size_t kLanes = 8;
  static constexpr int kAccumulators = 12;  // of 16 registers: the rest hold op(b)'s vectors and a's element
  static Vec zero() { return _mm256_setzero_ps(); }
  static Vec set1(float x) { return _mm256_set1_ps(x); }
  static Vec load(const float* from) { return _mm256_loadu_ps(from); }
  static Vec broadcast(const float* from) { return _mm256_broadcast_ss(from); }
  static Vec fmadd(Vec x, Vec y, Vec z) { return _mm256_fmadd_ps(x, y, z); }
  static Vec mul(Vec x, Vec y) { return _mm256_mul_ps(x, y); }
  static Vec max(Vec zero, Vec y) { return _mm256_max_ps(zero, y); }  // (0 > y) ? 0 : y
  static void store(float* to, Vec x) { _mm256_storeu_ps(to, x); }
  static Mask lanes_within(size_t w, int v) {  // the lanes of vector v of a tile row that lie within w
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(w) - 8 * v), lane);
  }
  static Vec masked_load(const float* from, Mask within) { return _mm256_maskload_ps(from, within); }
  static void masked_store(float* to, Mask within, Vec x) { _mm256_maskstore_ps(to, within, x); }
};

// Products at most kNarrow wide (the heads' forward and weight gradient): the lanes run down the rows
// of c instead, Blocks row blocks of 8 at a time (independent sums, as one alone would wait on each
// FMA's latency). Column p of 8 rows of op(a) is one load when a is stored transposed, else a row of an
// 8x8 transpose of the rows' next 8 elements.
constexpr size_t kNarrow = 4;

template <size_t Blocks>
void narrow_rows(const Strided& a, const Strided& b, size_t n, size_t k, size_t i0, float* c, const GemmFinish& f) {
  __m256 sum[Blocks][kNarrow];
  for (auto& block : sum)
    for (auto& s : block) s = _mm256_setzero_ps();
  auto add_step = [&](size_t p, const __m256 (&x)[Blocks]) {
    for (size_t j = 0; j < n; ++j) {
      const __m256 bj = _mm256_set1_ps(b(p, j));
#pragma GCC unroll 4
      for (size_t r = 0; r < Blocks; ++r) sum[r][j] = _mm256_fmadd_ps(x[r], bj, sum[r][j]);
    }
  };
  __m256 x[Blocks];
  if (a.row == 1) {
    for (size_t p = 0; p < k; ++p) {
      for (size_t r = 0; r < Blocks; ++r) x[r] = _mm256_loadu_ps(a.data + i0 + 8 * r + p * a.col);
      add_step(p, x);
    }
  } else {
    __m256 columns[Blocks][8];
    size_t p = 0;
    for (; p + 8 <= k; p += 8) {
      for (size_t r = 0; r < Blocks; ++r) gemm::transpose8(a.data + (i0 + 8 * r) * a.row + p, a.row, columns[r]);
      for (size_t q = 0; q < 8; ++q) {
        for (size_t r = 0; r < Blocks; ++r) x[r] = columns[r][q];
        add_step(p + q, x);
      }
    }
    for (; p < k; ++p) {
      for (size_t r = 0; r < Blocks; ++r) {
        float column[8];
        for (size_t t = 0; t < 8; ++t) column[t] = a(i0 + 8 * r + t, p);
        x[r] = _mm256_loadu_ps(column);
      }
      add_step(p, x);
    }
  }
  alignas(32) float rows[8];
  for (size_t r = 0; r < Blocks; ++r) {
    for (size_t j = 0; j < n; ++j) {
      _mm256_store_ps(rows, sum[r][j]);
      for (size_t t = 0; t < 8; ++t) {
        float* out = c + (i0 + 8 * r + t) * n + j;
        *out = finished(f, rows[t], j, out);
      }
    }
  }
}

// rows i_begin .. i_end of c
void narrow_block(const Strided& a, const Strided& b, size_t i_begin, size_t i_end, size_t n, size_t k, float* c,
                  const GemmFinish& f) {
  size_t i0 = i_begin;
  for (; i0 + 32 <= i_end; i0 += 32) narrow_rows<4>(a, b, n, k, i0, c, f);
  for (; i0 + 8 <= i_end; i0 += 8) narrow_rows<1>(a, b, n, k, i0, c, f);
  for (; i0 < i_end; ++i0)  // the last rows, one element at a time
    for (size_t j = 0; j < n; ++j) c[i0 * n + j] = finished(f, ordered_sum(a, b, i0, j, k), j, c + i0 * n + j);
}

// the pool's threads share runs of 32 rows
void narrow(const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c, const GemmFinish& f) {
  constexpr size_t kRows = 32;
  const gemm::TileSplit split((m + kRows - 1) / kRows, 1, m, n, k, available_threads());
  parallel_run(split.parts(), [&](size_t t) {
    const gemm::TileBlock block = split.block(t);
    narrow_block(a, b, block.row_begin * kRows, std::min(m, block.row_end * kRows), n, k, c, f);
  });
}

void vector_product(GemmKernel kernel, const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c,
                    const GemmFinish& f) {
  if (n <= kNarrow) return narrow(a, b, m, n, k, c, f);
  // the narrowest vectors that hold a tile row: wider ones would be mostly zeros
  if (n <= 8) return gemm::tiled<Avx2, 1>(a, b, m, n, k, c, f);
  if (kernel == GemmKernel::Avx512) return gemm::avx512_tiles(n > 16, a, b, m, n, k, c, f);
  gemm::tiled<Avx2, 2>(a, b, m, n, k, c, f);
}

#endif

void product(GemmKernel kernel, bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
             const float* b, float* c, const GemmFinish& finish) {
  if (m == 0 || n == 0) return;
  const Strided sa = gemm::op_a(trans_a, a, m, k), sb = gemm::op_b(trans_b, b, n, k);
#if defined(__AVX2__) && defined(__FMA__)
  if (kernel != GemmKernel::Portable) return vector_product(kernel, sa, sb, m, n, k, c, finish);
#endif
  rows_in_order(sa, sb, m, n, k, c, finish);
}

}  // namespace

std::vector<GemmKernel> runnable_gemm_kernels() {
  std::vector<GemmKernel> kernels = {GemmKernel::Portable};
#if defined(__AVX2__) && defined(__FMA__)
  kernels.push_back(GemmKernel::Avx2);
  if (__builtin_cpu_supports("avx512f")) kernels.push_back(GemmKernel::Avx512);
#endif
  return kernels;
}

namespace {

// $IQL_GEMM_KERNEL names a kernel slower than the fastest, so that one machine can check the bits
// a CPU without AVX-512 gives (every kernel gives the same bits; this shows it on whole runs)
GemmKernel chosen_gemm_kernel() {
  const std::vector<GemmKernel> runnable = runnable_gemm_kernels();
  const char* asked = std::getenv("IQL_GEMM_KERNEL");
  if (asked == nullptr || *asked == '\0') return runnable.back();
  std::string names;
  for (GemmKernel k : runnable) {
    if (std::string(asked) == gemm_kernel_name(k)) return k;
    names += std::string(names.empty() ? "" : ", ") + gemm_kernel_name(k);
  }
  throw std::invalid_argument(std::string("IQL_GEMM_KERNEL=") + asked + " is not a kernel this build has and this CPU "
                              "runs (" + names + "): unset it for the fastest");
}

}  // namespace

GemmKernel gemm_kernel() {
  static const GemmKernel chosen = chosen_gemm_kernel();
  return chosen;
}

const char* gemm_kernel_name(GemmKernel kernel) {
  switch (kernel) {
    case GemmKernel::Portable: return "portable";
    case GemmKernel::Avx2: return "avx2";
    case GemmKernel::Avx512: return "avx512";
  }
  return "?";
}

void ordered_gemm_reference(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
                            const float* b, float* c, const GemmFinish& finish) {
  const Strided sa = gemm::op_a(trans_a, a, m, k), sb = gemm::op_b(trans_b, b, n, k);
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) c[i * n + j] = finished(finish, ordered_sum(sa, sb, i, j, k), j, c + i * n + j);
}

void ordered_gemm_with(GemmKernel kernel, bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
                       const float* b, float* c, const GemmFinish& finish) {
  const std::vector<GemmKernel> runnable = runnable_gemm_kernels();
  if (std::find(runnable.begin(), runnable.end(), kernel) == runnable.end())
    throw std::invalid_argument(std::string("ordered_gemm: the ") + gemm_kernel_name(kernel) +
                                " kernel is not in this build or not supported by this CPU");
  product(kernel, trans_a, trans_b, m, n, k, a, b, c, finish);
}

void ordered_gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a, const float* b,
                  float* c, const GemmFinish& finish) {
  product(gemm_kernel(), trans_a, trans_b, m, n, k, a, b, c, finish);
}

}  // namespace autodiff
