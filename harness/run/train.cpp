#include "harness/run/train.h"

#include <chrono>
#include <cmath>
#include <filesystem>

#include "autodiff/thread_pool.h"
#include "harness/run/config_options.h"
#include "harness/data/d4rl_reader.h"
#include "harness/data/file_lock.h"
#include "harness/data/sha256.h"
#include "harness/data/transitions.h"
#include "harness/envs/evaluate.h"
#include "harness/run/final_episodes.h"
#include "harness/run/learner_policies.h"
#include "harness/run/checkpoint.h"
#include "harness/run/fingerprint.h"
#include "harness/run/metrics_log.h"
#include "harness/run/progress.h"
#include "harness/run/stop_signal.h"
#include "harness/run/text_file.h"
#include "iql/learner.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

bool is_antmaze(const DatasetInfo& info) { return info.suite == kAntmazeSuite; }

// the means of an interval's update infos, written as one metrics line; its sums travel in the
// checkpoint so a resumed run writes the same line as one that never stopped
struct LossMeans {
  double value = 0, actor = 0, critic = 0, q = 0, v = 0, weight = 0, actor_lr = 0;
  int count = 0;
  bool critics_trained = true;  // BC (temperature 0) trains no V or Q: their columns are left out

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
    critics_trained = u.critics_trained;
    ++count;
  }
  void write_to(JsonObject& line) const {
    const double n = count;
    if (critics_trained) line.add("value_loss", value / n);
    line.add("actor_loss", actor / n);
    if (critics_trained) line.add("critic_loss", critic / n).add("mean_q", q / n).add("mean_value", v / n);
    line.add("mean_weight", weight / n).add("actor_lr", actor_lr);
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
  return evaluate_parallel(env, policy_copies(learner), episodes, rng, autodiff::thread_count());
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
      .add("regenerated", options.dataset.info.regenerated)
      .add("dataset_file", data_path).add("dataset_sha256", run.dataset_sha256)
      .add("seed", static_cast<double>(run.seed)).add("steps", static_cast<double>(result.steps))
      .add("max_steps", static_cast<double>(options.config.max_steps))
      .add("finished", !result.interrupted && result.diverged_at == 0 && result.steps >= options.config.max_steps)
      .add("diverged_at", static_cast<double>(result.diverged_at))
      .add("final_score", result.final_score).add("final_score_std", result.final_score_std)
      .add("score_kind", "final, D4RL-normalised x100, mean over the final evaluation's episodes")
      .add("parameter_hash", result.parameter_hash).add("train_seconds", run.train_seconds)
      .add("config", run.config_toml);
  add_build_info(record);
  write_text_file(path, record.str() + "\n");
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
  for (const DatasetInfo& known : dataset_registry()) {
    if (known.name == name && known.env != spec.name) {
      throw DatasetError("--dataset " + name + " is a " + known.env + " dataset but --env says " + spec.name +
                         ": drop --env to train on the file as " + name + ", or name the run with a --dataset of your own");
    }
  }
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

namespace {

// one run while it trains: data, environment, learner, logs, and the checkpoint it keeps current
class Trainer {
 public:
  explicit Trainer(const TrainOptions& options);
  /// Updates until `last_step` or a stop request, logging, evaluating and checkpointing as due.
  void train_until(int64_t last_step, const StopOnSignal& stop);
  /// Checkpoints where it stopped, evaluates a resumed finished run, writes run.json.
  TrainResult finish();

 private:
  void prepare_directory();
  void resume_if_checkpointed();
  void write_log_line(int64_t step, bool evaluate_now);
  void save();
  double seconds_so_far() const {
    return run_.train_seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  const TrainOptions& options_;
  const int64_t eval_interval_, total_;
  const int eval_episodes_;
  TrainResult result_;
  std::string checkpoint_;
  std::unique_ptr<FileLock> lock_;  // set by prepare_directory(), before data_ is loaded
  LoadedData data_;
  std::unique_ptr<Env> env_;
  iql::Learner learner_;
  RunState run_;
  autodiff::Rng batches_{0};
  LossMeans losses_;
  std::unique_ptr<MetricsLog> metrics_;
  std::unique_ptr<Progress> progress_;
  EvalResult last_eval_;
  bool evaluated_last_step_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

Trainer::Trainer(const TrainOptions& o)
    : options_(o),
      eval_interval_(o.eval_interval > 0 ? o.eval_interval : is_antmaze(o.dataset.info) ? 100000 : 5000),
      total_(o.config.max_steps),
      eval_episodes_(o.eval_episodes > 0 ? o.eval_episodes : is_antmaze(o.dataset.info) ? 100 : 10),
      data_((prepare_directory(), load_data(o))),
      env_(make_env(o.dataset.info.env)),
      learner_(static_cast<size_t>(env_->obs_dim()), static_cast<size_t>(env_->act_dim()), o.config, o.seed),
      run_(initial_run_state(o, data_, *env_)) {
  if (o.config.normalize_states) learner_.fit_state_normalizer(data_.transitions);
  resume_if_checkpointed();
  write_text_file(result_.out_dir + "/config.toml", run_.config_toml);
  metrics_ = std::make_unique<MetricsLog>(result_.out_dir + "/metrics.jsonl", learner_.step());
  progress_ = std::make_unique<Progress>(learner_.step(), total_);
  batches_.set_state(run_.batch_rng);
  losses_ = LossMeans::from(run_.partial_log);
}

void Trainer::prepare_directory() {
  result_.out_dir = options_.out.empty() ? default_run_dir(options_.dataset.info.name, options_.seed) : options_.out;
  fs::create_directories(result_.out_dir);
  // one process per run directory: two would interleave metrics and overwrite each other's checkpoints
  lock_ = std::make_unique<FileLock>(result_.out_dir + "/.lock", FileLock::Mode::or_fail, "run directory " + result_.out_dir);
  checkpoint_ = result_.out_dir + "/checkpoint.h5";
  if (fs::exists(checkpoint_) && !options_.resume) {
    throw autodiff::Error(result_.out_dir + " already holds a run: pass --resume to continue it, or --out DIR to start another");
  }
}

void Trainer::resume_if_checkpointed() {
  if (!fs::exists(checkpoint_)) return;
  check_resumable(read_run_state(checkpoint_), run_, checkpoint_);
  run_ = load_checkpoint(checkpoint_, learner_);
  std::fprintf(stderr, "resuming %s at step %lld\n", result_.out_dir.c_str(), static_cast<long long>(learner_.step()));
}

void Trainer::train_until(int64_t last_step, const StopOnSignal& stop) {
  iql::Transitions batch;
  while (learner_.step() < last_step && !stop.requested()) {
    iql::sample_batch(data_.transitions, static_cast<size_t>(options_.config.batch_size), batches_, batch);
    const iql::UpdateInfo info = learner_.update(batch);
    if (!std::isfinite(info.value_loss) || !std::isfinite(info.actor_loss) || !std::isfinite(info.critic_loss)) {
      result_.diverged_at = learner_.step();  // a diverged learner is never checkpointed or evaluated
      break;
    }
    losses_.add(info);
    const int64_t step = learner_.step();
    evaluated_last_step_ = step % eval_interval_ == 0 || step == total_;
    if (step % options_.log_interval == 0 || step == total_ || evaluated_last_step_) {
      write_log_line(step, evaluated_last_step_);
    } else {
      progress_->tick(step);
    }
  }
  progress_->finish();
}

// the interval's loss means, and at evaluation points the score; the checkpoint follows the line,
// so a resume never lacks a line it will not write again
void Trainer::write_log_line(int64_t step, bool evaluate_now) {
  JsonObject line;
  line.add("step", static_cast<double>(step));
  losses_.write_to(line);
  losses_ = LossMeans{};
  if (evaluate_now) {
    last_eval_ = evaluate_learner(learner_, *env_, eval_episodes_, options_.seed, step);
    line.add("normalized_score", last_eval_.normalized_mean).add("normalized_score_std", last_eval_.normalized_std)
        .add("episodes", static_cast<double>(eval_episodes_))
        .add("physics_warnings", static_cast<double>(last_eval_.physics_warnings));
  }
  line.add("train_seconds", seconds_so_far());
  metrics_->write(line);
  if (!evaluate_now) return;
  save();
  char note[64];
  std::snprintf(note, sizeof note, "score %.1f +- %.1f", last_eval_.normalized_mean, last_eval_.normalized_std);
  progress_->note(step, note);
}

void Trainer::save() {
  RunState state = run_;
  state.batch_rng = batches_.state();
  state.partial_log = losses_.sums();
  state.train_seconds = seconds_so_far();
  save_checkpoint(checkpoint_, learner_, state);
}

TrainResult Trainer::finish() {
  if (result_.diverged_at > 0) {
    result_.steps = result_.diverged_at;
    RunState state = run_;
    state.train_seconds = seconds_so_far();
    write_run_record(result_.out_dir + "/run.json", options_, state, result_, data_.path);
    return result_;
  }
  result_.interrupted = learner_.step() < total_;
  if (!evaluated_last_step_) save();  // stopped between evaluations: keep every update
  if (last_eval_.returns.empty() && !result_.interrupted) {  // resumed a run that had already finished
    last_eval_ = evaluate_learner(learner_, *env_, eval_episodes_, options_.seed, learner_.step());
  }
  result_.steps = learner_.step();
  if (!result_.interrupted) write_final_episodes(result_.out_dir + "/" + kFinalEpisodesFile, last_eval_);
  result_.final_score = last_eval_.normalized_mean;
  result_.final_score_std = last_eval_.normalized_std;
  result_.parameter_hash = learner_.parameter_hash();
  RunState state = run_;
  state.train_seconds = seconds_so_far();
  write_run_record(result_.out_dir + "/run.json", options_, state, result_, data_.path);
  return result_;
}

}  // namespace

TrainResult run_train(const TrainOptions& options) {
  autodiff::set_thread_count(options.threads);
  Trainer trainer(options);
  StopOnSignal stop;
  const int64_t total = options.config.max_steps;
  trainer.train_until(options.stop_at > 0 ? std::min(options.stop_at, total) : total, stop);
  return trainer.finish();
}

}  // namespace harness
