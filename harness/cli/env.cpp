// iql env {list, rollout, xml}: inspect the MuJoCo evaluation environments.
//   iql env rollout --env hopper --steps 1000 --seed 0
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "autodiff/rng.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/envs/env.h"
#include "harness/envs/env_mjcf.h"

namespace harness {
namespace {

struct RolloutOptions {
  std::string env = "hopper";
  int steps = 1000;
  uint64_t seed = 0;
};

struct XmlOptions {
  std::string env = "hopper";
};

void run_list() {
  std::printf("%-16s %4s %4s %4s %4s %6s %14s %14s\n", "name", "obs", "act", "nq", "nv", "steps",
              "ref min", "ref max");
  for (const EnvSpec& s : env_specs()) {
    std::printf("%-16s %4d %4d %4d %4d %6d %14.6f %14.6f\n", s.name.c_str(), s.obs_dim, s.act_dim,
                s.nq, s.nv, s.max_steps, s.ref_min_score, s.ref_max_score);
  }
}

// uniform random actions in [-1, 1]; a new episode starts whenever one ends
void run_rollout(const RolloutOptions& opts) {
  std::unique_ptr<Env> env = make_env(opts.env);
  autodiff::Rng reset_rng = autodiff::Rng::stream(opts.seed, "env_reset");
  autodiff::Rng action_rng = autodiff::Rng::stream(opts.seed, "actions");
  std::vector<float> action(env->act_dim());
  std::vector<float> observation = env->reset(reset_rng);

  int finished = 0, terminated = 0, truncated = 0, warnings = 0;
  double episode_return = 0.0, finished_returns = 0.0;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < opts.steps; ++t) {
    for (float& a : action) a = static_cast<float>(action_rng.uniform(-1.0, 1.0));
    const StepResult& step = env->step(action);
    observation = step.observation;
    episode_return += step.reward;
    if (step.terminated || step.truncated) {
      ++finished;
      terminated += step.terminated;
      truncated += step.truncated;
      warnings += step.physics_warning;
      finished_returns += episode_return;
      episode_return = 0.0;
      observation = env->reset(reset_rng);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const EnvSpec& spec = env->spec();
  std::printf("%s: %d random-action steps, seed %llu\n", spec.name.c_str(), opts.steps,
              static_cast<unsigned long long>(opts.seed));
  std::printf("  dims        obs %d, act %d, nq %d, nv %d; dt %g s, max %d steps\n", spec.obs_dim,
              spec.act_dim, spec.nq, spec.nv, env->dt(), spec.max_steps);
  std::printf("  episodes    %d finished (%d terminated, %d truncated, %d physics warnings)\n",
              finished, terminated, truncated, warnings);
  if (finished > 0) {
    const double mean_return = finished_returns / finished;
    std::printf("  return      %.3f mean over finished episodes (normalised x100: %.2f)\n",
                mean_return, normalized_score(spec, mean_return));
  }
  std::printf("  unfinished  %d steps, return %.3f so far\n", env->elapsed_steps(), episode_return);
  std::printf("  final obs  ");
  for (size_t i = 0; i < observation.size() && i < 6; ++i) std::printf(" %.4f", observation[i]);
  std::printf("%s\n", observation.size() > 6 ? " ..." : "");
  std::printf("  speed       %.0f steps/s\n", opts.steps / seconds);
}

// the MJCF text the env compiles, for viewing in MuJoCo's `simulate`
void run_xml(const XmlOptions& opts) { std::fputs(env_mjcf(opts.env).c_str(), stdout); }

}  // namespace

void add_env_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("env", "MuJoCo evaluation environments");
  cmd->require_subcommand(1);

  cmd->add_subcommand("list", "Names, dims, step limits and D4RL reference scores")
      ->callback(run_list);

  auto rollout = std::make_shared<RolloutOptions>();
  CLI::App* rollout_cmd = cmd->add_subcommand("rollout", "Run uniform random actions and summarise");
  rollout_cmd->add_option("--env", rollout->env, "environment name (see `iql env list`)")
      ->capture_default_str();
  add_whole(*rollout_cmd, "--steps", rollout->steps, "steps in total, across episodes", 1)->capture_default_str();
  add_whole(*rollout_cmd, "--seed", rollout->seed, "seed of the reset and action streams", uint64_t{0})
      ->capture_default_str();
  rollout_cmd->callback([rollout] { run_rollout(*rollout); });

  auto xml = std::make_shared<XmlOptions>();
  CLI::App* xml_cmd = cmd->add_subcommand("xml", "Print the environment's MJCF (walls included)");
  xml_cmd->add_option("--env", xml->env, "environment name")->capture_default_str();
  xml_cmd->callback([xml] { run_xml(*xml); });
}

}  // namespace harness
