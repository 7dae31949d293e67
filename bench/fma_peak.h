// One core's measured FMA peak: a loop of independent vector FMAs and nothing else, the ceiling that
// the benchmarks set the products' and the update's FLOP rates against. 16 chains hide the FMA latency
// (4 cycles) on two FMA pipes with room to spare; each is AVX2 or AVX-512 by a target attribute, so the
// AVX2 build measures the wider units on a CPU that has them (ordered_gemm uses them there too).
#pragma once
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstddef>

namespace bench {

constexpr int kFmaChains = 16;

// keeps the sums alive: the compiler cannot drop a loop whose result memory may be read
inline void keep(const void* sums) { asm volatile("" : : "r"(sums) : "memory"); }

// `steps` rounds of 16 FMAs on 8- or 16-float vectors; returns the flops (2 per lane and FMA)
[[gnu::target("avx2,fma"), gnu::noinline]] inline double fma_loop_avx2(size_t steps) {
  __m256 acc[kFmaChains];  // distinct starts: equal ones let the compiler run one chain for all
  for (int r = 0; r < kFmaChains; ++r) acc[r] = _mm256_set1_ps(static_cast<float>(r));
  const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
  for (size_t s = 0; s < steps; ++s)
    for (__m256& a : acc) a = _mm256_fmadd_ps(a, x, y);
  keep(acc);
  return 2.0 * 8 * kFmaChains * static_cast<double>(steps);
}

[[gnu::target("avx512f"), gnu::noinline]] inline double fma_loop_avx512(size_t steps) {
  __m512 acc[kFmaChains];
  for (int r = 0; r < kFmaChains; ++r) acc[r] = _mm512_set1_ps(static_cast<float>(r));
  const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
  for (size_t s = 0; s < steps; ++s)
    for (__m512& a : acc) a = _mm512_fmadd_ps(a, x, y);
  keep(acc);
  return 2.0 * 16 * kFmaChains * static_cast<double>(steps);
}

/// One thread's FMA peak in GFLOP/s: the best of a few short loops at each vector width this CPU runs
/// (on a shared machine the best is the one least disturbed; Zen 4 splits a 512-bit FMA in two, so
/// both widths reach about the same peak there).
inline double fma_peak_gflops() {
  using Clock = std::chrono::steady_clock;
  const bool wide = __builtin_cpu_supports("avx512f");
  double best = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const bool avx512 = wide && trial % 2 == 1;
    const Clock::time_point start = Clock::now();
    const double flops = avx512 ? fma_loop_avx512(size_t{1} << 18) : fma_loop_avx2(size_t{1} << 18);
    best = std::max(best, flops / std::chrono::duration<double>(Clock::now() - start).count() / 1e9);
  }
  return best;
}

}  // namespace bench
