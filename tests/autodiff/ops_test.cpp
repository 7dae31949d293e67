// Tests for autodiff/ops_*.cpp: every op's tape gradient against central finite differences in
// double, and the same graph in float32 against double.
#include <gtest/gtest.h>

#include "tests/autodiff/grad_check.h"

namespace autodiff::testing {
namespace {

using Inputs = std::vector<Matrix<double>>;

template <class Graph>
void expect_gradients_match(Graph graph, const Inputs& inputs) {
  const GradCheck check = grad_check(graph, inputs);
  EXPECT_LT(check.max_error, kGradTolerance)
      << "worst at input " << check.worst_input << ", element " << check.worst_index;
  EXPECT_LT(float_vs_double(graph, inputs), kFloatTolerance) << "float32 tape disagrees with double";
}

// each graph reads its inputs as xs[0], xs[1], ...
#define GRAPH(expr) [](auto&, const auto& xs) { return expr; }

TEST(MatmulOp, GradMatchesFiniteDifferences) {
  Rng rng(1);
  expect_gradients_match(GRAPH(matmul(xs[0], xs[1])),
                         {random_matrix(4, 3, rng), random_matrix(3, 2, rng)});
}

TEST(AddBiasOp, GradMatchesFiniteDifferences) {
  Rng rng(2);
  expect_gradients_match(GRAPH(add_bias(xs[0], xs[1])),
                         {random_matrix(4, 3, rng), random_matrix(1, 3, rng)});
}

TEST(LinearOp, GradMatchesFiniteDifferences) {
  Rng rng(3);
  expect_gradients_match(GRAPH(linear(xs[0], xs[1], xs[2])),
                         {random_matrix(5, 3, rng), random_matrix(3, 4, rng), random_matrix(1, 4, rng)});
}

TEST(LinearReluOp, GradMatchesFiniteDifferences) {
  Rng rng(31);
  // |b| >= 0.5 against |x w| <= 0.12 keeps every pre-activation off the kink; signs vary, so
  // both sides of the ReLU are checked
  Matrix<double> bias = away_from_zero(1, 6, rng, 0.5);
  expect_gradients_match(GRAPH(linear_relu(xs[0], xs[1], xs[2])),
                         {random_matrix(5, 3, rng, -0.2, 0.2), random_matrix(3, 6, rng, -0.2, 0.2), bias});
}

TEST(LinearReluOp, SameBitsAsLinearThenRelu) {
  Rng rng(32);
  const Inputs inputs = {random_matrix(7, 4, rng), random_matrix(4, 5, rng), random_matrix(1, 5, rng)};
  const auto fused = tape_gradients<float>(GRAPH(linear_relu(xs[0], xs[1], xs[2])), inputs);
  const auto separate = tape_gradients<float>(GRAPH(relu(linear(xs[0], xs[1], xs[2]))), inputs);
  for (size_t k = 0; k < inputs.size(); ++k) {
    for (size_t i = 0; i < fused[k].size(); ++i) EXPECT_EQ(fused[k].data()[i], separate[k].data()[i]) << k << "," << i;
  }
}

// linear_relu adds the bias after the GEMM, linear before it: the values must still agree bit for bit,
// at a size that runs through BLAS's blocked kernel and its edge tiles
TEST(LinearReluOp, SameValuesAsLinearThenRelu) {
  Rng rng(33);
  Tape<float> tape;
  Var<float> x = tape.constant(cast<float>(random_matrix(67, 37, rng)));
  Var<float> w = tape.constant(cast<float>(random_matrix(37, 45, rng)));
  Var<float> b = tape.constant(cast<float>(random_matrix(1, 45, rng)));
  const Matrix<float> fused = tape.value(linear_relu(x, w, b));
  const Matrix<float> separate = tape.value(relu(linear(x, w, b)));
  for (size_t i = 0; i < fused.size(); ++i) EXPECT_EQ(fused.data()[i], separate.data()[i]) << i;
}

TEST(ConcatColsOp, GradMatchesFiniteDifferences) {
  Rng rng(4);
  expect_gradients_match(GRAPH(concat_cols(xs[0], xs[1])),
                         {random_matrix(4, 2, rng), random_matrix(4, 3, rng)});
}

TEST(AddOp, GradMatchesFiniteDifferencesWithRowBroadcast) {
  Rng rng(5);
  expect_gradients_match(GRAPH(xs[0] + xs[1]), {random_matrix(4, 3, rng), random_matrix(1, 3, rng)});
}

TEST(AddOp, GradMatchesFiniteDifferencesWithColumnAndScalarBroadcast) {
  Rng rng(6);
  expect_gradients_match(GRAPH((xs[0] + xs[1]) + xs[2]),
                         {random_matrix(4, 1, rng), random_matrix(1, 3, rng), random_matrix(1, 1, rng)});
}

TEST(SubOp, GradMatchesFiniteDifferences) {
  Rng rng(7);
  expect_gradients_match(GRAPH(xs[0] - xs[1]), {random_matrix(4, 3, rng), random_matrix(4, 1, rng)});
}

TEST(MulOp, GradMatchesFiniteDifferences) {
  Rng rng(8);
  expect_gradients_match(GRAPH(xs[0] * xs[1]), {random_matrix(4, 3, rng), random_matrix(4, 3, rng)});
}

TEST(DivOp, GradMatchesFiniteDifferences) {
  Rng rng(9);
  expect_gradients_match(GRAPH(xs[0] / xs[1]),
                         {random_matrix(4, 3, rng), random_matrix(1, 3, rng, 0.5, 1.5)});
}

TEST(MinimumOp, GradMatchesFiniteDifferences) {
  Rng rng(10);
  expect_gradients_match(GRAPH(minimum(xs[0], xs[1])),
                         {random_matrix(4, 3, rng), random_matrix(4, 3, rng)});
}

TEST(ScaleOp, GradMatchesFiniteDifferences) {
  Rng rng(11);
  expect_gradients_match(GRAPH(2.5 * xs[0]), {random_matrix(3, 3, rng)});
}

TEST(ShiftOp, GradMatchesFiniteDifferences) {
  Rng rng(12);
  expect_gradients_match(GRAPH(1.0 - xs[0]), {random_matrix(3, 3, rng)});
}

TEST(ReluOp, GradMatchesFiniteDifferences) {
  Rng rng(13);
  expect_gradients_match(GRAPH(relu(xs[0])), {away_from_zero(4, 5, rng)});
}

TEST(TanhOp, GradMatchesFiniteDifferences) {
  Rng rng(14);
  expect_gradients_match(GRAPH(tanh(xs[0])), {random_matrix(4, 5, rng, -2, 2)});
}

TEST(ExpOp, GradMatchesFiniteDifferences) {
  Rng rng(15);
  expect_gradients_match(GRAPH(exp(xs[0])), {random_matrix(4, 5, rng)});
}

TEST(LogOp, GradMatchesFiniteDifferences) {
  Rng rng(16);
  expect_gradients_match(GRAPH(log(xs[0])), {random_matrix(4, 5, rng, 0.5, 2.0)});
}

TEST(SquareOp, GradMatchesFiniteDifferences) {
  Rng rng(17);
  expect_gradients_match(GRAPH(square(xs[0])), {random_matrix(4, 5, rng)});
}

TEST(SoftplusOp, GradMatchesFiniteDifferences) {
  Rng rng(18);
  expect_gradients_match(GRAPH(softplus(xs[0])), {random_matrix(4, 5, rng, -30, 30)});
}

TEST(ClampOp, GradMatchesFiniteDifferencesInsideAndOutsideTheRange) {
  Rng rng(19);
  Matrix<double> x = random_matrix(4, 5, rng, -1, 1);
  for (double& v : x) v = std::abs(std::abs(v) - 0.5) < 0.05 ? v + 0.1 : v;  // off the bounds
  expect_gradients_match(GRAPH(clamp(xs[0], -0.5, 0.5)), {x});
}

TEST(ClampOp, GradIsZeroOutsideTheRange) {
  Tape<double> tape;
  Var<double> x = tape.variable(Matrix<double>{{-2.0, 0.0, 3.0}});
  tape.backward(sum(clamp(x, -1.0, 1.0)));
  EXPECT_EQ(tape.grad(x), (Matrix<double>{{0.0, 1.0, 0.0}}));
}

TEST(StopGradientOp, BlocksTheGradientButKeepsTheValue) {
  Tape<double> tape;
  Var<double> x = tape.variable(Matrix<double>{{1.5, -2.0}});
  Var<double> y = x * stop_gradient(x);  // d/dx = stop(x), not 2x
  EXPECT_EQ(tape.value(y), (Matrix<double>{{2.25, 4.0}}));
  tape.backward(sum(y));
  EXPECT_EQ(tape.grad(x), (Matrix<double>{{1.5, -2.0}}));
}

TEST(SumOp, GradMatchesFiniteDifferences) {
  Rng rng(20);
  expect_gradients_match(GRAPH(sum(xs[0])), {random_matrix(4, 3, rng)});
}

TEST(MeanOp, GradMatchesFiniteDifferences) {
  Rng rng(21);
  expect_gradients_match(GRAPH(mean(xs[0])), {random_matrix(4, 3, rng)});
}

TEST(RowSumOp, GradMatchesFiniteDifferences) {
  Rng rng(22);
  expect_gradients_match(GRAPH(row_sum(xs[0])), {random_matrix(4, 3, rng)});
}

TEST(RowMeanOp, GradMatchesFiniteDifferences) {
  Rng rng(23);
  expect_gradients_match(GRAPH(row_mean(xs[0])), {random_matrix(4, 3, rng)});
}

TEST(GaussianLogProbOp, GradMatchesFiniteDifferences) {
  Rng rng(24);
  expect_gradients_match(GRAPH(gaussian_log_prob(xs[0], xs[1], xs[2])),
                         {random_matrix(5, 3, rng), random_matrix(5, 3, rng), random_matrix(1, 3, rng)});
}

TEST(GaussianLogProbOp, GradMatchesFiniteDifferencesWithALogStdPerRow) {
  Rng rng(25);
  expect_gradients_match(GRAPH(gaussian_log_prob(xs[0], xs[1], xs[2])),
                         {random_matrix(5, 3, rng), random_matrix(5, 3, rng), random_matrix(5, 3, rng)});
}

TEST(GaussianLogProbOp, RefusesALogStdOfAnotherRowCount) {
  Tape<double> tape;
  Var<double> x = tape.constant(Matrix<double>(std::array<size_t, 2>{4, 2}, 0.0));
  Var<double> log_std = tape.constant(Matrix<double>(std::array<size_t, 2>{3, 2}, 0.0));
  EXPECT_THROW(gaussian_log_prob(x, x, log_std), ShapeError);
}

// the SAC policy's log-density: a tanh-squashed reparameterised Gaussian sample, log-std clamped
TEST(TanhGaussianLogProb, GradMatchesFiniteDifferences) {
  Rng rng(26);
  expect_gradients_match(GRAPH([&] {
                           auto log_std = clamp(xs[1], -2.0, 1.0);
                           auto u = xs[0] + exp(log_std) * xs[2];
                           return gaussian_log_prob(u, xs[0], log_std) - row_sum(tanh_log_jacobian(u));
                         }()),
                         {random_matrix(5, 3, rng), random_matrix(5, 3, rng, -3, 2), random_matrix(5, 3, rng)});
}

TEST(TanhLogJacobianOp, GradMatchesFiniteDifferences) {
  Rng rng(28);
  expect_gradients_match(GRAPH(tanh_log_jacobian(xs[0])), {random_matrix(4, 5, rng, -30, 30)});
}

TEST(TanhLogJacobianOp, IsLogOfOneMinusTanhSquaredAndStaysFiniteWhereTanhSaturates) {
  Tape<double> tape;
  Var<double> y = tanh_log_jacobian(tape.constant(Matrix<double>{{0.3, -1.7, 40.0, -40.0}}));
  EXPECT_NEAR(tape.value(y)(0, 0), std::log(1 - std::tanh(0.3) * std::tanh(0.3)), 1e-14);
  EXPECT_NEAR(tape.value(y)(0, 1), std::log(1 - std::tanh(1.7) * std::tanh(1.7)), 1e-13);
  // 1 - tanh(40)^2 rounds to 0 in double; the stable form gives 2 (log 2 - 40) up to e^-80
  EXPECT_NEAR(tape.value(y)(0, 2), 2 * (std::log(2.0) - 40), 1e-12);
  EXPECT_NEAR(tape.value(y)(0, 3), 2 * (std::log(2.0) - 40), 1e-12);
}

TEST(GaussianLogProbOp, MatchesTheClosedFormDensity) {
  Tape<double> tape;
  // one action dim: x = 1, mean = 0, sigma = e^0.5: -z^2/2 - log sigma - ln(2 pi)/2
  Var<double> y = gaussian_log_prob(tape.constant(Matrix<double>{{1.0}}),
                                    tape.constant(Matrix<double>{{0.0}}),
                                    tape.constant(Matrix<double>{{0.5}}));
  const double z = 1.0 / std::exp(0.5);
  EXPECT_NEAR(tape.value(y)(0, 0), -0.5 * z * z - 0.5 - 0.5 * std::log(2 * M_PI), 1e-12);
}

TEST(LayerNormOp, GradMatchesFiniteDifferences) {
  Rng rng(27);
  expect_gradients_match(GRAPH(layer_norm(xs[0], xs[1], xs[2], 1e-5)),
                         {random_matrix(5, 6, rng, -2, 2), random_matrix(1, 6, rng, 0.5, 1.5), random_matrix(1, 6, rng)});
}

TEST(LayerNormOp, RowsHaveZeroMeanAndUnitVarianceBeforeTheGain) {
  Tape<double> tape;
  Var<double> y = layer_norm(tape.constant(Matrix<double>{{1.0, 2.0, 3.0, 6.0}}),
                             tape.constant(Matrix<double>{{1.0, 1.0, 1.0, 1.0}}),
                             tape.constant(Matrix<double>{{0.0, 0.0, 0.0, 0.0}}), 0.0);
  double mean = 0, var = 0;
  for (double v : tape.value(y)) mean += v / 4;
  for (double v : tape.value(y)) var += (v - mean) * (v - mean) / 4;
  EXPECT_NEAR(mean, 0.0, 1e-12);
  EXPECT_NEAR(var, 1.0, 1e-12);
}

TEST(DropoutOp, GradMatchesFiniteDifferencesForAFixedMask) {
  Rng rng(25);
  expect_gradients_match([](auto&, const auto& xs) {
    Rng mask_rng(99);  // the same mask on every evaluation of the graph
    return dropout(xs[0], 0.3, mask_rng);
  }, {random_matrix(6, 5, rng)});
}

TEST(DropoutOp, KeepsAboutOneMinusRateAndScalesTheKept) {
  Tape<double> tape;
  Rng rng(26);
  Var<double> y = dropout(tape.constant(Matrix<double>(std::array<size_t, 2>{200, 100}, 1.0)), 0.25, rng);
  size_t kept = 0;
  for (double v : tape.value(y)) {
    if (v != 0.0) {
      EXPECT_DOUBLE_EQ(v, 1.0 / 0.75);
      ++kept;
    }
  }
  EXPECT_NEAR(kept / 20000.0, 0.75, 0.015);  // 5 sigma of a binomial(20000, 0.75)
}

TEST(LinearOp, RejectsMismatchedInnerDimsNamingTheOp) {
  Tape<double> tape;
  Var<double> x = tape.constant(Matrix<double>(std::array<size_t, 2>{2, 3}, 0.0));
  Var<double> w = tape.constant(Matrix<double>(std::array<size_t, 2>{4, 2}, 0.0));
  Var<double> b = tape.constant(Matrix<double>(std::array<size_t, 2>{1, 2}, 0.0));
  try {
    linear(x, w, b);
    FAIL() << "no ShapeError";
  } catch (const ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("linear: x (2, 3) times w (4, 2)"), std::string::npos) << e.what();
  }
}

TEST(AddOp, RejectsShapesThatDoNotBroadcast) {
  Tape<double> tape;
  Var<double> a = tape.constant(Matrix<double>(std::array<size_t, 2>{2, 3}, 0.0));
  Var<double> b = tape.constant(Matrix<double>(std::array<size_t, 2>{2, 2}, 0.0));
  EXPECT_THROW(a + b, ShapeError);
}

}  // namespace
}  // namespace autodiff::testing
