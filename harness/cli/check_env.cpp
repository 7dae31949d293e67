// iql datasets check-env NAME: D4RL's dataset fidelity check against our environments.
//   iql datasets check-env hopper-medium-v2                 (the cached file)
//   iql datasets check-env hopper-medium-v2 --file x.hdf5 --rows 10000
#include <array>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "harness/behaviour/collect_antmaze.h"
#include "harness/behaviour/regen_manifest.h"
#include "harness/cli/commands.h"
#include "harness/cli/number_option.h"
#include "harness/cli/path_option.h"
#include "harness/data/cache.h"
#include "harness/data/d4rl_reader.h"
#include "harness/envs/antmaze.h"
#include "harness/envs/replay_check.h"

namespace harness {
namespace {

struct CheckEnvOptions {
  std::string dataset;
  std::string file;     // "" = the cached file of `dataset`
  size_t rows = 0;      // 0 = all
};

// the goal a regenerated AntMaze set's rewards were relabelled against; D4RL's files do not say theirs
std::optional<std::array<double, 2>> reward_goal(const DatasetInfo& info) {
  if (!info.regenerated || !is_antmaze(info.env)) return std::nullopt;
  const RegenEntry entry = manifest_entry(read_manifest(default_manifest_path()), info.name, default_manifest_path());
  return antmaze_eval_goal(entry.env, entry.collection_seed);
}

void print_report(const ReplayReport& report, const EnvSpec& spec, const std::string& path,
                  std::optional<std::array<double, 2>> goal) {
  std::printf("%s: %zu rows replayed in %s, %zu within-episode transitions, %zu physics warnings\n",
              path.c_str(), report.rows, spec.name.c_str(), report.transitions, report.physics_warnings);
  std::printf("%5s  %14s %10s  %14s %10s\n", "dim", "obs(state) err", "at row", "next obs err", "at row");
  for (size_t i = 0; i < report.state_obs.size(); ++i) {
    std::printf("%5zu  %14.3e %10zu  %14.3e %10zu\n", i, report.state_obs[i].value, report.state_obs[i].row,
                report.next_obs[i].value, report.next_obs[i].row);
  }
  if (report.rewards_checked) {
    std::printf("reward err %.3e at row %zu; termination mismatches %zu", report.reward.value, report.reward.row,
                report.termination_mismatches);
    if (goal) std::printf(" (against the relabelling goal (%.4f, %.4f))", (*goal)[0], (*goal)[1]);
    std::printf("\n");
  } else {
    std::printf("reward and termination not checked: AntMaze rewards used a goal the file does not hold\n");
  }
}

void run_check_env(const CheckEnvOptions& opts) {
  const DatasetInfo& info = dataset_info(opts.dataset);
  const std::string path = local_dataset(info, opts.file);  // a check never downloads
  const D4rlArrays arrays = read_d4rl(path, &info, InfoKeys::read);
  std::unique_ptr<Env> env = make_env(dataset_env(info).name);
  autodiff::Rng rng(0);
  env->reset(rng);  // as D4RL's script, though every row sets its own state
  const std::optional<std::array<double, 2>> goal = reward_goal(info);
  print_report(check_replay(*env, replay_columns(arrays), opts.rows, goal), env->spec(), path, goal);
}

}  // namespace

void add_check_env_command(CLI::App& datasets_cmd) {
  auto opts = std::make_shared<CheckEnvOptions>();
  CLI::App* cmd = datasets_cmd.add_subcommand(
      "check-env", "Replay a dataset's infos/qpos, infos/qvel and actions through our env; print the errors");
  cmd->add_option("name", opts->dataset, "dataset name (see `iql datasets list`)")->required();
  add_input_file(*cmd, "--file", opts->file, "D4RL .hdf5 file to check instead of the cached one",
                 "a D4RL .hdf5 dataset");
  add_whole(*cmd, "--rows", opts->rows, "check only the first N rows (0: all)", size_t{0})->capture_default_str();
  cmd->callback([opts] { run_check_env(*opts); });
}

}  // namespace harness
