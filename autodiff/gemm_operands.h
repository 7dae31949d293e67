// What the kernels of ordered_gemm share: every kernel, the operands seen in place and working memory;
// the vector kernels, packing and the cache lines the next row of tiles will read. Packing only moves
// floats, so it is the same AVX2 code under the AVX2 and the AVX-512 tiles; it exists only where the
// compiler targets AVX2 and FMA.
#pragma once
#include <cstddef>

#include "autodiff/ordered_gemm.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

namespace autodiff::gemm {

/// An operand in place: element (r, s) of op(x) is data[r * row + s * col].
struct Strided {
  const float* data;
  size_t row, col;
  float operator()(size_t r, size_t s) const { return data[r * row + s * col]; }
};

inline Strided op_a(bool trans_a, const float* a, size_t m, size_t k) {
  return trans_a ? Strided{a, 1, m} : Strided{a, k, 1};
}
inline Strided op_b(bool trans_b, const float* b, size_t n, size_t k) {
  return trans_b ? Strided{b, 1, k} : Strided{b, n, 1};
}

/// This thread's working memory for packed op(b) and for packed rows of op(a), aligned to a cache
/// line so that no vector load of it spans two; grown, never shrunk.
float* panels_scratch(size_t floats);
float* rows_scratch(size_t floats);

#if defined(__AVX2__) && defined(__FMA__)

/// Eight rows of eight floats (src, rows ld_src apart) turned into their eight columns.
[[gnu::always_inline]] inline void transpose8(const float* src, size_t ld_src, __m256 (&column)[8]) {
  __m256 r[8], t[8];
  for (int i = 0; i < 8; ++i) r[i] = _mm256_loadu_ps(src + i * ld_src);
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    r[i] = _mm256_shuffle_ps(t[i], t[i + 2], 0x44);
    r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], 0xEE);
    r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0x44);
    r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
  }
  for (int i = 0; i < 4; ++i) {
    column[i] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x20);
    column[i + 4] = _mm256_permute2f128_ps(r[i], r[i + 4], 0x31);
  }
}

/// Panels first .. last of op(b) as panels of `cols` columns (a multiple of 8) one after another:
/// panel j holds k rows of cols floats at packed + j * k * cols, zeros past n.
void pack_panels(const Strided& b, size_t n, size_t k, size_t cols, size_t first, size_t last, float* packed);

/// Rows i0 .. i0 + h of op(a), a stored transposed, as k steps of `rows` floats. `packed` holds
/// k * rows + packed_rows_spill(rows) floats: whole vectors are copied, each step's spill past `rows`
/// overwritten by the next.
Strided pack_rows(const Strided& a, size_t m, size_t k, size_t i0, size_t h, size_t rows, float* packed);
constexpr size_t packed_rows_spill(size_t rows) { return (rows + 7) / 8 * 8; }

/// The cache lines that the next row of tiles reads first from op(a) and writes in c, fetched a share
/// at a time while this row runs its panels: without them each of its tiles starts by waiting on memory
/// (the operands of a step's products are rarely still in cache, having been made several products ago).
class NextRows {
 public:
  NextRows(const Strided& a, size_t m, size_t n, size_t k, float* c, size_t rows, size_t panels)
      : a_(a), m_(m), n_(n), k_(k), c_(c), rows_(rows), panels_(panels) {}

  /// the share of panel j of the row of tiles that starts at i0
  void fetch(size_t i0, size_t j) const;

 private:
  // a block of memory as `count` runs of `per_run` lines, runs `stride` floats apart
  struct Lines {
    const float* first;
    size_t stride, count, per_run;
    size_t total() const { return count * per_run; }
    void fetch(size_t from, size_t to) const;  // lines from .. to, in order
  };
  static size_t lines(size_t floats);

  Strided a_;
  size_t m_, n_, k_;
  float* c_;
  size_t rows_, panels_;
};

/// The AVX-512 tiles (ordered_gemm_avx512.cpp): c = finish(op(a) op(b)) for n > 4, on a CPU that has
/// AVX-512F. `wide` picks two vectors of 16 columns per tile row, else one.
void avx512_tiles(bool wide, const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c,
                  const GemmFinish& f);

#endif

}  // namespace autodiff::gemm
