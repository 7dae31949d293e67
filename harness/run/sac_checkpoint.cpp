#include "harness/behaviour/sac_checkpoint.h"

#include <filesystem>

#include "harness/data/fixture_writer.h"
#include "harness/data/hdf5_file.h"
#include "harness/run/checkpoint.h"

namespace harness {
namespace {

constexpr uint64_t kFormatVersion = 1;
constexpr const char* kKind = "sac";  // an IQL checkpoint has no such attribute

// the run's RNG streams under their attribute names
std::vector<std::pair<const char*, autodiff::Rng::State*>> streams(SacRunState& r) {
  return {{"rng_exploration", &r.exploration}, {"rng_batches", &r.batches},
          {"rng_update_noise", &r.update_noise}, {"rng_resets", &r.resets}};
}

std::vector<uint64_t> counters_of(const sac::SacLearner::Counters& c) {
  return {static_cast<uint64_t>(c.step), static_cast<uint64_t>(c.policy_adam_steps),
          static_cast<uint64_t>(c.q_adam_steps), static_cast<uint64_t>(c.alpha_adam_steps)};
}

}  // namespace

void save_sac_checkpoint(const std::string& path, sac::SacLearner& learner, const SacRunState& run) {
  const std::string partial = path + ".writing";
  {
    Hdf5Writer out(partial);
    write_learner_tensors(out, learner.parameters());
    const hid_t file = out.file();
    SacRunState copy = run;
    write_u64_attribute(file, "format_version", {kFormatVersion});
    write_text_attribute(file, "kind", kKind);
    write_u64_attribute(file, "learner_counters", counters_of(learner.counters()));
    for (auto [name, state] : streams(copy)) write_u64_attribute(file, name, {state->begin(), state->end()});
    write_text_attribute(file, "env", run.env);
    write_u64_attribute(file, "seed", {run.seed});
    write_text_attribute(file, "config", run.config_toml);
    write_u64_attribute(file, "env_steps", {static_cast<uint64_t>(run.env_steps)});
    write_u64_attribute(file, "last_epoch_end", {static_cast<uint64_t>(run.last_epoch_end)});
    write_double_attributes(file, "env_state", flatten(run.env_state));
    write_double_attribute(file, "episode_return", run.episode_return);
    // empty lists are stored with a leading count, as HDF5 attributes cannot be empty
    std::vector<double> log = {static_cast<double>(run.partial_log.size())};
    log.insert(log.end(), run.partial_log.begin(), run.partial_log.end());
    log.insert(log.end(), run.finished_returns.begin(), run.finished_returns.end());
    write_double_attributes(file, "epoch_log", log);
    write_double_attribute(file, "train_seconds", run.train_seconds);
    out.close();
  }
  std::filesystem::rename(partial, path);
}

SacRunState read_sac_run_state(const std::string& path) {
  H5Id file = open_hdf5(path);
  const hid_t f = file.get();
  if (read_u64_attribute(f, path, "format_version", 1).front() != kFormatVersion ||
      read_text_attribute(f, path, "kind") != kKind) {
    throw autodiff::Error(path + ": not a checkpoint of an `iql sac` run of this format (format " +
                          std::to_string(kFormatVersion) + ")");
  }
  SacRunState run;
  for (auto [name, state] : streams(run)) {
    const std::vector<uint64_t> v = read_u64_attribute(f, path, name, 4);
    std::copy(v.begin(), v.end(), state->begin());
  }
  run.env = read_text_attribute(f, path, "env");
  run.seed = read_u64_attribute(f, path, "seed", 1).front();
  run.config_toml = read_text_attribute(f, path, "config");
  run.env_steps = static_cast<int64_t>(read_u64_attribute(f, path, "env_steps", 1).front());
  run.last_epoch_end = static_cast<int64_t>(read_u64_attribute(f, path, "last_epoch_end", 1).front());
  try {
    run.env_state = unflatten(read_double_attributes(f, path, "env_state"));
  } catch (const EnvError& e) {
    throw autodiff::Error(path + ": " + e.what());
  }
  run.episode_return = read_double_attribute(f, path, "episode_return");
  const std::vector<double> log = read_double_attributes(f, path, "epoch_log");
  const size_t sums = log.empty() ? 0 : static_cast<size_t>(log[0]);
  if (log.empty() || sums > log.size() - 1) throw autodiff::Error(path + ": attribute 'epoch_log' is damaged");
  run.partial_log.assign(log.begin() + 1, log.begin() + 1 + static_cast<std::ptrdiff_t>(sums));
  run.finished_returns.assign(log.begin() + 1 + static_cast<std::ptrdiff_t>(sums), log.end());
  run.train_seconds = read_double_attribute(f, path, "train_seconds");
  return run;
}

SacRunState load_sac_checkpoint(const std::string& path, sac::SacLearner& learner) {
  SacRunState run = read_sac_run_state(path);
  H5Id file = open_hdf5(path);
  read_learner_tensors(file.get(), path, learner.parameters());
  const std::vector<uint64_t> c = read_u64_attribute(file.get(), path, "learner_counters", 4);
  learner.set_counters({static_cast<int64_t>(c[0]), static_cast<int64_t>(c[1]), static_cast<int64_t>(c[2]),
                        static_cast<int64_t>(c[3])});
  return run;
}

}  // namespace harness
