// The tiles of gemm_tiles.h on AVX-512F: 16 lanes and 32 registers, so a tile holds 24 vectors of sums
// (12 rows by 32 columns) where AVX2 holds 12 (6 by 16). On a CPU with full-width 512-bit FMA units this
// doubles the arithmetic per instruction; the sums, and so the bits, are those of the AVX2 tiles.
//
// The build targets AVX2 only (a binary must run on every x86-64 with AVX2), so this file alone is
// compiled for AVX-512, by the pragma below, and ordered_gemm.cpp calls it only when the CPU reports
// AVX-512F. The pragma comes after every standard header: a library template instantiated here keeps
// the build's own target and cannot carry AVX-512 instructions into code that runs elsewhere.
#include "autodiff/gemm_operands.h"
#include "autodiff/gemm_split.h"
#include "autodiff/thread_pool.h"  // its templates defined before the pragma: they keep the build's target

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>

#pragma GCC target("avx512f")
#include "autodiff/gemm_tiles.h"

namespace autodiff::gemm {
namespace {

struct Avx512 {
  using Vec = __m512;
  using Mask = __mmask16;
  static constexpr size_t kLanes = 16;
  static constexpr int kAccumulators = 24;  // of 32 registers: the rest hold op(b)'s vectors and a's element
  static Vec zero() { return _mm512_setzero_ps(); }
  static Vec set1(float x) { return _mm512_set1_ps(x); }
  static Vec load(const float* from) { return _mm512_loadu_ps(from); }
  static Vec broadcast(const float* from) { return _mm512_set1_ps(*from); }
  static Vec fmadd(Vec x, Vec y, Vec z) { return _mm512_fmadd_ps(x, y, z); }
  static Vec mul(Vec x, Vec y) { return _mm512_mul_ps(x, y); }
  // (0 > y) ? 0 : y; every lane kept, zeroing none (GCC 12 warns falsely on _mm512_max_ps's undefined input)
  static Vec max(Vec zero, Vec y) { return _mm512_maskz_max_ps(Mask(0xFFFF), zero, y); }
  static void store(float* to, Vec x) { _mm512_storeu_ps(to, x); }
  static Mask lanes_within(size_t w, int v) {  // the lanes of vector v of a tile row that lie within w
    const long lanes = static_cast<long>(w) - 16L * v;
    return lanes >= 16 ? Mask(0xFFFF) : lanes <= 0 ? Mask(0) : static_cast<Mask>((1u << lanes) - 1u);
  }
  static Vec masked_load(const float* from, Mask within) { return _mm512_maskz_loadu_ps(within, from); }
  static void masked_store(float* to, Mask within, Vec x) { _mm512_mask_storeu_ps(to, within, x); }
};

}  // namespace

void avx512_tiles(bool wide, const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c,
                  const GemmFinish& f) {
  if (wide) return tiled<Avx512, 2>(a, b, m, n, k, c, f);
  tiled<Avx512, 1>(a, b, m, n, k, c, f);
}

}  // namespace autodiff::gemm
#endif
