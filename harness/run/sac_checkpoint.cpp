#include "harness/run/sac_checkpoint.h"

#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"
#include "harness/run/checkpoint.h"

namespace harness {
namespace {

constexpr uint64_t kFormatVersion = 1;
constexpr const char* kKind = "sac";  // an IQL checkpoint has no such attribute

// the learner's RNG streams under their attribute names (the loop's are online_loop.h's)
std::vector<std::pair<const char*, autodiff::Rng::State*>> streams(SacRunState& r) {
  return {{"rng_batches", &r.batches}, {"rng_update_noise", &r.update_noise}};
}

std::vector<uint64_t> counters_of(const sac::SacLearner::Counters& c) {
  return {static_cast<uint64_t>(c.step), static_cast<uint64_t>(c.policy_adam_steps),
          static_cast<uint64_t>(c.q_adam_steps), static_cast<uint64_t>(c.alpha_adam_steps)};
}

}  // namespace

void save_sac_checkpoint(const std::string& path, sac::SacLearner& learner, const SacRunState& run) {
  write_hdf5_file(path, [&](Hdf5Writer& out) {
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
    write_u64_attribute(file, "last_epoch_end", {static_cast<uint64_t>(run.last_epoch_end)});
    write_online_state(file, run.online, run.partial_log);
    write_double_attribute(file, "train_seconds", run.train_seconds);
  });
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
  run.last_epoch_end = static_cast<int64_t>(read_u64_attribute(f, path, "last_epoch_end", 1).front());
  run.online = read_online_state(f, path, run.partial_log);
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
