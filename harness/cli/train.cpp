// iql train --dataset hopper-medium-v2 --seed 0 [--steps N] [--out DIR] [--resume] [IQL flags]
#include <cstdio>
#include <memory>

#include "autodiff/error.h"
#include "harness/cli/commands.h"
#include "harness/cli/positive.h"
#include "harness/cli/config_flags.h"
#include "harness/cli/threads_option.h"
#include "harness/run/train.h"

namespace harness {
namespace {

struct TrainCommand {
  std::string dataset, file, env, mirror;
  bool offline = false;
  TrainOptions options;
  ConfigOverrides config;
};

void run_train_command(TrainCommand& c) {
  c.options.dataset = choose_dataset(c.dataset, c.file, c.env);
  c.options.config = resolve_config(suite_preset(c.options.dataset.info), c.config);
  c.options.fetch.mirror = c.mirror;
  c.options.fetch.allow_download = !c.offline;
  const TrainResult r = run_train(c.options);
  if (r.diverged_at > 0) {
    throw autodiff::Error("training diverged at update " + std::to_string(r.diverged_at) +
                          ": a loss became NaN or infinite. run.json marks the run diverged and reports leave it out; "
                          "lower the learning rates or check the data, then start again with another --out");
  }
  if (r.interrupted) {
    std::fprintf(stderr, "stopped at step %lld; checkpoint saved in %s; run the same command with --resume to continue\n",
                 static_cast<long long>(r.steps), r.out_dir.c_str());
    if (r.steps != c.options.stop_at) throw CLI::RuntimeError(130);  // a signal, not the planned stop
    return;
  }
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
  cmd->add_option("--dataset", c->dataset, "D4RL dataset name (iql datasets list), e.g. hopper-medium-v2");
  cmd->add_option("--file", c->file, "a D4RL-layout .hdf5 file to train on instead of the cached one")
      ->check(CLI::ExistingFile);
  cmd->add_option("--env", c->env, "with --file outside the registry: the env family (hopper, antmaze-umaze, ...)");
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
  CLI::Option* mirror = cmd->add_option("--mirror", c->mirror, "base URL replacing the official D4RL server [$D4RL_MIRROR]");
  cmd->add_flag("--offline", c->offline, "never download: a missing dataset is an error saying where to put it")
      ->excludes(mirror);  // a mirror that is never used: whoever typed it expects it to matter
  c->options.threads = default_run_threads();
  add_threads_option(*cmd, c->options.threads, "this machine's hardware threads");
  add_iql_options(*cmd, c->config);
  cmd->callback([c] {
    if (c->dataset.empty() && c->file.empty()) throw CLI::ValidationError("--dataset", "give --dataset NAME (or --file F.hdf5 --env ENV)");
    run_train_command(*c);
  });
}

}  // namespace harness
