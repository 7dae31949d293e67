// iql finetune --dataset antmaze-umaze-regen --seed 0 [--steps N] [--online-steps N] [--out DIR]
//              [--resume] [--stop-at N] [IQL flags]
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/config_flags.h"
#include "harness/cli/dataset_flags.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/cli/run_outcome.h"
#include "harness/cli/threads_option.h"
#include "harness/data/registry.h"
#include "harness/run/finetune.h"

namespace harness {
namespace {

struct FinetuneCommand {
  DatasetFlags data;
  FinetuneOptions options;
  ConfigOverrides config;
};

void run_finetune_command(FinetuneCommand& c) {
  c.options.dataset = c.data.choose();
  c.options.config = resolve_config(finetune_preset(c.options.dataset.info), c.config);
  print_replaced_keys(c.config);
  c.options.fetch = c.data.fetch();
  const FinetuneResult r = run_finetune(c.options);
  if (r.diverged_at > 0) throw_diverged(r.diverged_at);
  if (r.interrupted) return report_interrupted(r.steps, c.options.stop_at, r.out_dir);
  std::printf("%s seed %llu: offline %.1f +- %.1f -> online %.1f +- %.1f (D4RL-normalised x100)\n",
              c.options.dataset.info.name.c_str(), static_cast<unsigned long long>(c.options.seed),
              r.offline_score, r.offline_score_std, r.final_score, r.final_score_std);
  std::printf("steps %lld (%lld online), parameter hash %s, run directory %s\n", static_cast<long long>(r.steps),
              static_cast<long long>(r.env_steps), r.parameter_hash.c_str(), r.out_dir.c_str());
}

}  // namespace

void add_finetune_command(CLI::App& app) {
  auto c = std::make_shared<FinetuneCommand>();  // must outlive parsing; CLI11 writes into it
  CLI::App* cmd = app.add_subcommand(
      "finetune", "Fine-tune IQL on AntMaze: offline updates on a dataset, then online, one update per env step");
  add_dataset_flags(*cmd, c->data, "antmaze-umaze-v2 (AntMaze only)");
  add_whole(*cmd, "--seed", c->options.seed, "run seed: initialisation, batches, exploration, evaluation", uint64_t{0})
      ->capture_default_str();
  add_steps_option(*cmd, c->config, "max_steps", "offline updates (sets max_steps) [default: 1000000]");
  add_whole(*cmd, "--online-steps", c->options.online_steps, "environment steps of the online phase, one update each",
            int64_t{1})->capture_default_str();
  add_whole(*cmd, "--eval-interval", c->options.eval_interval, "steps between evaluations, either phase", int64_t{1})
      ->capture_default_str();
  add_whole(*cmd, "--eval-episodes", c->options.eval_episodes, "episodes per evaluation", 1)->capture_default_str();
  add_whole(*cmd, "--log-interval", c->options.log_interval, "steps between metrics lines", int64_t{1})
      ->capture_default_str();
  add_output_dir(*cmd, "--out", c->options.out, "run directory [runs/finetune/<dataset>/seed<seed>]");
  cmd->add_flag("--resume", c->options.resume, "continue the run in --out from its checkpoint");
  add_whole(*cmd, "--stop-at", c->options.stop_at,
            "checkpoint and stop at this step (offline + online); continue later with --resume", int64_t{1});
  c->options.threads = default_run_threads();
  add_threads_option(*cmd, c->options.threads, "this machine's hardware threads");
  // every AntMaze set shares the fine-tune preset: expectile 0.9, temperature 10, no schedule
  add_config_options(*cmd, c->config, finetune_preset(dataset_info("antmaze-umaze-v2")),
                     "IQL hyperparameters (default: the fine-tune preset)", "fine-tune preset");
  cmd->callback([c] { run_finetune_command(*c); });
}

}  // namespace harness
