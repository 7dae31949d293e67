// Tests for iql/learner.cpp: initial state, schedule, determinism across processes' worth of
// repetition and threads, and that every deviation option is wired in.
#include <gtest/gtest.h>

#include <thread>

#include "autodiff/hash.h"
#include "iql/learner.h"

namespace iql {
namespace {

constexpr size_t kObs = 11, kAct = 3;

IqlConfig small_config() {
  IqlConfig c;
  c.hidden_dim = 32;
  c.batch_size = 64;
  c.max_steps = 100;
  return c;
}

// `updates` updates on batches drawn from synthetic data with the seed's "batches" stream
std::string train_hash(uint64_t seed, int updates, IqlConfig config = small_config()) {
  autodiff::Rng data_rng(1234);
  const Transitions data = rl::random_transitions(1000, kObs, kAct, data_rng);
  Learner learner(kObs, kAct, config, seed);
  if (config.normalize_states) learner.fit_state_normalizer(data);
  autodiff::Rng batches = autodiff::Rng::stream(seed, "batches");
  Transitions batch;
  for (int i = 0; i < updates; ++i) {
    sample_batch(data, static_cast<size_t>(config.batch_size), batches, batch);
    const UpdateInfo info = learner.update(batch);
    EXPECT_TRUE(std::isfinite(info.value_loss) && std::isfinite(info.actor_loss) &&
                std::isfinite(info.critic_loss)) << "update " << i;
  }
  return learner.parameter_hash();
}

// fine-tuning's exploration: tanh(mean) + std * eps, clipped; no noise gives the evaluation action
TEST(IqlLearner, ExploreWithoutNoiseIsTheEvaluationActionAndLargeNoiseIsClipped) {
  Learner learner(kObs, kAct, small_config(), 0);
  const std::vector<float> obs(kObs, 0.5f), zero(kAct, 0.0f), huge = {50.0f, -50.0f, 50.0f};
  std::vector<float> acted(kAct), explored(kAct);
  learner.act(obs, acted);
  learner.explore(obs, zero, explored);
  EXPECT_EQ(explored, acted);
  learner.explore(obs, huge, explored);
  EXPECT_EQ(explored, (std::vector<float>{1.0f, -1.0f, 1.0f}));  // log_std starts at 0: std 1
}

TEST(IqlLearner, TargetCriticStartsAsAnExactCopy) {
  Learner learner(kObs, kAct, small_config(), 0);
  ParamList<float> all = learner.parameters();
  for (auto& [name, p] : all.items) {
    if (name.rfind("critic/", 0) != 0) continue;
    for (auto& [other, q] : all.items) {
      if (other == "target/" + name.substr(7)) {
        EXPECT_EQ(p->value, q->value) << name;
      }
    }
  }
}

TEST(IqlLearner, NamesEveryTensorOnceWithStablePrefixes) {
  Learner learner(kObs, kAct, small_config(), 0);
  std::set<std::string> names;
  for (auto& item : learner.parameters().items) EXPECT_TRUE(names.insert(item.first).second) << item.first;
  EXPECT_TRUE(names.count("actor/log_std"));
  EXPECT_TRUE(names.count("critic/q2/2/w"));
  EXPECT_TRUE(names.count("target/q1/0/b"));
  EXPECT_TRUE(names.count("value/1/w"));
}

TEST(IqlLearner, ActorLearningRateFollowsTheCosineSchedule) {
  autodiff::Rng rng(0);
  const Transitions batch = rl::random_transitions(64, kObs, kAct, rng);
  IqlConfig config = small_config();
  config.max_steps = 4;
  Learner learner(kObs, kAct, config, 0);
  std::vector<double> lrs;
  for (int i = 0; i < 3; ++i) lrs.push_back(learner.update(batch).actor_lr);
  EXPECT_DOUBLE_EQ(lrs[0], 3e-4);
  EXPECT_NEAR(lrs[1], 3e-4 * 0.5 * (1 + std::cos(M_PI / 4)), 1e-15);
  EXPECT_NEAR(lrs[2], 1.5e-4, 1e-15);
}

TEST(IqlLearner, EvaluationActionIsTanhOfTheMeanInsideTheBox) {
  Learner learner(kObs, kAct, small_config(), 0);
  std::vector<float> obs(kObs, 3.0f), action(kAct);
  learner.act(obs, action);
  for (float a : action) {
    EXPECT_GE(a, -1.0f);
    EXPECT_LE(a, 1.0f);
  }
}

TEST(IqlDeterminism, SameSeedGivesTheSameParameterHash) {
  EXPECT_EQ(train_hash(3, 20), train_hash(3, 20));
}

TEST(IqlDeterminism, DifferentSeedGivesADifferentParameterHash) {
  EXPECT_NE(train_hash(3, 20), train_hash(4, 20));
}

TEST(IqlDeterminism, TwoRunsInParallelThreadsMatchOneRunAlone) {
  const std::string alone = train_hash(5, 20);
  std::string first, second;
  std::thread a([&] { first = train_hash(5, 20); });
  std::thread b([&] { second = train_hash(5, 20); });
  a.join();
  b.join();
  EXPECT_EQ(first, alone);
  EXPECT_EQ(second, alone);
}

TEST(IqlDeviations, EachOptionChangesTheTrajectoryOfParameters) {
  const std::string official = train_hash(6, 5);
  auto with = [](void (*set)(IqlConfig&)) {
    IqlConfig c = small_config();
    set(c);
    return c;
  };
  const std::pair<const char*, IqlConfig> options[] = {
      {"normalize_states", with([](IqlConfig& c) { c.normalize_states = true; })},
      {"deterministic_policy", with([](IqlConfig& c) { c.deterministic_policy = true; })},
      {"pre_update_value_targets", with([](IqlConfig& c) { c.pre_update_value_targets = true; })},
      {"mean_critic_loss", with([](IqlConfig& c) { c.mean_critic_loss = true; })},
      {"actor_dropout", with([](IqlConfig& c) { c.actor_dropout = 0.1; })},
      {"value_layer_norm", with([](IqlConfig& c) { c.value_layer_norm = true; })},
  };
  for (const auto& [name, config] : options) EXPECT_NE(train_hash(6, 5, config), official) << name;
}

// temperature 1e-30 still trains V and Q, yet rounds every weight exp(1e-30 (Q - V)) to exactly 1
TEST(IqlBehaviourCloning, SkipsTheCriticsWithoutChangingTheActorsBits) {
  autodiff::Rng data_rng(1234);
  const Transitions data = rl::random_transitions(1000, kObs, kAct, data_rng);
  auto actor_hash_after = [&](double temperature, std::vector<UpdateInfo>& infos) {
    IqlConfig config = small_config();
    config.temperature = temperature;
    Learner learner(kObs, kAct, config, 7);
    autodiff::Rng batches = autodiff::Rng::stream(7, "batches");
    Transitions batch;
    for (int i = 0; i < 10; ++i) {
      sample_batch(data, static_cast<size_t>(config.batch_size), batches, batch);
      infos.push_back(learner.update(batch));
    }
    ParamList<float> actor;
    for (auto& [name, p] : learner.parameters().items)
      if (name.rfind("actor/", 0) == 0) actor.items.emplace_back(name, p);
    return autodiff::parameter_hash(actor);
  };
  std::vector<UpdateInfo> with_critics, behaviour_cloning;
  EXPECT_EQ(actor_hash_after(0.0, behaviour_cloning), actor_hash_after(1e-30, with_critics));
  for (size_t i = 0; i < with_critics.size(); ++i) {
    EXPECT_TRUE(with_critics[i].critics_trained);
    EXPECT_NE(with_critics[i].critic_loss, 0.0f) << "update " << i;
    EXPECT_FALSE(behaviour_cloning[i].critics_trained);
    EXPECT_EQ(behaviour_cloning[i].critic_loss, 0.0f) << "update " << i;
    EXPECT_EQ(behaviour_cloning[i].actor_loss, with_critics[i].actor_loss) << "update " << i;
    EXPECT_EQ(behaviour_cloning[i].mean_weight, 1.0f);
  }
}

TEST(IqlLearner, RejectsAnInvalidConfigAtConstruction) {
  IqlConfig c = small_config();
  c.discount = 1.5;
  EXPECT_THROW(Learner(kObs, kAct, c, 0), ConfigError);
}

}  // namespace
}  // namespace iql
