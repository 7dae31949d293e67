// Tests for autodiff/ordered_gemm.cpp: every kernel this machine runs (portable, AVX2 and, on a CPU that
// has it, AVX-512) gives the reference's bits (each element summed in k order) for every transpose, every
// finish and shapes that cover every tile and edge path, on any number of threads; the reference itself
// is the product; and an element's bits depend on its inputs alone.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "autodiff/ordered_gemm.h"
#include "autodiff/rng.h"
#include "autodiff/thread_pool.h"

namespace autodiff {
namespace {

std::vector<float> random_values(size_t n, Rng& rng) {
  std::vector<float> v(n);
  for (float& x : v) x = static_cast<float>(rng.uniform(-1, 1));
  return v;
}

size_t differing(const std::vector<float>& x, const std::vector<float>& y) {
  size_t count = 0;
  for (size_t i = 0; i < x.size(); ++i) count += std::memcmp(&x[i], &y[i], sizeof(float)) != 0;
  return count;
}

struct Product {
  bool trans_a, trans_b;
  size_t m, n, k;
  std::string name() const {
    return std::string(trans_a ? "T" : "N") + (trans_b ? "T" : "N") + " m=" + std::to_string(m) +
           " n=" + std::to_string(n) + " k=" + std::to_string(k);
  }
};

// the finishes a step uses: overwrite, accumulate, scaled, and a layer's bias with ReLU
std::vector<GemmFinish> finishes(const std::vector<float>& bias) {
  GemmFinish overwrite, accumulate, scaled, layer;
  accumulate.beta = 1.0f;
  scaled.alpha = 0.5f;
  scaled.beta = 0.25f;
  layer.bias = bias.data();
  layer.relu = true;
  return {overwrite, accumulate, scaled, layer};
}

// the kernels under test, recorded in the test's XML output so that a run shows which ones it covered
std::vector<GemmKernel> kernels_under_test() {
  const std::vector<GemmKernel> kernels = runnable_gemm_kernels();
  std::string names;
  for (GemmKernel kernel : kernels) names += std::string(names.empty() ? "" : " ") + gemm_kernel_name(kernel);
  ::testing::Test::RecordProperty("kernels", names);
  return kernels;
}

// the product on `kernel` against the reference, with c holding `before` on entry
size_t differing_from_reference(GemmKernel kernel, const Product& p, const std::vector<float>& a,
                                const std::vector<float>& b, const std::vector<float>& before, const GemmFinish& f) {
  std::vector<float> fast = before, reference = before;
  ordered_gemm_with(kernel, p.trans_a, p.trans_b, p.m, p.n, p.k, a.data(), b.data(), fast.data(), f);
  ordered_gemm_reference(p.trans_a, p.trans_b, p.m, p.n, p.k, a.data(), b.data(), reference.data(), f);
  return differing(fast, reference);
}

// m: the AVX2 tiles' 6 and 12 rows, the AVX-512 tiles' 12 and 24, their edges, the narrow path's blocks
// of 32 and 8 and its last rows; n: the narrow path, one AVX2 vector per tile row (at 8), one AVX-512
// vector (at 16), two of either (partial and whole panels; whole panels of a b stored by rows are read
// in place: 16 and 32 and 64); k: 0, below, at and past a transpose
TEST(OrderedGemm, EveryKernelGivesTheReferenceBits) {
  Rng rng(1);
  size_t cases = 0;
  for (GemmKernel kernel : kernels_under_test()) {
    for (bool ta : {false, true}) {
      for (bool tb : {false, true}) {
        for (size_t m : {1, 5, 6, 7, 12, 13, 24, 25, 45, 70}) {
          for (size_t n : {1, 3, 4, 5, 8, 9, 16, 17, 23, 32, 33, 40, 64}) {
            for (size_t k : {0, 1, 3, 8, 19}) {
              const Product p{ta, tb, m, n, k};
              const std::vector<float> a = random_values(m * k, rng), b = random_values(k * n, rng);
              const std::vector<float> bias = random_values(n, rng), before = random_values(m * n, rng);
              for (const GemmFinish& f : finishes(bias)) {
                EXPECT_EQ(differing_from_reference(kernel, p, a, b, before, f), 0u)
                    << gemm_kernel_name(kernel) << " " << p.name() << " alpha=" << f.alpha << " beta=" << f.beta
                    << " bias=" << (f.bias != nullptr);
                ++cases;
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(cases, runnable_gemm_kernels().size() * 2 * 2 * 10 * 13 * 5 * 4);
}

// each product on random operands, c 0.5 on entry, under every finish, against the reference
template <size_t N>
void expect_reference_bits(GemmKernel kernel, const Product (&products)[N], Rng& rng, const std::string& context) {
  for (const Product& p : products) {
    const std::vector<float> a = random_values(p.m * p.k, rng), b = random_values(p.k * p.n, rng);
    const std::vector<float> bias = random_values(p.n, rng);
    for (const GemmFinish& f : finishes(bias))
      EXPECT_EQ(differing_from_reference(kernel, p, a, b, std::vector<float>(p.m * p.n, 0.5f), f), 0u)
          << context << gemm_kernel_name(kernel) << " " << p.name();
  }
}

// the shapes of an IQL update at batch 256 (hidden 256; inputs 11-37; heads 1-8)
TEST(OrderedGemm, EveryKernelGivesTheReferenceBitsAtUpdateShapes) {
  const Product products[] = {{false, false, 256, 256, 256}, {false, true, 256, 256, 256}, {true, false, 256, 256, 256},
                              {false, false, 256, 256, 37},  {true, false, 37, 256, 256},  {false, false, 256, 1, 256},
                              {false, false, 256, 3, 256},   {false, false, 256, 8, 256},  {false, true, 256, 256, 1},
                              {false, true, 256, 256, 6},    {true, false, 256, 1, 256},   {true, false, 256, 6, 256},
                              {false, false, 256, 12, 256},  {true, false, 256, 12, 256}};
  Rng rng(2);
  for (GemmKernel kernel : kernels_under_test()) expect_reference_bits(kernel, products, rng, "");
}

// the products split over 1-4 threads (more than this machine may have: oversubscribed is fine) give the
// reference's bits: by rows of tiles (m large), by panels (m small, n wide), and the narrow path
TEST(OrderedGemm, EveryThreadCountGivesTheReferenceBits) {
  const Product products[] = {{false, false, 256, 256, 256}, {true, false, 17, 256, 256}, {false, true, 256, 17, 256},
                              {true, false, 256, 3, 256},    {false, false, 100, 77, 130}, {false, false, 5, 300, 64}};
  Rng rng(3);
  for (size_t threads : {1, 2, 3, 4}) {
    set_thread_count(threads);
    for (GemmKernel kernel : kernels_under_test())
      expect_reference_bits(kernel, products, rng, std::to_string(threads) + " threads, ");
  }
  set_thread_count(1);
}

// ordered_gemm runs on the last runnable kernel, the fastest
TEST(OrderedGemm, RunsOnTheFastestRunnableKernel) {
  const std::vector<GemmKernel> kernels = runnable_gemm_kernels();
  ASSERT_FALSE(kernels.empty());
  EXPECT_EQ(kernels.front(), GemmKernel::Portable);
  EXPECT_EQ(gemm_kernel(), kernels.back());
}

// the reference is the product: against a double loop, and exactly the in-order float sum by hand
TEST(OrderedGemm, ReferenceIsTheProductSummedInOrder) {
  Rng rng(3);
  const size_t m = 3, n = 4, k = 5;
  const std::vector<float> a = random_values(m * k, rng), b = random_values(n * k, rng);  // b stored (n,k)
  std::vector<float> c(m * n, 2.0f);
  GemmFinish f;
  f.alpha = 0.5f;
  f.beta = 0.25f;
  ordered_gemm_reference(false, true, m, n, k, a.data(), b.data(), c.data(), f);
  for (size_t i = 0; i < m; ++i) {
    for (size_t j = 0; j < n; ++j) {
      double exact = 0.25 * 2.0;
      float sum = 0.0f;
      for (size_t p = 0; p < k; ++p) {
        exact += 0.5 * static_cast<double>(a[i * k + p]) * b[j * k + p];
        sum = std::fma(a[i * k + p], b[j * k + p], sum);
      }
      EXPECT_NEAR(c[i * n + j], exact, 1e-6);
      EXPECT_EQ(c[i * n + j], std::fma(0.5f, sum, 0.25f * 2.0f));
    }
  }
}

// beta 0 and a bias never read c: a NaN there stays out of the result
TEST(OrderedGemm, OverwritingFinishesNeverReadC) {
  Rng rng(4);
  const size_t m = 13, n = 23, k = 9;
  const std::vector<float> a = random_values(m * k, rng), b = random_values(k * n, rng), bias = random_values(n, rng);
  GemmFinish overwrite, layer;
  layer.bias = bias.data();
  for (GemmKernel kernel : kernels_under_test()) {
    for (const GemmFinish& f : {overwrite, layer}) {
      std::vector<float> c(m * n, std::numeric_limits<float>::quiet_NaN());
      ordered_gemm_with(kernel, false, false, m, n, k, a.data(), b.data(), c.data(), f);
      for (float x : c) ASSERT_FALSE(std::isnan(x)) << gemm_kernel_name(kernel);
    }
  }
}

// ReLU keeps what std::max(y, 0) keeps: NaN, and -0 (here -1 * (+0) + (-0))
TEST(OrderedGemm, ReluKeepsNanAndNegativeZeroAsStdMax) {
  const size_t m = 8, n = 16, k = 1;
  std::vector<float> a(m * k, 1.0f), b(k * n, 0.0f), bias(n, 0.0f);
  b[0] = std::numeric_limits<float>::quiet_NaN();
  b[1] = -2.0f;
  b[2] = 3.0f;
  bias[3] = -0.0f;
  GemmFinish layer;
  layer.alpha = -1.0f;
  layer.bias = bias.data();
  layer.relu = true;
  std::vector<float> reference(m * n);
  ordered_gemm_reference(false, false, m, n, k, a.data(), b.data(), reference.data(), layer);
  for (GemmKernel kernel : kernels_under_test()) {
    std::vector<float> c(m * n);
    ordered_gemm_with(kernel, false, false, m, n, k, a.data(), b.data(), c.data(), layer);
    EXPECT_EQ(differing(c, reference), 0u) << gemm_kernel_name(kernel);
    for (size_t i = 0; i < m; ++i) {
      EXPECT_TRUE(std::isnan(c[i * n + 0])) << gemm_kernel_name(kernel) << " " << i;
      EXPECT_EQ(c[i * n + 1], 2.0f) << gemm_kernel_name(kernel) << " " << i;
      EXPECT_EQ(c[i * n + 2], 0.0f) << gemm_kernel_name(kernel) << " " << i;
      EXPECT_TRUE(c[i * n + 3] == 0.0f && std::signbit(c[i * n + 3])) << gemm_kernel_name(kernel) << " " << i;
    }
  }
}

// an element's bits depend on its inputs alone: rows computed as a product of their own, or the
// columns of a narrow head computed inside a wide product, come out the same
TEST(OrderedGemm, BitsDependOnTheElementsInputsAlone) {
  Rng rng(5);
  const size_t m = 70, n = 40, k = 19;
  const std::vector<float> a = random_values(m * k, rng), b = random_values(k * n, rng);
  std::vector<float> whole(m * n);
  ordered_gemm(false, false, m, n, k, a.data(), b.data(), whole.data(), GemmFinish{});
  // rows 7 .. 7 + 33 alone
  const size_t first = 7, rows = 33;
  std::vector<float> part(rows * n);
  ordered_gemm(false, false, rows, n, k, a.data() + first * k, b.data(), part.data(), GemmFinish{});
  EXPECT_EQ(differing(part, std::vector<float>(whole.begin() + first * n, whole.begin() + (first + rows) * n)), 0u);
  // column 5 alone, a product one wide
  std::vector<float> column_b(k), column(m);
  for (size_t p = 0; p < k; ++p) column_b[p] = b[p * n + 5];
  ordered_gemm(false, false, m, 1, k, a.data(), column_b.data(), column.data(), GemmFinish{});
  for (size_t i = 0; i < m; ++i) EXPECT_EQ(column[i], whole[i * n + 5]) << i;
}

}  // namespace
}  // namespace autodiff
