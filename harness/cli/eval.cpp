// iql eval --checkpoint runs/hopper-medium-v2/seed0/checkpoint.h5 [--episodes E] [--seed S]
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/positive.h"
#include "harness/run/config_options.h"
#include "harness/envs/evaluate.h"
#include "harness/run/checkpoint.h"

namespace harness {
namespace {

struct EvalCommand {
  std::string checkpoint;
  int episodes = 10;
  uint64_t seed = 0;
};

void run_eval_command(const EvalCommand& c) {
  const RunState run = read_run_state(c.checkpoint);
  iql::Learner learner(run.obs_dim, run.act_dim, parse_config_toml(run.config_toml, c.checkpoint), run.seed);
  load_checkpoint(c.checkpoint, learner);
  std::unique_ptr<Env> env = make_env(run.env);
  autodiff::Rng rng = autodiff::Rng::stream(c.seed, "eval/cli");
  const EvalResult r = evaluate(*env, [&](std::span<const float> o, std::span<float> a) { learner.act(o, a); },
                                c.episodes, rng);
  for (size_t i = 0; i < r.returns.size(); ++i)
    std::printf("episode %zu: return %.2f, length %d, normalised %.1f\n", i, r.returns[i], r.lengths[i],
                r.normalized_scores[i]);
  std::printf("%s (%s) step %lld: %.1f +- %.1f D4RL-normalised x100 over %d episodes (eval seed %llu)\n",
              run.dataset.c_str(), run.env.c_str(), static_cast<long long>(learner.step()), r.normalized_mean,
              r.normalized_std, c.episodes, static_cast<unsigned long long>(c.seed));
  if (r.physics_warnings > 0) std::printf("%d episodes ended by a MuJoCo instability warning\n", r.physics_warnings);
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto c = std::make_shared<EvalCommand>();
  CLI::App* cmd = app.add_subcommand("eval", "Score a saved policy in its environment");
  cmd->add_option("--checkpoint", c->checkpoint, "checkpoint.h5 of a run")->required()->check(CLI::ExistingFile);
  cmd->add_option("--episodes", c->episodes, "evaluation episodes")->capture_default_str()->check(positive_count());
  cmd->add_option("--seed", c->seed, "seed of the evaluation's reset noise")->capture_default_str();
  cmd->callback([c] { run_eval_command(*c); });
}

}  // namespace harness
