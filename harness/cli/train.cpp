// iql train --dataset hopper-medium-v2 --seed 0 [--steps N] [--out DIR] [--resume] [IQL flags]
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/config_flags.h"
#include "harness/cli/dataset_flags.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/cli/run_outcome.h"
#include "harness/cli/threads_option.h"
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
  print_replaced_keys(c.config);
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
  add_dataset_flags(*cmd, c->data, "hopper-medium-v2");
  add_whole(*cmd, "--seed", c->options.seed, "run seed: initialisation, batches, evaluation", uint64_t{0})
      ->capture_default_str();
  add_steps_option(*cmd, c->config, "max_steps", "updates to run (sets max_steps, the cosine horizon) [default: 1000000]");
  add_whole(*cmd, "--eval-interval", c->options.eval_interval, "updates between evaluations [5000 locomotion, 100000 antmaze]",
            int64_t{1});
  add_whole(*cmd, "--eval-episodes", c->options.eval_episodes, "episodes per evaluation [10 locomotion, 100 antmaze]", 1);
  add_whole(*cmd, "--log-interval", c->options.log_interval, "updates between metrics lines", int64_t{1})
      ->capture_default_str();
  add_output_dir(*cmd, "--out", c->options.out, "run directory [runs/<dataset>/seed<seed>]");
  cmd->add_flag("--resume", c->options.resume, "continue the run in --out from its checkpoint");
  add_whole(*cmd, "--stop-at", c->options.stop_at, "checkpoint and stop at this step; continue later with --resume",
            int64_t{1});
  c->options.threads = default_run_threads();
  add_threads_option(*cmd, c->options.threads, "this machine's hardware threads");
  add_iql_options(*cmd, c->config);
  cmd->callback([c] { run_train_command(*c); });
}

}  // namespace harness
