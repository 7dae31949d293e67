// Tests for autodiff/layers.cpp: a composed IQL-style loss through an MLP, the MLP's parameter
// gradients, tape-free inference, and bit-for-bit determinism of a small training run.
#include <gtest/gtest.h>

#include <cstring>

#include "autodiff/adam.h"
#include "autodiff/layers.h"
#include "tests/autodiff/grad_check.h"

namespace autodiff::testing {
namespace {

// expectile loss |tau - 1(u < 0)| u^2 of u = target - mlp(x), written as in IQL
template <class T>
Var<T> expectile_regression(Tape<T>& tape, const std::vector<Var<T>>& xs) {
  Var<T> hidden = relu(linear(xs[0], xs[1], xs[2]));
  Var<T> prediction = linear(hidden, xs[3], xs[4]);
  Var<T> u = xs[5] - prediction;
  Matrix<T> weight = xt::where(tape.value(u) < T(0), T(0.3), T(0.7));
  return mean(tape.constant(weight) * square(u));
}

TEST(ComposedLoss, ExpectileLossThroughMlpMatchesFiniteDifferences) {
  Rng rng(30);
  const std::vector<Matrix<double>> inputs = {
      random_matrix(8, 5, rng),  random_matrix(5, 6, rng), random_matrix(1, 6, rng),
      random_matrix(6, 1, rng),  random_matrix(1, 1, rng), random_matrix(8, 1, rng, -3, 3)};
  auto graph = [](auto& tape, const auto& xs) { return expectile_regression(tape, xs); };
  const GradCheck check = grad_check(graph, inputs);
  EXPECT_LT(check.max_error, kGradTolerance)
      << "worst at input " << check.worst_input << ", element " << check.worst_index;
  EXPECT_LT(float_vs_double(graph, inputs), kFloatTolerance);
}

TEST(Mlp, ParamGradientsMatchFiniteDifferences) {
  Rng rng(31);
  Mlp<double> mlp({4, 8, 8, 2}, Init{}, rng);
  const Matrix<double> x = random_matrix(6, 4, rng);
  Tape<double> tape;
  auto loss = [&] {
    tape.reset();
    return tape.value(mean(square(mlp.forward(tape, tape.constant(x)))))(0, 0);
  };
  ParamList<double> params;
  mlp.collect(params, "");
  params.zero_grad();
  tape.reset();
  tape.backward(mean(square(mlp.forward(tape, tape.constant(x)))));
  for (auto& [name, p] : params.items) {
    const Matrix<double> analytic = p->grad;
    for (size_t i = 0; i < p->value.size(); ++i) {
      const double saved = p->value.data()[i];
      p->value.data()[i] = saved + kFiniteStep;
      const double up = loss();
      p->value.data()[i] = saved - kFiniteStep;
      const double down = loss();
      p->value.data()[i] = saved;
      EXPECT_NEAR(analytic.data()[i], (up - down) / (2 * kFiniteStep), kGradTolerance)
          << name << " element " << i;
    }
  }
}

TEST(Mlp, WithLayerNormInferMatchesTheTapeAndNamesTheNorms) {
  Rng rng(34);
  Mlp<double> mlp({5, 8, 8, 2}, Init{}, rng, true);
  ParamList<double> params;
  mlp.collect(params, "");
  EXPECT_EQ(params.items.size(), 10u);  // 3 x (w, b) + 2 x (gain, bias)
  EXPECT_EQ(params.items[2].first, "0/ln/gain");
  Matrix<double> x = random_matrix(1, 5, rng);
  Tape<double> tape;
  const Matrix<double> expected = tape.value(mlp.forward(tape, tape.constant(x)));
  std::vector<double> y(2);
  mlp.infer(std::span<const double>(x.data(), 5), y);
  for (size_t j = 0; j < 2; ++j) EXPECT_NEAR(y[j], expected(0, j), 1e-12) << "output " << j;
}

TEST(Mlp, CollectNamesEveryLayerInOrder) {
  Rng rng(32);
  Mlp<float> mlp({3, 4, 1}, Init{}, rng);
  ParamList<float> params;
  mlp.collect(params, "value/");
  std::vector<std::string> names;
  for (auto& item : params.items) names.push_back(item.first);
  EXPECT_EQ(names, (std::vector<std::string>{"value/0/w", "value/0/b", "value/1/w", "value/1/b"}));
}

TEST(Mlp, InferMatchesTheTapeForward) {
  Rng rng(33);
  Mlp<float> mlp({11, 256, 256, 3}, Init{}, rng);
  Matrix<float> x({1, 11});
  for (float& v : x) v = static_cast<float>(rng.uniform(-1, 1));
  Tape<float> tape;
  const Matrix<float> expected = tape.value(mlp.forward(tape, tape.constant(x)));
  std::vector<float> y(3);
  mlp.infer(std::span<const float>(x.data(), 11), y);
  for (size_t j = 0; j < 3; ++j) EXPECT_NEAR(y[j], expected(0, j), 1e-5) << "output " << j;
}

// 200 Adam steps of a 2-16-16-1 MLP on y = sin(3 x0) x1, batches drawn from the seed's stream
std::vector<uint32_t> train_toy_regression(uint64_t seed) {
  Rng init = Rng::stream(seed, "init");
  Rng batches = Rng::stream(seed, "batches");
  Mlp<float> mlp({2, 16, 16, 1}, Init{}, init);
  ParamList<float> params;
  mlp.collect(params, "");
  Adam<float> adam(params, AdamConfig{});
  Tape<float> tape;
  Matrix<float> x({32, 2}), y({32, 1});
  for (int step = 0; step < 200; ++step) {
    for (size_t r = 0; r < 32; ++r) {
      x(r, 0) = static_cast<float>(batches.uniform(-1, 1));
      x(r, 1) = static_cast<float>(batches.uniform(-1, 1));
      y(r, 0) = std::sin(3.0f * x(r, 0)) * x(r, 1);
    }
    tape.reset();
    params.zero_grad();
    tape.backward(mean(square(mlp.forward(tape, tape.constant(x)) - tape.constant(y))));
    adam.step(1e-3);
  }
  std::vector<uint32_t> bits;
  for (auto& item : params.items)
    for (float v : item.second->value) {
      uint32_t b;
      std::memcpy(&b, &v, sizeof b);
      bits.push_back(b);
    }
  return bits;
}

TEST(Determinism, SameSeedGivesIdenticalParameterBitsAfter200AdamSteps) {
  EXPECT_EQ(train_toy_regression(5), train_toy_regression(5));
}

TEST(Determinism, DifferentSeedGivesDifferentParameterBits) {
  EXPECT_NE(train_toy_regression(5), train_toy_regression(6));
}

}  // namespace
}  // namespace autodiff::testing
