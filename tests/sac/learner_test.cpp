// Tests for sac/learner.cpp and sac/networks.cpp: determinism, the policy's two paths agreeing, the
// direction alpha moves, rlkit's initialisation. Parity with PyTorch is in tests/harness/run.
#include <gtest/gtest.h>

#include <cmath>

#include "rl/transitions.h"
#include "sac/learner.h"

namespace sac {
namespace {

constexpr size_t kObs = 5, kAct = 2, kBatch = 16;

SacConfig small_config() {
  SacConfig c;
  c.hidden_dim = 32;
  c.batch_size = static_cast<int>(kBatch);
  return c;
}

// `updates` updates on fixed random batches and noise
std::string hash_after(SacLearner& learner, int updates) {
  Rng batches(11), noise(12);
  for (int u = 0; u < updates; ++u) {
    learner.update(rl::random_transitions(kBatch, kObs, kAct, batches), draw_noise(kBatch, kAct, noise));
  }
  return learner.parameter_hash();
}

TEST(SacLearner, SameSeedAndInputsGiveTheSameBits) {
  SacLearner a(kObs, kAct, small_config(), 4), b(kObs, kAct, small_config(), 4), c(kObs, kAct, small_config(), 5);
  const std::string first = hash_after(a, 5);
  EXPECT_EQ(first, hash_after(b, 5));
  EXPECT_NE(first, hash_after(c, 5));
}

TEST(SacLearner, TargetsStartAsCopiesAndTrailTheOnlineQ) {
  SacLearner learner(kObs, kAct, small_config(), 1);
  auto tensor = [&](const std::string& name) {
    for (auto& [n, p] : learner.parameters().items)
      if (n == name) return Tensor(p->value);
    throw std::runtime_error("no tensor " + name);
  };
  EXPECT_EQ(tensor("q1/0/w"), tensor("target_q1/0/w"));
  EXPECT_NE(tensor("q1/0/w"), tensor("q2/0/w"));
  hash_after(learner, 3);
  const Tensor online = tensor("q1/0/w"), target = tensor("target_q1/0/w");
  EXPECT_NE(online, target);
  const double moved = xt::amax(xt::abs(online - target))();
  EXPECT_LT(moved, 3 * 3e-4);  // three Adam steps of lr 3e-4, the target 0.5% of the way behind
}

// the entropy target steers alpha: above the policy's entropy alpha rises, below it alpha falls
TEST(SacLearner, AlphaRisesWhenTheEntropyIsBelowItsTargetAndFallsWhenAbove) {
  SacConfig high = small_config(), low = small_config();
  high.target_entropy_per_dim = 50.0;
  low.target_entropy_per_dim = -50.0;
  SacLearner rising(kObs, kAct, high, 2), falling(kObs, kAct, low, 2);
  hash_after(rising, 3);
  hash_after(falling, 3);
  EXPECT_GT(rising.alpha(), 1.0f);
  EXPECT_LT(falling.alpha(), 1.0f);
}

TEST(SacLearner, ParametersHaveStableNamesInD4rlPolicyOrder) {
  SacLearner learner(kObs, kAct, small_config(), 0);
  std::vector<std::string> names;
  for (auto& [name, p] : learner.parameters().items) names.push_back(name);
  const std::vector<std::string> first = {"policy/fc0/w", "policy/fc0/b", "policy/fc1/w", "policy/fc1/b",
                                          "policy/last_fc/w", "policy/last_fc/b", "policy/last_fc_log_std/w",
                                          "policy/last_fc_log_std/b", "q1/0/w"};
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.begin() + 9), first);
  EXPECT_EQ(names.back(), "log_alpha");
}

// a batch of one row through the tape and the same row through the tape-free path of data collection
TEST(TanhGaussianPolicy, SampleRowAgreesWithTheBatchSample) {
  Rng rng(3);
  TanhGaussianPolicy policy(kObs, kAct, small_config(), rng);
  const Tensor s = {{0.3f, -1.2f, 0.5f, 2.0f, -0.1f}};
  const Tensor eps = {{0.7f, -1.9f}};
  Tape<float> tape;
  const PolicySample batch = policy.sample(tape, tape.constant(s), tape.constant(eps));
  std::vector<float> action(kAct);
  const float log_prob = policy.sample_row({s.data(), kObs}, {eps.data(), kAct}, action);
  for (size_t j = 0; j < kAct; ++j) EXPECT_NEAR(action[j], tape.value(batch.action)(0, j), 1e-6);
  EXPECT_NEAR(log_prob, tape.value(batch.log_prob)(0, 0), 1e-5);
  std::vector<float> deterministic(kAct), mean(kAct), log_std(kAct);
  policy.act({s.data(), kObs}, deterministic);
  policy.distribution({s.data(), kObs}, mean, log_std);
  for (size_t j = 0; j < kAct; ++j) EXPECT_FLOAT_EQ(deterministic[j], std::tanh(mean[j]));
}

TEST(RlkitInit, HiddenLayersUseTheOutputWidthAndABiasOfOneTenthTheLastLayerItsBound) {
  Rng rng(9);
  const std::vector<Linear<float>> layers = rlkit_layers({6, 64, 16, 1}, 3e-3, rng);
  ASSERT_EQ(layers.size(), 3u);
  EXPECT_LE(xt::amax(xt::abs(layers[0].w.value))(), 1.0f / 8.0f);   // 1/sqrt(64)
  EXPECT_GT(xt::amax(xt::abs(layers[0].w.value))(), 1.0f / 9.0f);
  EXPECT_LE(xt::amax(xt::abs(layers[1].w.value))(), 1.0f / 4.0f);   // 1/sqrt(16)
  EXPECT_TRUE(xt::all(xt::equal(layers[1].b.value, 0.1f)));
  EXPECT_LE(xt::amax(xt::abs(layers[2].w.value))(), 3e-3f);
  EXPECT_LE(xt::amax(xt::abs(layers[2].b.value))(), 3e-3f);
  EXPECT_NE(layers[2].b.value(0, 0), 0.0f);
}

TEST(SacConfig, RejectsNonFiniteAndOutOfRangeValues) {
  SacConfig c;
  c.policy_lr = std::numeric_limits<double>::infinity();
  EXPECT_THROW(validate(c), ConfigError);
  c = SacConfig{};
  c.snapshot_interval = 1500;  // not a multiple of steps_per_epoch
  EXPECT_THROW(validate(c), ConfigError);
  c = SacConfig{};
  c.replay_capacity = 10;  // below a batch
  EXPECT_THROW(validate(c), ConfigError);
  for (int64_t total : {500, 2500, 1000}) {  // within the warm-up, past the last epoch, no epoch at all
    c = SacConfig{};
    c.total_steps = total;
    EXPECT_THROW(validate(c), ConfigError) << total;
  }
  c.total_steps = 3000;
  EXPECT_NO_THROW(validate(c));
  EXPECT_NO_THROW(validate(SacConfig{}));
}

}  // namespace
}  // namespace sac
