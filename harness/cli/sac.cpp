// iql sac --env hopper --seed 0 [--steps N] [--out DIR] [--resume] [--stop-at N] [SAC flags]
#include <cstdio>
#include <memory>

#include "harness/behaviour/sac_run.h"
#include "harness/cli/commands.h"
#include "harness/cli/config_flags.h"
#include "harness/cli/threads_option.h"
#include "harness/envs/env_spec.h"

namespace harness {
namespace {

struct SacCommand {
  SacRunOptions options;
  ConfigOverrides config;
};

void run_sac_command(SacCommand& c) {
  env_spec(c.options.env);  // an unknown env fails here, listing the known ones
  c.options.config = resolve_config(sac::SacConfig{}, c.config);
  const SacRunResult r = run_sac(c.options);
  if (r.interrupted) {
    std::fprintf(stderr, "stopped at step %lld; checkpoint saved in %s; run the same command with --resume to continue\n",
                 static_cast<long long>(r.env_steps), r.out_dir.c_str());
    if (r.env_steps != c.options.stop_at) throw CLI::RuntimeError(130);  // a signal, not the planned stop
    return;
  }
  std::printf("sac %s seed %llu: %lld steps, %lld updates; last snapshot scores %.1f sampled, %.1f deterministic (%s)\n",
              c.options.env.c_str(), static_cast<unsigned long long>(c.options.seed), static_cast<long long>(r.env_steps),
              static_cast<long long>(r.updates), r.sampled_score, r.deterministic_score, score_unit(env_spec(c.options.env)));
  std::printf("parameter hash %s, replay digest %s, run directory %s\n", r.parameter_hash.c_str(),
              r.replay_digest.c_str(), r.out_dir.c_str());
}

}  // namespace

void add_sac_command(CLI::App& app) {
  auto c = std::make_shared<SacCommand>();  // must outlive parsing; CLI11 writes into it
  CLI::App* cmd = app.add_subcommand("sac", "Train a SAC behaviour policy online (rlkit's SAC), snapshotting it as it goes");
  cmd->add_option("--env", c->options.env, "environment (iql env list), e.g. hopper")->required();
  cmd->add_option("--seed", c->options.seed, "run seed: initialisation, exploration, batches, resets")->capture_default_str();
  cmd->add_option_function<int64_t>("--steps", [c](int64_t n) { c->config.flags["total_steps"] = std::to_string(n); },
                                    "environment steps of the run (sets total_steps) [default: 1000000]");
  cmd->add_option("--out", c->options.out, "run directory [runs/sac/<env>/seed<seed>]");
  cmd->add_flag("--resume", c->options.resume, "continue the run in --out from its checkpoint");
  cmd->add_option("--stop-at", c->options.stop_at, "checkpoint and stop at this environment step; continue with --resume");
  c->options.threads = default_run_threads();
  add_threads_option(*cmd, c->options.threads, "this machine's hardware threads");
  add_config_options(*cmd, c->config, sac::SacConfig{}, "SAC hyperparameters (default: rlkit's)", "default");
  cmd->callback([c] { run_sac_command(*c); });
}

}  // namespace harness
