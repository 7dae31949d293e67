#include "harness/run/train.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>

#include "harness/cli/config_options.h"
#include "harness/data/d4rl_reader.h"
#include "harness/data/sha256.h"
#include "harness/data/transitions.h"
#include "harness/envs/evaluate.h"
#include "harness/run/checkpoint.h"
#include "harness/run/fingerprint.h"
#include "harness/run/metrics_log.h"
#include "harness/run/progress.h"
#include "iql/learner.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

// set by SIGINT/SIGTERM; the loop checkpoints and stops at the next update boundary
std::atomic<int> g_stop_signal{0};

extern "C" void request_stop(int signal) { g_stop_signal.store(signal); }

// installs the stop handler for the lifetime of a run, restoring the previous ones after
class StopOnSignal {
 public:
  StopOnSignal() {
    g_stop_signal.store(0);
    previous_int_ = std::signal(SIGINT, request_stop);
    previous_term_ = std::signal(SIGTERM, request_stop);
  }
  ~StopOnSignal() {
    std::signal(SIGINT, previous_int_);
    std::signal(SIGTERM, previous_term_);
  }
  bool requested() const { return g_stop_signal.load() != 0; }

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

bool is_antmaze(const DatasetInfo& info) { return info.suite == kAntmazeSuite; }

// the means of an interval's update infos, written as one metrics line; its sums travel in the
// checkpoint so a resumed run writes the same line as one that never stopped
struct LossMeans {
  double value = 0, actor = 0, critic = 0, q = 0, v = 0, weight = 0, actor_lr = 0;
  int count = 0;

  std::vector<double> sums() const { return {value, actor, critic, q, v, weight, actor_lr, double(count)}; }
  static LossMeans from(const std::vector<double>& s) {
    LossMeans m;
    if (s.size() != 8) return m;
    m.value = s[0], m.actor = s[1], m.critic = s[2], m.q = s[3], m.v = s[4], m.weight = s[5], m.actor_lr = s[6];
    m.count = static_cast<int>(s[7]);
    return m;
  }

  void add(const iql::UpdateInfo& u) {
    value += u.value_loss;
    actor += u.actor_loss;
    critic += u.critic_loss;
    q += u.mean_q;
    v += u.mean_value;
    weight += u.mean_weight;
    actor_lr = u.actor_lr;
    ++count;
  }
  void write_to(JsonObject& line) const {
    const double n = count;
    line.add("value_loss", value / n).add("actor_loss", actor / n).add("critic_loss", critic / n)
        .add("mean_q", q / n).add("mean_value", v / n).add("mean_weight", weight / n)
        .add("actor_lr", actor_lr);
  }
};

struct LoadedData {
  iql::Transitions transitions;
  std::string path;
  std::string sha256;
};

LoadedData load_data(const TrainOptions& options) {
  const DatasetChoice& choice = options.dataset;
  LoadedData data;
  data.path = choice.file.empty() ? resolve_dataset(choice.info, options.fetch) : choice.file;
  data.sha256 = sha256_file(data.path);
  D4rlArrays arrays = read_d4rl(data.path, &choice.info, InfoKeys::skip);
  data.transitions = make_transitions(std::move(arrays), reward_mode(choice.info));
  return data;
}

EvalResult evaluate_learner(iql::Learner& learner, Env& env, int episodes, uint64_t seed, int64_t step) {
  // one stream per evaluation point, so scores do not depend on earlier evaluations or on resume
  autodiff::Rng rng = autodiff::Rng::stream(seed, "eval/" + std::to_string(step));
  return evaluate(env, [&](std::span<const float> obs, std::span<float> act) { learner.act(obs, act); },
                  episodes, rng);
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) throw autodiff::Error(path + ": cannot write");
}

RunState initial_run_state(const TrainOptions& options, const LoadedData& data, const Env& env) {
  RunState run;
  run.dataset = options.dataset.info.name;
  run.env = options.dataset.info.env;
  run.dataset_sha256 = data.sha256;
  run.seed = options.seed;
  run.obs_dim = static_cast<size_t>(env.obs_dim());
  run.act_dim = static_cast<size_t>(env.act_dim());
  run.config_toml = config_toml(options.config);
  run.batch_rng = autodiff::Rng::stream(options.seed, "batches").state();
  return run;
}

// a checkpoint continues only the run it came from
void check_resumable(const RunState& saved, const RunState& fresh, const std::string& path) {
  auto differs = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) {
      throw autodiff::Error(path + ": cannot resume: the checkpoint's " + what + " (" + a.substr(0, 64) +
                            ") differs from this run's (" + b.substr(0, 64) +
                            "); choose another --out to start a new run");
    }
  };
  differs("dataset", saved.dataset, fresh.dataset);
  differs("dataset sha256", saved.dataset_sha256, fresh.dataset_sha256);
  differs("seed", std::to_string(saved.seed), std::to_string(fresh.seed));
  differs("config", saved.config_toml, fresh.config_toml);
}

void write_run_record(const std::string& path, const TrainOptions& options, const RunState& run,
                      const TrainResult& result, const std::string& data_path) {
  JsonObject record;
  record.add("dataset", run.dataset).add("env", run.env).add("suite", options.dataset.info.suite)
      .add("dataset_file", data_path).add("dataset_sha256", run.dataset_sha256)
      .add("seed", static_cast<double>(run.seed)).add("steps", static_cast<double>(result.steps))
      .add("max_steps", static_cast<double>(options.config.max_steps))
      .add("finished", !result.interrupted && result.steps >= options.config.max_steps)
      .add("final_score", result.final_score).add("final_score_std", result.final_score_std)
      .add("score_kind", "final, D4RL-normalised x100, mean over the final evaluation's episodes")
      .add("parameter_hash", result.parameter_hash).add("train_seconds", run.train_seconds)
      .add("config", run.config_toml);
  add_build_info(record);
  write_text(path, record.str() + "\n");
}

}  // namespace

DatasetChoice choose_dataset(const std::string& name, const std::string& file, const std::string& env) {
  DatasetChoice choice;
  choice.file = file;
  if (file.empty() || env.empty()) {
    choice.info = dataset_info(name);  // throws, listing close names
    return choice;
  }
  if (!fs::exists(file)) throw DatasetError(file + ": no such file (given with --file)");
  const EnvSpec& spec = env_spec(env);  // throws, listing the known envs
  choice.info.name = name.empty() ? fs::path(file).stem().string() : name;
  choice.info.file_name = fs::path(file).filename().string();
  choice.info.env = spec.name;
  choice.info.suite = spec.name.rfind("antmaze", 0) == 0 ? kAntmazeSuite : kLocomotionSuite;
  return choice;
}

iql::IqlConfig suite_preset(const DatasetInfo& info) {
  return is_antmaze(info) ? iql::antmaze_config() : iql::IqlConfig{};
}

std::string default_run_dir(const std::string& dataset, uint64_t seed) {
  return "runs/" + dataset + "/seed" + std::to_string(seed);
}

TrainResult run_train(const TrainOptions& options) {
  const DatasetInfo& info = options.dataset.info;
  const int64_t eval_interval = options.eval_interval > 0 ? options.eval_interval : is_antmaze(info) ? 100000 : 5000;
  const int eval_episodes = options.eval_episodes > 0 ? options.eval_episodes : is_antmaze(info) ? 100 : 10;
  const int64_t total = options.config.max_steps;

  TrainResult result;
  result.out_dir = options.out.empty() ? default_run_dir(info.name, options.seed) : options.out;
  fs::create_directories(result.out_dir);
  const std::string checkpoint = result.out_dir + "/checkpoint.h5";
  if (fs::exists(checkpoint) && !options.resume) {
    throw autodiff::Error(result.out_dir + " already holds a run: pass --resume to continue it, or --out DIR to start another");
  }

  LoadedData data = load_data(options);
  std::unique_ptr<Env> env = make_env(info.env);
  iql::Learner learner(static_cast<size_t>(env->obs_dim()), static_cast<size_t>(env->act_dim()), options.config,
                       options.seed);
  if (options.config.normalize_states) learner.fit_state_normalizer(data.transitions);

  RunState run = initial_run_state(options, data, *env);
  if (fs::exists(checkpoint)) {
    check_resumable(read_run_state(checkpoint), run, checkpoint);
    run = load_checkpoint(checkpoint, learner);
    std::fprintf(stderr, "resuming %s at step %lld\n", result.out_dir.c_str(), static_cast<long long>(learner.step()));
  }
  write_text(result.out_dir + "/config.toml", run.config_toml);
  MetricsLog metrics(result.out_dir + "/metrics.jsonl", learner.step());

  autodiff::Rng batches(0);
  batches.set_state(run.batch_rng);
  iql::Transitions batch;
  LossMeans losses = LossMeans::from(run.partial_log);
  Progress progress(learner.step(), total);
  StopOnSignal stop;
  EvalResult last_eval;
  bool evaluated_last_step = false;
  auto started = std::chrono::steady_clock::now();
  const double seconds_before = run.train_seconds;
  auto save = [&] {
    run.batch_rng = batches.state();
    run.partial_log = losses.sums();
    run.train_seconds = seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    save_checkpoint(checkpoint, learner, run);
  };

  const int64_t last_step = options.stop_at > 0 ? std::min(options.stop_at, total) : total;
  while (learner.step() < last_step && !stop.requested()) {
    iql::sample_batch(data.transitions, static_cast<size_t>(options.config.batch_size), batches, batch);
    losses.add(learner.update(batch));
    const int64_t step = learner.step();
    const bool log_now = step % options.log_interval == 0 || step == total;
    evaluated_last_step = step % eval_interval == 0 || step == total;
    if (!log_now && !evaluated_last_step) {
      progress.tick(step);
      continue;
    }
    JsonObject line;
    line.add("step", static_cast<double>(step));
    losses.write_to(line);
    losses = LossMeans{};
    if (evaluated_last_step) {
      last_eval = evaluate_learner(learner, *env, eval_episodes, options.seed, step);
      line.add("normalized_score", last_eval.normalized_mean).add("normalized_score_std", last_eval.normalized_std)
          .add("episodes", static_cast<double>(eval_episodes))
          .add("physics_warnings", static_cast<double>(last_eval.physics_warnings));
    }
    line.add("train_seconds", seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    metrics.write(line);  // before the checkpoint: a resume never lacks a line it will not rewrite
    if (evaluated_last_step) {
      save();
      char note[64];
      std::snprintf(note, sizeof note, "score %.1f +- %.1f", last_eval.normalized_mean, last_eval.normalized_std);
      progress.note(step, note);
    }
  }
  progress.finish();
  result.interrupted = learner.step() < total;
  if (!evaluated_last_step) save();  // interrupted between evaluations: keep every update
  if (last_eval.returns.empty() && !result.interrupted) {  // resumed a run that had already finished
    last_eval = evaluate_learner(learner, *env, eval_episodes, options.seed, learner.step());
  }
  result.steps = learner.step();
  result.final_score = last_eval.normalized_mean;
  result.final_score_std = last_eval.normalized_std;
  result.parameter_hash = learner.parameter_hash();
  write_run_record(result.out_dir + "/run.json", options, run, result, data.path);
  return result;
}

}  // namespace harness
