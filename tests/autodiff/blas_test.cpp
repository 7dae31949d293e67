// Tests for autodiff/blas.cpp: gemm against a plain triple loop for every transpose combination and
// narrow shapes, affine against its definition, and the GEMV. (ordered_gemm_test checks the float
// kernel's bits.)
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "autodiff/blas.h"
#include "autodiff/rng.h"

namespace autodiff {
namespace {

struct Case {
  bool trans_a, trans_b;
  size_t m, n, k;
};

std::vector<float> random_values(size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(rng.uniform(-1, 1));
  return v;
}

// op(a)(i, p) and op(b)(p, j) of row-major storage
float at_a(const Case& c, const std::vector<float>& a, size_t i, size_t p) { return c.trans_a ? a[p * c.m + i] : a[i * c.k + p]; }
float at_b(const Case& c, const std::vector<float>& b, size_t p, size_t j) { return c.trans_b ? b[j * c.k + p] : b[p * c.n + j]; }

void expect_gemm_matches_loops(const Case& c, float beta) {
  Rng rng(c.m * 100 + c.n * 10 + c.k);
  const std::vector<float> a = random_values(c.m * c.k, rng), b = random_values(c.k * c.n, rng);
  std::vector<float> out = random_values(c.m * c.n, rng);
  const std::vector<float> before = out;
  // beta = 0 must not read c: a NaN there must not leak into the result
  if (beta == 0.0f) out.assign(out.size(), std::numeric_limits<float>::quiet_NaN());
  gemm(c.trans_a, c.trans_b, c.m, c.n, c.k, 0.5f, a.data(), b.data(), beta, out.data());
  for (size_t i = 0; i < c.m; ++i) {
    for (size_t j = 0; j < c.n; ++j) {
      double expected = beta * static_cast<double>(before[i * c.n + j]);
      for (size_t p = 0; p < c.k; ++p) expected += 0.5 * at_a(c, a, i, p) * at_b(c, b, p, j);
      EXPECT_NEAR(out[i * c.n + j], expected, 1e-5) << "ta=" << c.trans_a << " tb=" << c.trans_b << " m=" << c.m
                                                    << " n=" << c.n << " k=" << c.k << " beta=" << beta << " at (" << i
                                                    << ", " << j << ")";
    }
  }
}

TEST(Gemm, MatchesLoopsForEveryTransposeAndRoutedShape) {
  for (bool ta : {false, true}) {
    for (bool tb : {false, true}) {
      for (const auto& [m, n, k] : {std::array<size_t, 3>{7, 5, 3}, {9, 1, 6}, {6, 8, 1}, {1, 4, 5}}) {
        for (float beta : {0.0f, 1.0f, 0.25f}) expect_gemm_matches_loops({ta, tb, m, n, k}, beta);
      }
    }
  }
}

// affine in float: the bits of bias rows, a gemm with beta 1 on them, then std::max; in double the same
// values to rounding
TEST(Affine, IsBiasRowsPlusProductThenRelu) {
  Rng rng(7);
  const size_t m = 13, n = 23, k = 9;
  const std::vector<float> x = random_values(m * k, rng), w = random_values(k * n, rng), bias = random_values(n, rng);
  for (bool relu : {false, true}) {
    std::vector<float> fused(m * n), staged(m * n);
    affine(m, n, k, x.data(), w.data(), bias.data(), relu, fused.data());
    for (size_t i = 0; i < m; ++i) std::copy(bias.begin(), bias.end(), staged.begin() + i * n);
    gemm(false, false, m, n, k, 1.0f, x.data(), w.data(), 1.0f, staged.data());
    if (relu)
      for (float& y : staged) y = std::max(y, 0.0f);
    for (size_t i = 0; i < fused.size(); ++i) EXPECT_EQ(fused[i], staged[i]) << "relu=" << relu << " at " << i;

    const std::vector<double> xd(x.begin(), x.end()), wd(w.begin(), w.end()), bd(bias.begin(), bias.end());
    std::vector<double> yd(m * n);
    affine(m, n, k, xd.data(), wd.data(), bd.data(), relu, yd.data());
    for (size_t i = 0; i < yd.size(); ++i) EXPECT_NEAR(yd[i], fused[i], 1e-5) << "relu=" << relu << " at " << i;
  }
}

TEST(GemvTransposed, MatchesLoops) {
  Rng rng(3);
  const size_t k = 6, n = 4;
  const std::vector<float> w = random_values(k * n, rng), x = random_values(k, rng);
  std::vector<float> y(n, 1.0f);
  gemv_transposed(k, n, 2.0f, w.data(), x.data(), 1.0f, y.data());
  for (size_t j = 0; j < n; ++j) {
    double expected = 1.0;
    for (size_t p = 0; p < k; ++p) expected += 2.0 * w[p * n + j] * x[p];
    EXPECT_NEAR(y[j], expected, 1e-5) << j;
  }
}

}  // namespace
}  // namespace autodiff
