// Why our own kernel: OpenBLAS splits some sums and not others depending on the shape, the kernel family
// it picks for the CPU and its version, so the same step could give other bits elsewhere. Summing every
// element in k order fixes its bits, and a tile of independent sums still fills the FMA units. Owning
// the kernel also lets a layer's bias and ReLU be applied as each tile is stored, where they were
// passes of their own over the output: with both, an IQL update runs about 3% faster than on OpenBLAS.
//
// Layout: c is cut into tiles of 12/V rows by V vectors of 8 columns (12 accumulators). op(b) is packed
// once per product into panels of 8V columns (k rows each, zeros past n), which stay in L2; each row
// of tiles then runs over every panel with its rows of op(a) in L1: read in place when a is stored
// by rows, packed first when it is stored transposed (in place, its k steps would sit a cache line
// each, 1 KB apart, which L1 maps onto a few sets only). Products at most kNarrow wide (the heads)
// put the lanes along rows of c instead, where a tile would be mostly zeros.
#include "autodiff/ordered_gemm.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

namespace autodiff {
namespace {

// an operand in place: element (r, s) of op(x) is data[r * row + s * col]
struct Strided {
  const float* data;
  size_t row, col;
  float operator()(size_t r, size_t s) const { return data[r * row + s * col]; }
};

Strided op_a(bool trans_a, const float* a, size_t m, size_t k) {
  return trans_a ? Strided{a, 1, m} : Strided{a, k, 1};
}
Strided op_b(bool trans_b, const float* b, size_t n, size_t k) {
  return trans_b ? Strided{b, 1, k} : Strided{b, n, 1};
}

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

// working memory of this thread (one block per use), on a cache line boundary so that no vector load
// of it spans two lines
template <int Use>
float* scratch(size_t size) {
  constexpr size_t kLine = 64 / sizeof(float);
  thread_local std::vector<float> buffer;
  if (buffer.size() < size + kLine) buffer.resize(size + kLine);
  const uintptr_t address = reinterpret_cast<uintptr_t>(buffer.data());
  return buffer.data() + (kLine - address / sizeof(float) % kLine) % kLine;
}

#if defined(__AVX2__) && defined(__FMA__)

template <int V>
constexpr size_t kTileRows = 12 / V;

// eight rows of eight floats (src, rows ld_src apart) turned into their eight columns
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

// columns j0 .. j0 + w of op(b) as k rows of `cols` floats, zeros past w
void pack_panel(const Strided& b, size_t k, size_t j0, size_t w, size_t cols, float* panel) {
  if (b.col == 1) {
    for (size_t p = 0; p < k; ++p)
      for (size_t q = 0; q < w; ++q) panel[p * cols + q] = b.data[p * b.row + j0 + q];
  } else {  // op(b) = b^T: the panel's columns are rows of b, turned eight by eight
    size_t q = 0;
    for (; q + 8 <= w; q += 8) {
      const float* rows = b.data + (j0 + q) * b.col;
      size_t p = 0;
      for (; p + 8 <= k; p += 8) {
        __m256 column[8];
        transpose8(rows + p, b.col, column);
        for (size_t t = 0; t < 8; ++t) _mm256_storeu_ps(panel + (p + t) * cols + q, column[t]);
      }
      for (; p < k; ++p)
        for (size_t t = 0; t < 8; ++t) panel[p * cols + q + t] = rows[t * b.col + p];
    }
    for (; q < w; ++q)
      for (size_t p = 0; p < k; ++p) panel[p * cols + q] = b(p, j0 + q);
  }
  if (w < cols)
    for (size_t p = 0; p < k; ++p) std::fill(panel + p * cols + w, panel + (p + 1) * cols, 0.0f);
}

// lanes of the v-th vector of a tile row that lie within its w columns
__m256i lanes_within(size_t w, int v) {
  const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(w) - 8 * v), lane);
}

// the finish of 8 sums (finished() on each) stored at out, the lanes in `within` alone when not full
struct VectorFinish {
  __m256 alpha, beta, zero;
  bool accumulate, relu;
  explicit VectorFinish(const GemmFinish& f)
      : alpha(_mm256_set1_ps(f.alpha)), beta(_mm256_set1_ps(f.beta)), zero(_mm256_setzero_ps()),
        accumulate(!f.bias && f.beta != 0.0f), relu(f.relu) {}

  __m256 load(const float* from, bool full, __m256i within) const {
    return full ? _mm256_loadu_ps(from) : _mm256_maskload_ps(from, within);
  }
  void store(__m256 sum, __m256 bias, float* out, bool full, __m256i within) const {
    const __m256 addend = accumulate ? _mm256_mul_ps(beta, load(out, full, within)) : bias;
    __m256 y = _mm256_fmadd_ps(alpha, sum, addend);
    if (relu) y = _mm256_max_ps(zero, y);  // (0 > y) ? 0 : y, which keeps NaN and -0 as std::max does
    if (full)
      _mm256_storeu_ps(out, y);
    else
      _mm256_maskstore_ps(out, within, y);
  }
};

// one tile: R rows of op(a) from a (rows a_row apart, steps a_col apart) against a packed panel
template <int V, int R>
void tile(size_t k, const float* a, size_t a_row, size_t a_col, const float* panel, float* c, size_t ldc,
          size_t w, const float* bias, const GemmFinish& f) {
  __m256 sum[R][V];
#pragma GCC unroll 12
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 2
    for (int v = 0; v < V; ++v) sum[r][v] = _mm256_setzero_ps();
#pragma GCC unroll 4
  for (size_t p = 0; p < k; ++p, a += a_col, panel += 8 * V) {
    __m256 b[V];
#pragma GCC unroll 2
    for (int v = 0; v < V; ++v) b[v] = _mm256_loadu_ps(panel + 8 * v);
#pragma GCC unroll 12
    for (int r = 0; r < R; ++r) {
      const __m256 x = _mm256_broadcast_ss(a + r * a_row);
#pragma GCC unroll 2
      for (int v = 0; v < V; ++v) sum[r][v] = _mm256_fmadd_ps(x, b[v], sum[r][v]);
    }
  }
  const VectorFinish finish(f);
  const bool full = w == 8 * V;
  __m256i within[V];
  __m256 bias_v[V];
#pragma GCC unroll 2
  for (int v = 0; v < V; ++v) {
    within[v] = lanes_within(w, v);
    bias_v[v] = bias ? finish.load(bias + 8 * v, full, within[v]) : finish.zero;
  }
#pragma GCC unroll 12
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 2
    for (int v = 0; v < V; ++v) finish.store(sum[r][v], bias_v[v], c + r * ldc + 8 * v, full, within[v]);
}

// a tile of `rows` rows (at most R), R fixed at compile time so that its sums stay in registers
template <int V, int R = static_cast<int>(kTileRows<V>)>
void tile_of(size_t rows, size_t k, const float* a, size_t a_row, size_t a_col, const float* panel, float* c,
             size_t ldc, size_t w, const float* bias, const GemmFinish& f) {
  if constexpr (R > 1) {
    if (rows < static_cast<size_t>(R)) return tile_of<V, R - 1>(rows, k, a, a_row, a_col, panel, c, ldc, w, bias, f);
  }
  tile<V, R>(k, a, a_row, a_col, panel, c, ldc, w, bias, f);
}

// rows i0 .. i0 + h of op(a) when a is stored transposed, as k steps of `rows` floats
Strided pack_rows(const Strided& a, size_t m, size_t k, size_t i0, size_t h, size_t rows, float* packed) {
  const float* from = a.data + i0;
  if (h == rows && i0 + 16 <= m) {  // two vectors per step, the spill past `rows` overwritten by the next
    for (size_t p = 0; p < k; ++p, from += a.col) {
      _mm256_storeu_ps(packed + p * rows, _mm256_loadu_ps(from));
      _mm256_storeu_ps(packed + p * rows + 8, _mm256_loadu_ps(from + 8));
    }
  } else {
    for (size_t p = 0; p < k; ++p, from += a.col) std::copy_n(from, h, packed + p * rows);
  }
  return {packed, 1, rows};
}

// The cache lines that the next row of tiles reads first from op(a) and writes in c, fetched a share
// at a time while this row runs its panels: without them each of its tiles starts by waiting on memory
// (the operands of a step's products are rarely still in cache, having been made several products ago).
class NextRows {
 public:
  NextRows(const Strided& a, size_t m, size_t n, size_t k, float* c, size_t rows, size_t panels)
      : a_(a), m_(m), n_(n), k_(k), c_(c), rows_(rows), panels_(panels) {}

  // the share of panel j of the row of tiles that starts at i0
  void fetch(size_t i0, size_t j) const {
    const size_t next = i0 + rows_;
    if (next >= m_) return;
    const size_t h = std::min(rows_, m_ - next);
    const size_t a_lines = a_.row == 1 ? k_ : h * lines(k_), c_lines = h * lines(n_);
    const size_t total = a_lines + c_lines, share = (total + panels_ - 1) / panels_;
    for (size_t t = j * share; t < std::min(total, (j + 1) * share); ++t) {
      if (t < a_lines)
        _mm_prefetch(reinterpret_cast<const char*>(a_line(next, t)), _MM_HINT_T0);
      else
        _mm_prefetch(reinterpret_cast<const char*>(c_ + (next + (t - a_lines) / lines(n_)) * n_ +
                                                   (t - a_lines) % lines(n_) * kLine), _MM_HINT_T0);
    }
  }

 private:
  static constexpr size_t kLine = 64 / sizeof(float);
  static size_t lines(size_t floats) { return (floats + kLine - 1) / kLine; }
  // line t of rows next .. of op(a): one per step when a is stored transposed, else along each row
  const float* a_line(size_t next, size_t t) const {
    if (a_.row == 1) return a_.data + next + t * a_.col;
    return a_.data + (next + t / lines(k_)) * a_.row + t % lines(k_) * kLine;
  }

  Strided a_;
  size_t m_, n_, k_;
  float* c_;
  size_t rows_, panels_;
};

// op(b) as panels of `cols` columns one after another (panel j: k rows of cols floats, zeros past n).
// When b is stored by rows, the whole panels are filled row by row of b, as memory holds it: a b not
// in cache then streams in order, where panel by panel it came in one line per row and pass.
void pack_panels(const Strided& b, size_t n, size_t k, size_t cols, float* packed) {
  size_t j0 = 0;
  if (b.col == 1) {
    const size_t whole = n / cols * cols;
    for (size_t p = 0; p < k; ++p)
      for (size_t j = 0; j < whole; j += 8)
        _mm256_storeu_ps(packed + (j / cols * k + p) * cols + j % cols, _mm256_loadu_ps(b.data + p * b.row + j));
    j0 = whole;
  }
  for (; j0 < n; j0 += cols) pack_panel(b, k, j0, std::min(cols, n - j0), cols, packed + j0 * k);
}

template <int V>
void tiled(const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c, const GemmFinish& f) {
  constexpr size_t cols = 8 * V, rows = kTileRows<V>;
  const size_t panels = (n + cols - 1) / cols;
  float* packed_b = scratch<0>(panels * k * cols);
  pack_panels(b, n, k, cols, packed_b);
  float* packed_a = scratch<1>(k * rows + 16);
  const NextRows next_rows(a, m, n, k, c, rows, panels);
  for (size_t i0 = 0; i0 < m; i0 += rows) {
    const size_t h = std::min(rows, m - i0);
    // packed only when the row of tiles runs over more than one panel: once, reading in place costs less
    const Strided ai = a.row == 1 && panels > 1 ? pack_rows(a, m, k, i0, h, rows, packed_a)
                                                : Strided{a.data + i0 * a.row, a.row, a.col};
    for (size_t j = 0; j < panels; ++j) {
      const size_t j0 = j * cols;
      next_rows.fetch(i0, j);
      tile_of<V>(h, k, ai.data, ai.row, ai.col, packed_b + j * k * cols, c + i0 * n + j0, n,
                 std::min(cols, n - j0), f.bias ? f.bias + j0 : nullptr, f);
    }
  }
}

// Products at most kNarrow wide (the heads' forward and weight gradient): a tile's 8 lanes would be
// mostly zeros there, so the lanes run down the rows of c instead, Blocks row blocks of 8 at a time
// (independent sums, as one alone would wait on each FMA's latency). Column p of 8 rows of op(a) is
// one load when a is stored transposed, else a row of an 8x8 transpose of the rows' next 8 elements.
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
      for (size_t r = 0; r < Blocks; ++r) transpose8(a.data + (i0 + 8 * r) * a.row + p, a.row, columns[r]);
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

void narrow(const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c, const GemmFinish& f) {
  size_t i0 = 0;
  for (; i0 + 32 <= m; i0 += 32) narrow_rows<4>(a, b, n, k, i0, c, f);
  for (; i0 + 8 <= m; i0 += 8) narrow_rows<1>(a, b, n, k, i0, c, f);
  for (; i0 < m; ++i0)  // the last rows, one element at a time
    for (size_t j = 0; j < n; ++j) c[i0 * n + j] = finished(f, ordered_sum(a, b, i0, j, k), j, c + i0 * n + j);
}

#else

// Without AVX2 and FMA (another CPU, or -DIQL_AVX2=OFF): row by row of c, each row's sums advanced
// one step of k at a time over a contiguous row of op(b), which the compiler vectorises where the
// target has an FMA instruction. The same bits; about 5x the vector kernel's time with FMA (measured
// with -mfma alone), about 100x without it, where each std::fma is a library call.
void rows_in_order(const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c,
                   const GemmFinish& f) {
  float* b_rows = scratch<0>(k * n + n);  // op(b) by rows, then one row of sums
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

#endif

}  // namespace

void ordered_gemm_reference(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a,
                            const float* b, float* c, const GemmFinish& finish) {
  const Strided sa = op_a(trans_a, a, m, k), sb = op_b(trans_b, b, n, k);
  for (size_t i = 0; i < m; ++i)
    for (size_t j = 0; j < n; ++j) c[i * n + j] = finished(finish, ordered_sum(sa, sb, i, j, k), j, c + i * n + j);
}

void ordered_gemm(bool trans_a, bool trans_b, size_t m, size_t n, size_t k, const float* a, const float* b,
                  float* c, const GemmFinish& finish) {
#if defined(__AVX2__) && defined(__FMA__)
  if (m == 0 || n == 0) return;
  const Strided sa = op_a(trans_a, a, m, k), sb = op_b(trans_b, b, n, k);
  if (n <= kNarrow) return narrow(sa, sb, m, n, k, c, finish);
  // one vector per tile row when the product is at most 8 wide: a panel of 16 would be half zeros
  if (n <= 8) return tiled<1>(sa, sb, m, n, k, c, finish);
  tiled<2>(sa, sb, m, n, k, c, finish);
#else
  rows_in_order(op_a(trans_a, a, m, k), op_b(trans_b, b, n, k), m, n, k, c, finish);
#endif
}

}  // namespace autodiff
