// Tests for autodiff/adam.cpp.
#include <gtest/gtest.h>

#include "autodiff/adam.h"

namespace autodiff {
namespace {

TEST(Adam, FirstStepMovesEachParamByLrAgainstItsGradientSign) {
  // m = (1-b1) g, v = (1-b2) g^2; corrected: m/(1-b1) = g, v/(1-b2) = g^2 => step = lr g/|g|
  Param<double> p(Matrix<double>{{1.0, -3.0}});
  p.grad = Matrix<double>{{0.5, -2.0}};
  p.has_grad = true;
  ParamList<double> list;
  list.add("p", p);
  Adam<double> adam(list, AdamConfig{});
  adam.step(0.1);
  EXPECT_NEAR(p.value(0, 0), 0.9, 1e-7);
  EXPECT_NEAR(p.value(0, 1), -2.9, 1e-7);
  EXPECT_EQ(adam.step_count(), 1);
}

TEST(Adam, SecondStepMatchesTheBiasCorrectedFormula) {
  Param<double> p(Matrix<double>{{0.0}});
  ParamList<double> list;
  list.add("p", p);
  Adam<double> adam(list, AdamConfig{0.9, 0.999, 1e-8});
  for (double g : {1.0, 3.0}) {
    p.grad = Matrix<double>{{g}};
    p.has_grad = true;
    adam.step(0.01);
  }
  // by hand: m = 0.9*0.1 + 0.1*3 = 0.39, v = 0.999*0.001 + 0.001*9 = 0.009999
  const double m_hat = 0.39 / (1 - 0.81), v_hat = 0.009999 / (1 - 0.999 * 0.999);
  const double first = -0.01 * 1.0 / (1.0 + 1e-8);  // m_hat = 1, v_hat = 1 after step one
  const double expected = first - 0.01 * m_hat / (std::sqrt(v_hat) + 1e-8);
  EXPECT_NEAR(p.value(0, 0), expected, 1e-12);
}

TEST(Adam, ParamWithoutGradientGetsAZeroGradientUpdate) {
  Param<double> p(Matrix<double>{{2.0}});
  ParamList<double> list;
  list.add("p", p);
  Adam<double> adam(list, AdamConfig{});
  adam.step(0.1);
  EXPECT_EQ(p.value(0, 0), 2.0);
}

TEST(CosineDecay, GoesFromLrToZeroAndStaysThere) {
  EXPECT_DOUBLE_EQ(cosine_decay(3e-4, 0, 100), 3e-4);
  EXPECT_NEAR(cosine_decay(3e-4, 50, 100), 1.5e-4, 1e-18);
  EXPECT_NEAR(cosine_decay(3e-4, 25, 100), 3e-4 * 0.5 * (1 + std::sqrt(0.5)), 1e-18);
  EXPECT_NEAR(cosine_decay(3e-4, 100, 100), 0.0, 1e-18);
  EXPECT_NEAR(cosine_decay(3e-4, 150, 100), 0.0, 1e-18);
}

}  // namespace
}  // namespace autodiff
