// The tile kernel of ordered_gemm, written once over a vector instruction set `Simd` and compiled
// once per set: in ordered_gemm.cpp for AVX2, in ordered_gemm_avx512.cpp for AVX-512. The templates sit
// in an unnamed namespace so that each file keeps its own copy, built for its own instructions.
//
// c is cut into tiles of Simd::kAccumulators / V rows by V vectors (Simd::kLanes columns each), whose
// sums stay in registers, over panels of op(b): V vectors of columns, k rows each. The panels are read
// in place when b is stored by rows and n is whole panels wide (a forward pass's weights, a weight
// gradient's output gradient); otherwise op(b) is packed once per product into panels (zeros past n),
// which stay in L2. A panel read in place streams from L2 as a packed one does: its rows are one
// stride apart, which the prefetchers follow, and packing had cost ~7% of an update. The pool's threads
// share the tiles (gemm_split.h), each row of tiles running over its panels with its rows of op(a) in
// L1: read in place when a is stored by rows, packed first when it is stored transposed (in place, its
// k steps would sit a cache line each, 1 KB apart, which L1 maps onto a few sets only).
//
// Simd provides: Vec and Mask types; kLanes and kAccumulators; zero, set1, load, broadcast, fmadd,
// mul, max (NaN and -0 of its second operand kept, as std::max(0, y) keeps them), store, and
// lanes_within(w, v) with masked_load / masked_store for a tile row's last, partial vector.
#pragma once
#include <cstddef>

#include "autodiff/gemm_operands.h"
#include "autodiff/gemm_split.h"
#include "autodiff/thread_pool.h"

namespace autodiff::gemm {
namespace {

// the finish of one vector of sums (c = fma(alpha, s, addend), then ReLU) stored at out
template <class Simd>
struct VectorFinish {
  using Vec = typename Simd::Vec;
  using Mask = typename Simd::Mask;
  Vec alpha, beta, zero;
  bool accumulate, relu;
  explicit VectorFinish(const GemmFinish& f)
      : alpha(Simd::set1(f.alpha)), beta(Simd::set1(f.beta)), zero(Simd::zero()),
        accumulate(!f.bias && f.beta != 0.0f), relu(f.relu) {}

  Vec load(const float* from, bool full, Mask within) const {
    return full ? Simd::load(from) : Simd::masked_load(from, within);
  }
  void store(Vec sum, Vec bias, float* out, bool full, Mask within) const {
    const Vec addend = accumulate ? Simd::mul(beta, load(out, full, within)) : bias;
    Vec y = Simd::fmadd(alpha, sum, addend);
    if (relu) y = Simd::max(zero, y);
    if (full)
      Simd::store(out, y);
    else
      Simd::masked_store(out, within, y);
  }
};

// op(b)'s panels as the tiles read them: panel j's k rows start at first + j * next, `step` floats apart
struct Panels {
  const float* first;
  size_t next, step;
  const float* panel(size_t j) const { return first + j * next; }
};

// one tile: R rows of op(a) from a (rows a_row apart, steps a_col apart) against a panel (rows `step` apart)
template <class Simd, int V, int R>
void tile(size_t k, const float* a, size_t a_row, size_t a_col, const float* panel, size_t step, float* c,
          size_t ldc, size_t w, const float* bias, const GemmFinish& f) {
  using Vec = typename Simd::Vec;
  constexpr size_t kLanes = Simd::kLanes;
  Vec sum[R][V];
#pragma GCC unroll 24
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 2
    for (int v = 0; v < V; ++v) sum[r][v] = Simd::zero();
#pragma GCC unroll 4
  for (size_t p = 0; p < k; ++p, a += a_col, panel += step) {
    Vec b[V];
#pragma GCC unroll 2
    for (int v = 0; v < V; ++v) b[v] = Simd::load(panel + kLanes * v);
#pragma GCC unroll 24
    for (int r = 0; r < R; ++r) {
      const Vec x = Simd::broadcast(a + r * a_row);
#pragma GCC unroll 2
      for (int v = 0; v < V; ++v) sum[r][v] = Simd::fmadd(x, b[v], sum[r][v]);
    }
  }
  const VectorFinish<Simd> finish(f);
  const bool full = w == kLanes * V;
  typename Simd::Mask within[V];
  Vec bias_v[V];
#pragma GCC unroll 2
  for (int v = 0; v < V; ++v) {
    within[v] = Simd::lanes_within(w, v);
    bias_v[v] = bias ? finish.load(bias + kLanes * v, full, within[v]) : finish.zero;
  }
#pragma GCC unroll 24
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 2
    for (int v = 0; v < V; ++v) finish.store(sum[r][v], bias_v[v], c + r * ldc + kLanes * v, full, within[v]);
}

template <class Simd, int V>
constexpr size_t kTileRows = Simd::kAccumulators / V;

// a tile of `rows` rows (at most R), R fixed at compile time so that its sums stay in registers
template <class Simd, int V, int R = static_cast<int>(kTileRows<Simd, V>)>
void tile_of(size_t rows, size_t k, const float* a, size_t a_row, size_t a_col, const float* panel, size_t step,
             float* c, size_t ldc, size_t w, const float* bias, const GemmFinish& f) {
  if constexpr (R > 1) {
    if (rows < static_cast<size_t>(R))
      return tile_of<Simd, V, R - 1>(rows, k, a, a_row, a_col, panel, step, c, ldc, w, bias, f);
  }
  tile<Simd, V, R>(k, a, a_row, a_col, panel, step, c, ldc, w, bias, f);
}

// one thread's block of c's tiles, tile row by tile row, each row of tiles over the block's panels
template <class Simd, int V>
void tile_block(const Strided& a, size_t m, size_t n, size_t k, const Panels& b, float* c, const GemmFinish& f,
                const TileBlock& block) {
  constexpr size_t cols = Simd::kLanes * V, rows = kTileRows<Simd, V>;
  const size_t row_end = block.row_end * rows < m ? block.row_end * rows : m;
  const size_t panels = block.panel_end - block.panel_begin;
  float* packed_a = rows_scratch(k * rows + packed_rows_spill(rows));
  const NextRows next_rows(a, row_end, n, k, c, rows, panels);
  for (size_t i0 = block.row_begin * rows; i0 < row_end; i0 += rows) {
    const size_t h = row_end - i0 < rows ? row_end - i0 : rows;
    // packed only when the row of tiles runs over more than one panel: once, reading in place costs less
    const Strided ai = a.row == 1 && panels > 1 ? pack_rows(a, m, k, i0, h, rows, packed_a)
                                                : Strided{a.data + i0 * a.row, a.row, a.col};
    for (size_t j = block.panel_begin; j < block.panel_end; ++j) {
      const size_t j0 = j * cols;
      next_rows.fetch(i0, j - block.panel_begin);
      tile_of<Simd, V>(h, k, ai.data, ai.row, ai.col, b.panel(j), b.step, c + i0 * n + j0, n,
                       n - j0 < cols ? n - j0 : cols, f.bias ? f.bias + j0 : nullptr, f);
    }
  }
}

// c = finish(op(a) op(b)), the tiles shared by the pool's threads. A packed op(b) is packed once per
// product, by the same threads: each packs the panels it runs over when they take runs of panels; when
// they take runs of rows, all of them need every panel, so they pack shares of them in a job of its own
// first.
template <class Simd, int V>
void tiled(const Strided& a, const Strided& b, size_t m, size_t n, size_t k, float* c, const GemmFinish& f) {
  constexpr size_t cols = Simd::kLanes * V, rows = kTileRows<Simd, V>;
  const size_t panels = (n + cols - 1) / cols;
  const TileSplit split((m + rows - 1) / rows, panels, m, n, k, available_threads());
  const size_t parts = split.parts();
  if (b.col == 1 && n % cols == 0) {
    const Panels in_place{b.data, cols, b.row};
    return parallel_run(parts, [&](size_t t) { tile_block<Simd, V>(a, m, n, k, in_place, c, f, split.block(t)); });
  }
  float* packed_b = panels_scratch(panels * k * cols);
  if (split.by_rows()) {
    parallel_run(parts, [&](size_t t) { pack_panels(b, n, k, cols, panels * t / parts, panels * (t + 1) / parts, packed_b); });
  }
  const Panels packed{packed_b, k * cols, cols};
  parallel_run(parts, [&](size_t t) {
    const TileBlock block = split.block(t);
    if (!split.by_rows()) pack_panels(b, n, k, cols, block.panel_begin, block.panel_end, packed_b);
    tile_block<Simd, V>(a, m, n, k, packed, c, f, block);
  });
}

}  // namespace
}  // namespace autodiff::gemm
