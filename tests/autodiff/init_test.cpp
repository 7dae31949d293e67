// Tests for autodiff/init.cpp.
#include <gtest/gtest.h>

#include "autodiff/init.h"

namespace autodiff {
namespace {

constexpr double kOrthoTolerance = 1e-5;  // float rounding of a unit-norm 256-vector

// max |(M^T M)_ij - gain^2 I_ij| over the Gram matrix of the columns (or rows when wide)
double orthogonality_error(const Matrix<float>& m, double gain, bool rows) {
  const size_t n = rows ? m.shape(0) : m.shape(1), len = rows ? m.shape(1) : m.shape(0);
  double worst = 0.0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double dot = 0.0;
      for (size_t k = 0; k < len; ++k)
        dot += rows ? double(m(i, k)) * m(j, k) : double(m(k, i)) * m(k, j);
      worst = std::max(worst, std::abs(dot - (i == j ? gain * gain : 0.0)) / (gain * gain));
    }
  return worst;
}

TEST(OrthogonalInit, TallMatrixHasOrthonormalColumnsTimesGain) {
  Rng rng(0);
  const double gain = std::sqrt(2.0);
  EXPECT_LT(orthogonality_error(orthogonal<float>(256, 64, gain, rng), gain, false), kOrthoTolerance);
}

TEST(OrthogonalInit, SquareMatrixIsOrthogonalTimesGain) {
  Rng rng(1);
  EXPECT_LT(orthogonality_error(orthogonal<float>(256, 256, 1.0, rng), 1.0, false), kOrthoTolerance);
}

TEST(OrthogonalInit, WideMatrixHasOrthonormalRowsTimesGain) {
  Rng rng(2);
  const double gain = std::sqrt(2.0);
  EXPECT_LT(orthogonality_error(orthogonal<float>(11, 256, gain, rng), gain, true), kOrthoTolerance);
}

TEST(OrthogonalInit, SameSeedSameBits) {
  Rng a(3), b(3);
  EXPECT_EQ(orthogonal<float>(17, 256, 1.0, a), orthogonal<float>(17, 256, 1.0, b));
}

TEST(UniformInit, StaysWithinTheBound) {
  Rng rng(4);
  for (float v : uniform<float>(64, 64, 0.125, rng)) {
    ASSERT_GE(v, -0.125f);
    ASSERT_LE(v, 0.125f);
  }
}

}  // namespace
}  // namespace autodiff
