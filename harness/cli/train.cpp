// iql train --dataset hopper-medium-v2 --seed 0 [--steps N] [--out DIR] [--resume] [IQL flags]
#include <cstdio>
#include <memory>

#include "autodiff/error.h"
#include "harness/cli/commands.h"
#include "harness/cli/positive.h"
#include "harness/cli/config_flags.h"
#include "harness/cli/dataset_flags.h"
#include "harness/cli/run_outcome.h"
#include "harness/run/train.h"

namespace harness {
namespace {

struct TrainCommand {
  DatasetFlags data;
  TrainOptions options;
  ConfigOverrides config;
};

void run_train_command(TrainCommand& c) {
  c.options.dataset = c.data.choose();
  c.options.config = resolve_config(suite_preset(c.options.dataset.info), c.config);
  c.options.fetch = c.data.fetch();
  const TrainResult r = run_train(c.options);
  if (r.diverged_at > 0) throw_diverged(r.diverged_at);
  if (r.interrupted) return report_interrupted(r.steps, c.options.stop_at, r.out_dir);
  std::printf("%s seed %llu: final score %.1f +- %.1f (D4RL-normalised x100, final evaluation)\n",
              c.options.dataset.info.name.c_str(), static_cast<unsigned long long>(c.options.seed),
              r.final_score, r.final_score_std);
  std::printf("steps %lld, parameter hash %s, run directory %s\n", static_cast<long long>(r.steps),
              r.parameter_hash.c_str(), r.out_dir.c_str());
}

}  // namespace

void add_train_command(CLI::App& app) {
  auto c = std::make_shared<TrainCommand>();  // must outlive parsing; CLI11 writes into it
  CLI::App* cmd = app.add_subcommand("train", "Train IQL on one D4RL dataset, evaluating as it goes");
  add_dataset_flags(*cmd, c->data);
  cmd->add_option("--seed", c->options.seed, "run seed: initialisation, batches, evaluation")->capture_default_str();
  cmd->add_option_function<int64_t>("--steps", [c](int64_t n) { c->config.flags["max_steps"] = std::to_string(n); },
                                    "updates to run (sets max_steps, the cosine horizon) [default: 1000000]");
  cmd->add_option("--eval-interval", c->options.eval_interval, "updates between evaluations [5000 locomotion, 100000 antmaze]")
      ->check(positive_count());
  cmd->add_option("--eval-episodes", c->options.eval_episodes, "episodes per evaluation [10 locomotion, 100 antmaze]")
      ->check(positive_count());
  cmd->add_option("--log-interval", c->options.log_interval, "updates between metrics lines")
      ->capture_default_str()
      ->check(positive_count());
  cmd->add_option("--out", c->options.out, "run directory [runs/<dataset>/seed<seed>]");
  cmd->add_flag("--resume", c->options.resume, "continue the run in --out from its checkpoint");
  cmd->add_option("--stop-at", c->options.stop_at, "checkpoint and stop at this step; continue later with --resume");
  add_iql_options(*cmd, c->config);
  cmd->callback([c] { run_train_command(*c); });
}

}  // namespace harness
