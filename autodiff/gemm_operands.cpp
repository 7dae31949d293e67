#include "autodiff/gemm_operands.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace autodiff::gemm {
namespace {

constexpr size_t kLine = 64 / sizeof(float);

// one block per use and thread, on a cache line boundary
float* aligned_scratch(std::vector<float>& buffer, size_t size) {
  if (buffer.size() < size + kLine) buffer.resize(size + kLine);
  const uintptr_t address = reinterpret_cast<uintptr_t>(buffer.data());
  return buffer.data() + (kLine - address / sizeof(float) % kLine) % kLine;
}

}  // namespace

float* panels_scratch(size_t floats) {
  thread_local std::vector<float> buffer;
  return aligned_scratch(buffer, floats);
}

float* rows_scratch(size_t floats) {
  thread_local std::vector<float> buffer;
  return aligned_scratch(buffer, floats);
}

#if defined(__AVX2__) && defined(__FMA__)
namespace {

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

}  // namespace

// When b is stored by rows, the whole panels are filled row by row of b, as memory holds it: a b not
// in cache then streams in order, where panel by panel it came in one line per row and pass.
void pack_panels(const Strided& b, size_t n, size_t k, size_t cols, size_t first, size_t last, float* packed) {
  size_t j = first;
  if (b.col == 1) {
    const size_t whole = std::max(first, std::min(last, n / cols));
    for (size_t p = 0; p < k; ++p) {
      const float* from = b.data + p * b.row + first * cols;
      for (size_t q = first; q < whole; ++q, from += cols) {
        float* to = packed + (q * k + p) * cols;
        for (size_t x = 0; x < cols; x += 8) _mm256_storeu_ps(to + x, _mm256_loadu_ps(from + x));
      }
    }
    j = whole;
  }
  for (; j < last; ++j) pack_panel(b, k, j * cols, std::min(cols, n - j * cols), cols, packed + j * cols * k);
}

Strided pack_rows(const Strided& a, size_t m, size_t k, size_t i0, size_t h, size_t rows, float* packed) {
  const float* from = a.data + i0;
  const size_t spill = packed_rows_spill(rows);
  if (h == rows && i0 + spill <= m) {
    for (size_t p = 0; p < k; ++p, from += a.col)
      for (size_t q = 0; q < spill; q += 8) _mm256_storeu_ps(packed + p * rows + q, _mm256_loadu_ps(from + q));
  } else {
    for (size_t p = 0; p < k; ++p, from += a.col) std::copy_n(from, h, packed + p * rows);
  }
  return {packed, 1, rows};
}

size_t NextRows::lines(size_t floats) { return (floats + kLine - 1) / kLine; }

// one division to find the first line, then a walk: a division per line cost as much as a tile's
// arithmetic when it ran here
void NextRows::Lines::fetch(size_t from, size_t to) const {
  if (from >= to) return;  // also when a run has no lines (k = 0)
  size_t run = from / per_run, line = from % per_run;
  for (size_t t = from; t < to; ++t) {
    _mm_prefetch(reinterpret_cast<const char*>(first + run * stride + line * kLine), _MM_HINT_T0);
    if (++line == per_run) line = 0, ++run;
  }
}

void NextRows::fetch(size_t i0, size_t j) const {
  const size_t next = i0 + rows_;
  if (next >= m_) return;
  const size_t h = std::min(rows_, m_ - next);
  // op(a)'s rows: k steps of h floats when a is stored transposed, else h rows of k floats
  const Lines a = a_.row == 1 ? Lines{a_.data + next, a_.col, k_, lines(h)}
                              : Lines{a_.data + next * a_.row, a_.row, h, lines(k_)};
  const Lines c{c_ + next * n_, n_, h, lines(n_)};
  const size_t total = a.total() + c.total(), share = (total + panels_ - 1) / panels_;
  const size_t from = std::min(total, j * share), to = std::min(total, from + share);
  a.fetch(std::min(from, a.total()), std::min(to, a.total()));
  c.fetch(std::max(from, a.total()) - a.total(), std::max(to, a.total()) - a.total());
}

#endif

}  // namespace autodiff::gemm
