#include "harness/run/checkpoint.h"

#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"
#include "harness/run/config_options.h"

namespace harness {
namespace {

constexpr uint64_t kFormatVersion = 1;

// target networks ("target/...", "target_q1/...") are not trained: no Adam moments
bool is_target(const std::string& name) { return name.rfind("target", 0) == 0; }

void load_into(autodiff::Tensor& target, const autodiff::Tensor& stored, const std::string& path, const std::string& key) {
  if (stored.shape() != target.shape()) {
    throw autodiff::Error(path + ": tensor '" + key + "' has shape " + autodiff::shape_string(stored) +
                          " but the learner's is " + autodiff::shape_string(target) +
                          " (a different network size or dataset?)");
  }
  target = stored;
}

uint64_t read_u64(hid_t file, const std::string& path, const std::string& name) {
  return read_u64_attribute(file, path, name, 1).front();
}

template <size_t N>
std::array<uint64_t, N> read_state(hid_t file, const std::string& path, const std::string& name) {
  const std::vector<uint64_t> v = read_u64_attribute(file, path, name, N);
  std::array<uint64_t, N> out{};
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

}  // namespace

RunState fresh_run_state(const DatasetInfo& info, const std::string& dataset_sha256, uint64_t seed,
                         const Env& env, const iql::IqlConfig& config) {
  RunState run;
  run.dataset = info.name;
  run.env = info.env;
  run.dataset_sha256 = dataset_sha256;
  run.seed = seed;
  run.obs_dim = static_cast<size_t>(env.obs_dim());
  run.act_dim = static_cast<size_t>(env.act_dim());
  run.config_toml = config_toml(config);
  run.batch_rng = autodiff::Rng::stream(seed, "batches").state();
  return run;
}

JsonObject dataset_record(const DatasetInfo& info, const RunState& run, const std::string& data_path) {
  JsonObject record;
  record.add("dataset", run.dataset).add("env", run.env).add("suite", info.suite)
      .add("regenerated", info.regenerated)
      .add("dataset_file", data_path).add("dataset_sha256", run.dataset_sha256)
      .add("seed", static_cast<double>(run.seed));
  return record;
}

std::string schedule_toml(int64_t eval_interval, int64_t eval_episodes, int64_t log_interval) {
  return "eval_interval = " + std::to_string(eval_interval) + "\neval_episodes = " + std::to_string(eval_episodes) +
         "\nlog_interval = " + std::to_string(log_interval) + "\n";
}

std::vector<SameRunField> run_identity(const RunState& saved, const RunState& fresh) {
  std::vector<SameRunField> fields = {{"dataset", saved.dataset, fresh.dataset},
                                      {"dataset sha256", saved.dataset_sha256, fresh.dataset_sha256},
                                      {"seed", std::to_string(saved.seed), std::to_string(fresh.seed)},
                                      {"config", saved.config_toml, fresh.config_toml}};
  if (!saved.schedule.empty()) fields.push_back({"schedule", saved.schedule, fresh.schedule});
  return fields;
}

void write_learner_tensors(Hdf5Writer& out, const autodiff::ParamList<float>& params) {
  for (const auto& [name, p] : params.items) {
    out.floats("params/" + name, p->value, FloatType::f32);
    if (is_target(name)) continue;
    out.floats("adam_m/" + name, p->adam_m, FloatType::f32);
    out.floats("adam_v/" + name, p->adam_v, FloatType::f32);
  }
}

void read_learner_tensors(hid_t file, const std::string& path, const autodiff::ParamList<float>& params) {
  for (const auto& [name, p] : params.items) {
    load_into(p->value, read_tensor(file, path, "params/" + name), path, "params/" + name);
    if (is_target(name)) continue;
    load_into(p->adam_m, read_tensor(file, path, "adam_m/" + name), path, "adam_m/" + name);
    load_into(p->adam_v, read_tensor(file, path, "adam_v/" + name), path, "adam_v/" + name);
  }
}

void save_checkpoint(const std::string& path, iql::Learner& learner, const RunState& run,
                     const std::function<void(hid_t file)>& extra) {
  // atomic: a reader sees the old or the new checkpoint
  write_hdf5_file(path, [&](Hdf5Writer& out) {
    write_learner_tensors(out, learner.parameters());
    const iql::Learner::Counters c = learner.counters();
    const hid_t file = out.file();
    write_u64_attribute(file, "format_version", {kFormatVersion});
    write_u64_attribute(file, "step", {static_cast<uint64_t>(c.step)});
    write_u64_attribute(file, "value_adam_steps", {static_cast<uint64_t>(c.value_adam_steps)});
    write_u64_attribute(file, "actor_adam_steps", {static_cast<uint64_t>(c.actor_adam_steps)});
    write_u64_attribute(file, "critic_adam_steps", {static_cast<uint64_t>(c.critic_adam_steps)});
    write_u64_attribute(file, "rng_dropout", {c.dropout_rng.begin(), c.dropout_rng.end()});
    write_u64_attribute(file, "rng_batches", {run.batch_rng.begin(), run.batch_rng.end()});
    write_u64_attribute(file, "seed", {run.seed});
    write_u64_attribute(file, "obs_dim", {run.obs_dim});
    write_u64_attribute(file, "act_dim", {run.act_dim});
    write_double_attribute(file, "train_seconds", run.train_seconds);
    write_double_attributes(file, "partial_log", run.partial_log);
    write_text_attribute(file, "dataset", run.dataset);
    write_text_attribute(file, "env", run.env);
    write_text_attribute(file, "dataset_sha256", run.dataset_sha256);
    write_text_attribute(file, "config", run.config_toml);
    write_text_attribute(file, "schedule", run.schedule);
    if (extra) extra(file);
  });
}

RunState read_run_state(const std::string& path) {
  H5Id file = open_hdf5(path);
  const uint64_t version = read_u64(file.get(), path, "format_version");
  if (version != kFormatVersion) {
    throw autodiff::Error(path + ": checkpoint format " + std::to_string(version) + "; this build reads format " +
                          std::to_string(kFormatVersion));
  }
  RunState run;
  run.dataset = read_text_attribute(file.get(), path, "dataset");
  run.env = read_text_attribute(file.get(), path, "env");
  run.dataset_sha256 = read_text_attribute(file.get(), path, "dataset_sha256");
  run.config_toml = read_text_attribute(file.get(), path, "config");
  if (has_attribute(file.get(), "schedule")) run.schedule = read_text_attribute(file.get(), path, "schedule");
  run.seed = read_u64(file.get(), path, "seed");
  run.obs_dim = read_u64(file.get(), path, "obs_dim");
  run.act_dim = read_u64(file.get(), path, "act_dim");
  run.batch_rng = read_state<4>(file.get(), path, "rng_batches");
  run.train_seconds = read_double_attribute(file.get(), path, "train_seconds");
  run.partial_log = read_double_attributes(file.get(), path, "partial_log");
  return run;
}

RunState load_checkpoint(const std::string& path, iql::Learner& learner) {
  RunState run = read_run_state(path);
  H5Id file = open_hdf5(path);
  read_learner_tensors(file.get(), path, learner.parameters());
  iql::Learner::Counters c{};
  c.step = static_cast<int64_t>(read_u64(file.get(), path, "step"));
  c.value_adam_steps = static_cast<int64_t>(read_u64(file.get(), path, "value_adam_steps"));
  c.actor_adam_steps = static_cast<int64_t>(read_u64(file.get(), path, "actor_adam_steps"));
  c.critic_adam_steps = static_cast<int64_t>(read_u64(file.get(), path, "critic_adam_steps"));
  c.dropout_rng = read_state<4>(file.get(), path, "rng_dropout");
  learner.set_counters(c);
  return run;
}

}  // namespace harness
