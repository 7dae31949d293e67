// iql sac --env hopper --seed 0 [--steps N] [--out DIR] [--resume] [--stop-at N] [SAC flags]
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/config_flags.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/cli/run_outcome.h"
#include "harness/cli/threads_option.h"
#include "harness/envs/env_spec.h"
#include "harness/run/sac_run.h"

namespace harness {
namespace {

struct SacCommand {
  SacRunOptions options;
  ConfigOverrides config;
};

void run_sac_command(SacCommand& c) {
  env_spec(c.options.env);  // an unknown env fails here, listing the known ones
  c.options.config = resolve_config(sac::SacConfig{}, c.config);
  print_replaced_keys(c.config);
  const SacRunResult r = run_sac(c.options);
  if (r.interrupted) return report_interrupted(r.env_steps, c.options.stop_at, r.out_dir);
  char scores[160] = "no snapshot (the run ended before snapshot_interval)";
  if (r.env_steps >= c.options.config.snapshot_interval)
    std::snprintf(scores, sizeof scores, "last snapshot scores %.1f sampled, %.1f deterministic (%s)", r.sampled_score,
                  r.deterministic_score, score_unit(env_spec(c.options.env)));
  std::printf("sac %s seed %llu: %lld steps, %lld updates; %s\n", c.options.env.c_str(),
              static_cast<unsigned long long>(c.options.seed), static_cast<long long>(r.env_steps),
              static_cast<long long>(r.updates), scores);
  std::printf("parameter hash %s, replay digest %s, run directory %s\n", r.parameter_hash.c_str(),
              r.replay_digest.c_str(), r.out_dir.c_str());
}

}  // namespace

void add_sac_command(CLI::App& app) {
  auto c = std::make_shared<SacCommand>();  // must outlive parsing; CLI11 writes into it
  CLI::App* cmd = app.add_subcommand("sac", "Train a SAC behaviour policy online (rlkit's SAC), snapshotting it as it goes");
  cmd->add_option("--env", c->options.env, "environment (iql env list), e.g. hopper")->required();
  add_whole(*cmd, "--seed", c->options.seed, "run seed: initialisation, exploration, batches, resets", uint64_t{0})
      ->capture_default_str();
  add_steps_option(*cmd, c->config, "total_steps", "environment steps of the run (sets total_steps) [default: 1000000]");
  add_output_dir(*cmd, "--out", c->options.out, "run directory [runs/sac/<env>/seed<seed>]");
  cmd->add_flag("--resume", c->options.resume, "continue the run in --out from its checkpoint");
  add_whole(*cmd, "--stop-at", c->options.stop_at, "checkpoint and stop at this environment step; continue with --resume",
            int64_t{1});
  c->options.threads = default_run_threads();
  add_threads_option(*cmd, c->options.threads, "this machine's hardware threads");
  add_config_options(*cmd, c->config, sac::SacConfig{}, "SAC hyperparameters (default: rlkit's)", "default");
  cmd->callback([c] { run_sac_command(*c); });
}

}  // namespace harness
