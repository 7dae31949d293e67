// SAC learns: a short deterministic hopper run (10,000 steps, 64-wide networks) ends far above the
// random policy, and exactly where the committed golden says (golden/ci/sac-hopper.txt). A change
// that moves any bit of SAC's training shows here as a readable diff of that file.
#include <gtest/gtest.h>

#include <cstdio>

#include "harness/run/sac_run.h"
#include "harness/envs/evaluate.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "test_support.h"
#include "tests/golden_record.h"

namespace harness {
namespace {

constexpr const char* kGolden = IQL_SOURCE_DIR "/golden/ci/sac-hopper.txt";
constexpr double kMarginOverRandom = 4.0;  // normalised points; the run reaches ~5 above random

SacRunOptions learning_run(const std::string& out) {
  SacRunOptions o;
  o.env = "hopper";
  o.seed = 0;
  o.config.hidden_dim = 64;
  o.config.total_steps = 10000;
  o.config.snapshot_interval = 5000;
  o.config.eval_episodes = 5;
  o.out = out;
  return o;
}

// the uniformly random policy's score on the same number of episodes
double random_policy_score(int episodes) {
  std::unique_ptr<Env> env = make_env("hopper");
  autodiff::Rng resets(1), actions(2);
  return evaluate(
             *env, [&](std::span<const float>, std::span<float> a) {
               for (float& x : a) x = static_cast<float>(actions.uniform(-1, 1));
             },
             episodes, resets)
      .normalized_mean;
}

std::string record_of(const SacRunResult& r) {
  char text[512];
  std::snprintf(text, sizeof text,
                "parameter_hash %s\nreplay_digest %s\nsampled_score %.17g\ndeterministic_score %.17g\n",
                r.parameter_hash.c_str(), r.replay_digest.c_str(), r.sampled_score, r.deterministic_score);
  return text;
}

TEST(SacLearning, AShortHopperRunEndsFarAboveRandomAndExactlyAtItsGolden) {
  const SacRunResult r = run_sac(learning_run((test::test_dir() / "run").string()));
  const double random = random_policy_score(5);
  EXPECT_GT(r.deterministic_score, random + kMarginOverRandom) << "random policy: " << random;
  EXPECT_GT(r.sampled_score, random + kMarginOverRandom) << "random policy: " << random;
  testing_support::expect_golden_record(record_of(r), kGolden);
}

}  // namespace
}  // namespace harness
