#include "harness/behaviour/sac_run.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "autodiff/thread_pool.h"
#include "harness/behaviour/policy_snapshot.h"
#include "harness/behaviour/replay_buffer.h"
#include "harness/behaviour/replay_stream.h"
#include "harness/behaviour/sac_checkpoint.h"
#include "harness/run/config_options.h"
#include "harness/data/file_lock.h"
#include "harness/envs/evaluate.h"
#include "harness/run/fingerprint.h"
#include "harness/run/learner_policies.h"
#include "harness/run/metrics_log.h"
#include "harness/run/progress.h"
#include "harness/run/stop_signal.h"
#include "harness/run/text_file.h"
#include "sac/learner.h"

namespace harness {
namespace fs = std::filesystem;
namespace {

using autodiff::Rng;

// the loss means of an epoch: their sums travel in the checkpoint, so a resumed run writes the
// same line as one that never stopped
constexpr const char* kLossKeys[] = {"q1_loss", "q2_loss", "policy_loss", "alpha_loss", "alpha", "entropy", "mean_q"};
constexpr size_t kLossCount = std::size(kLossKeys);

void add_losses(std::vector<double>& sums, const sac::SacUpdateInfo& u) {
  if (sums.empty()) sums.assign(kLossCount + 1, 0.0);  // the last one counts the updates
  const double values[] = {u.q1_loss, u.q2_loss, u.policy_loss, u.alpha_loss, u.alpha, u.entropy, u.mean_q};
  for (size_t k = 0; k < kLossCount; ++k) sums[k] += values[k];
  sums[kLossCount] += 1.0;
}

double mean_of(const std::vector<double>& values) {
  double s = 0.0;
  for (double v : values) s += v;
  return values.empty() ? 0.0 : s / static_cast<double>(values.size());
}

// a goal-directed env's evaluation: the fraction of episodes reaching a goal, and goals per episode
void add_goal_metrics(JsonObject& line, const std::string& prefix, const EvalResult& result) {
  std::vector<double> goals(result.goals_reached.begin(), result.goals_reached.end());
  line.add(prefix + "_success", success_rate(result)).add(prefix + "_goals", mean_of(goals));
}

SacRunState initial_state(const SacRunOptions& o) {
  SacRunState s;
  s.env = o.env;
  s.seed = o.seed;
  s.config_toml = config_toml(o.config);
  s.exploration = Rng::stream(o.seed, "exploration").state();
  s.batches = Rng::stream(o.seed, "batches").state();
  s.update_noise = Rng::stream(o.seed, "update-noise").state();
  s.resets = Rng::stream(o.seed, "resets").state();
  return s;
}

// a checkpoint continues only the run it came from
void check_resumable(const SacRunState& saved, const SacRunState& fresh, const std::string& path) {
  auto differs = [&](const char* what, const std::string& a, const std::string& b) {
    if (a != b) {
      throw autodiff::Error(path + ": cannot resume: the checkpoint's " + what + " (" + a.substr(0, 200) +
                            ") differs from this run's (" + b.substr(0, 200) + "); choose another --out to start a new run");
    }
  };
  differs("env", saved.env, fresh.env);
  differs("seed", std::to_string(saved.seed), std::to_string(fresh.seed));
  differs("config", saved.config_toml, fresh.config_toml);
}

class SacRun {
 public:
  explicit SacRun(const SacRunOptions& options);
  /// Collects, trains, logs, snapshots and checkpoints until `last_env_step` or a stop request.
  void run_until(int64_t last_env_step, const StopOnSignal& stop);
  SacRunResult finish();

 private:
  int64_t updates_due() const;
  void collect_step();
  void update_once();
  void end_epoch();
  void evaluate_snapshot(JsonObject& line);
  void save();
  void resume();
  double seconds_so_far() const {
    return state_.train_seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  const SacRunOptions& options_;
  const sac::SacConfig& config_;
  SacRunResult result_;
  std::string checkpoint_;
  std::unique_ptr<FileLock> lock_;  // this process owns the run directory
  std::unique_ptr<Env> env_, eval_env_;
  const size_t obs_dim_, act_dim_;
  sac::SacLearner learner_;
  SacRunState state_;
  Rng exploration_{0}, batches_{0}, update_noise_{0}, resets_{0};
  ReplayBuffer buffer_;
  std::unique_ptr<ReplayStream> stream_;
  std::unique_ptr<MetricsLog> metrics_;
  std::unique_ptr<Progress> progress_;
  std::vector<float> observation_, action_, eps_;
  iql::Transitions batch_;
  bool saved_at_current_step_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

SacRun::SacRun(const SacRunOptions& o)
    : options_(o),
      config_(o.config),
      env_(make_env(o.env)),
      eval_env_(make_env(o.env)),
      obs_dim_(static_cast<size_t>(env_->obs_dim())),
      act_dim_(static_cast<size_t>(env_->act_dim())),
      learner_(obs_dim_, act_dim_, o.config, o.seed),
      state_(initial_state(o)),
      buffer_(static_cast<size_t>(o.config.replay_capacity), obs_dim_, act_dim_),
      action_(act_dim_),
      eps_(act_dim_) {
  result_.out_dir = o.out.empty() ? default_sac_run_dir(o.env, o.seed) : o.out;
  checkpoint_ = result_.out_dir + "/checkpoint.h5";
  fs::create_directories(result_.out_dir + "/snapshots");
  lock_ = std::make_unique<FileLock>(result_.out_dir + "/.lock", FileLock::Mode::or_fail, "run directory " + result_.out_dir);
  if (fs::exists(checkpoint_) && !o.resume) {
    throw autodiff::Error(result_.out_dir + " already holds a run: pass --resume to continue it, or --out DIR to start another");
  }
  const mjModel& m = env_->model();
  stream_ = std::make_unique<ReplayStream>(result_.out_dir + "/replay",
                                           ReplayStream::Shape{obs_dim_, act_dim_, size_t(m.nq), size_t(m.nv)});
  if (fs::exists(checkpoint_)) {
    resume();
  } else {
    stream_->truncate(0);  // a stream without a checkpoint is from a run that never saved one
    resets_.set_state(state_.resets);
    observation_ = env_->reset(resets_);
    state_.resets = resets_.state();
  }
  exploration_.set_state(state_.exploration);
  batches_.set_state(state_.batches);
  update_noise_.set_state(state_.update_noise);
  resets_.set_state(state_.resets);
  write_text_file(result_.out_dir + "/config.toml", state_.config_toml);
  metrics_ = std::make_unique<MetricsLog>(result_.out_dir + "/metrics.jsonl", state_.env_steps);
  progress_ = std::make_unique<Progress>(state_.env_steps, config_.total_steps);
}

void SacRun::resume() {
  check_resumable(read_sac_run_state(checkpoint_), state_, checkpoint_);
  state_ = load_sac_checkpoint(checkpoint_, learner_);
  stream_->truncate(state_.env_steps);
  // the buffer holds the last `capacity` rows of the stream, each in its slot
  const int64_t first = std::max<int64_t>(0, state_.env_steps - config_.replay_capacity);
  const ReplayRows rows = stream_->read(first, state_.env_steps);
  buffer_.start_at(first);
  for (size_t i = 0; i < rows.rows; ++i) buffer_.add(rows.row(i));
  env_->restore_state(state_.env_state);
  observation_ = env_->observation();
  std::fprintf(stderr, "resuming %s at step %lld (%lld updates)\n", result_.out_dir.c_str(),
               static_cast<long long>(state_.env_steps), static_cast<long long>(learner_.step()));
}

// rlkit's loop: no training inside an epoch's collection; at its end, updates catch up to one per
// step collected after the warm-up
int64_t SacRun::updates_due() const {
  if (state_.env_steps % config_.steps_per_epoch != 0) return learner_.step();
  return std::max<int64_t>(0, state_.env_steps - config_.warmup_steps);
}

void SacRun::run_until(int64_t last_env_step, const StopOnSignal& stop) {
  while (!stop.requested()) {
    if (learner_.step() < updates_due()) {
      update_once();
      continue;
    }
    if (state_.env_steps > state_.last_epoch_end && state_.env_steps % config_.steps_per_epoch == 0) end_epoch();
    if (state_.env_steps >= last_env_step) break;
    collect_step();
  }
  progress_->finish();
}

// one step of the exploration episode with a sampled action, into the buffer and the stream
void SacRun::collect_step() {
  for (float& e : eps_) e = static_cast<float>(exploration_.normal());
  const float log_prob = learner_.policy().sample_row(observation_, eps_, action_);
  const mjData& d = env_->data();
  const mjModel& m = env_->model();
  const std::vector<double> qpos(d.qpos, d.qpos + m.nq), qvel(d.qvel, d.qvel + m.nv);
  const StepResult& r = env_->step(action_);
  Transition t;
  t.observation = observation_;
  t.action = action_;
  t.reward = static_cast<float>(r.reward);
  t.terminal = r.terminated;  // a timeout is not a terminal: the spec's fix of rlkit
  t.timeout = r.truncated;
  t.next_observation = r.observation;
  t.qpos = qpos;
  t.qvel = qvel;
  t.action_log_prob = log_prob;
  buffer_.add(t);
  stream_->append(t);
  state_.episode_return += r.reward;
  observation_ = r.observation;
  if (r.terminated || r.truncated) {
    state_.finished_returns.push_back(state_.episode_return);
    state_.episode_return = 0.0;
    observation_ = env_->reset(resets_);
  }
  ++state_.env_steps;
  saved_at_current_step_ = false;
  progress_->tick(state_.env_steps);
}

void SacRun::update_once() {
  buffer_.sample(static_cast<size_t>(config_.batch_size), batches_, batch_);
  const sac::SacNoise noise = sac::draw_noise(static_cast<size_t>(config_.batch_size), act_dim_, update_noise_);
  add_losses(state_.partial_log, learner_.update(batch_, noise));
  saved_at_current_step_ = false;
}

// the epoch's metrics line; at snapshot steps also the snapshot, its evaluation and a checkpoint
void SacRun::end_epoch() {
  JsonObject line;
  line.add("step", static_cast<double>(state_.env_steps)).add("updates", static_cast<double>(learner_.step()));
  const std::vector<double>& sums = state_.partial_log;
  for (size_t k = 0; k < kLossCount && !sums.empty(); ++k) line.add(kLossKeys[k], sums[k] / sums[kLossCount]);
  line.add("train_episodes", static_cast<double>(state_.finished_returns.size()));
  if (!state_.finished_returns.empty()) line.add("train_return", mean_of(state_.finished_returns));
  const bool snapshot = state_.env_steps % config_.snapshot_interval == 0;
  if (snapshot) evaluate_snapshot(line);
  line.add("train_seconds", seconds_so_far());
  state_.partial_log.clear();
  state_.finished_returns.clear();
  state_.last_epoch_end = state_.env_steps;
  metrics_->write(line);
  if (snapshot) save();  // after the line: a resume never lacks a line it will not write again
}

// the snapshot file, then sampled and deterministic episodes of it, each from their own streams
void SacRun::evaluate_snapshot(JsonObject& line) {
  const int64_t step = state_.env_steps;
  const std::string path = snapshot_path(result_.out_dir, step);
  write_policy_snapshot(path, learner_.policy(), {options_.env, step, options_.seed, state_.config_toml});
  sac::TanhGaussianPolicy& policy = learner_.policy();
  const std::string name = "eval/" + std::to_string(step);
  Rng noise = Rng::stream(options_.seed, name + "/noise");
  std::vector<float> eps(act_dim_);
  Rng sampled_resets = Rng::stream(options_.seed, name + "/sampled");
  const EvalResult sampled = evaluate(
      *eval_env_,
      [&](std::span<const float> obs, std::span<float> act) {
        for (float& e : eps) e = static_cast<float>(noise.normal());
        policy.sample_row(obs, eps, act);
      },
      config_.eval_episodes, sampled_resets);
  // the deterministic episodes on the pool; the sampled ones above stay on this thread, as their
  // noise is one stream running through every episode
  Rng deterministic_resets = Rng::stream(options_.seed, name);
  const EvalResult deterministic = evaluate_parallel(*eval_env_, policy_copies(policy), config_.eval_episodes,
                                                     deterministic_resets, autodiff::thread_count());
  line.add("sampled_return", mean_of(sampled.returns))
      .add("sampled_score", sampled.normalized_mean).add("sampled_score_std", sampled.normalized_std)
      .add("deterministic_return", mean_of(deterministic.returns))
      .add("deterministic_score", deterministic.normalized_mean)
      .add("deterministic_score_std", deterministic.normalized_std)
      .add("eval_episodes", static_cast<double>(config_.eval_episodes))
      .add("physics_warnings", static_cast<double>(sampled.physics_warnings + deterministic.physics_warnings))
      .add("snapshot", fs::path(path).filename().string());
  result_.sampled_score = sampled.normalized_mean;
  result_.deterministic_score = deterministic.normalized_mean;
  char note[96];
  if (eval_env_->spec().goal_directed) {
    add_goal_metrics(line, "sampled", sampled);
    add_goal_metrics(line, "deterministic", deterministic);
    std::snprintf(note, sizeof note, "goals reached in %.0f%% sampled, %.0f%% deterministic",
                  100 * success_rate(sampled), 100 * success_rate(deterministic));
  } else {
    std::snprintf(note, sizeof note, "score %.1f sampled, %.1f deterministic", sampled.normalized_mean,
                  deterministic.normalized_mean);
  }
  progress_->note(step, note);
}

// the stream first, then the checkpoint that counts its rows
void SacRun::save() {
  stream_->flush();
  state_.exploration = exploration_.state();
  state_.batches = batches_.state();
  state_.update_noise = update_noise_.state();
  state_.resets = resets_.state();
  state_.env_state = env_->save_state();
  const double seconds = seconds_so_far();
  SacRunState saved = state_;
  saved.train_seconds = seconds;
  save_sac_checkpoint(checkpoint_, learner_, saved);
  saved_at_current_step_ = true;
}

SacRunResult SacRun::finish() {
  result_.interrupted = state_.env_steps < config_.total_steps || learner_.step() < updates_due();
  if (!saved_at_current_step_) save();
  result_.env_steps = state_.env_steps;
  result_.updates = learner_.step();
  result_.parameter_hash = learner_.parameter_hash();
  result_.replay_digest = stream_->digest();
  JsonObject record;
  record.add("algorithm", "SAC").add("env", options_.env).add("seed", static_cast<double>(options_.seed))
      .add("env_steps", static_cast<double>(result_.env_steps)).add("updates", static_cast<double>(result_.updates))
      .add("total_steps", static_cast<double>(config_.total_steps)).add("finished", !result_.interrupted)
      .add("parameter_hash", result_.parameter_hash).add("replay_digest", result_.replay_digest)
      .add("train_seconds", seconds_so_far()).add("config", state_.config_toml);
  add_build_info(record);
  write_text_file(result_.out_dir + "/run.json", record.str() + "\n");
  return result_;
}

}  // namespace

std::string default_sac_run_dir(const std::string& env, uint64_t seed) {
  return "runs/sac/" + env + "/seed" + std::to_string(seed);
}

std::string snapshot_path(const std::string& out, int64_t step) {
  char name[32];
  std::snprintf(name, sizeof name, "step-%07lld.h5", static_cast<long long>(step));
  return out + "/snapshots/" + name;
}

SacRunResult run_sac(const SacRunOptions& options) {
  autodiff::set_thread_count(options.threads);
  SacRun run(options);
  StopOnSignal stop;
  const int64_t total = options.config.total_steps;
  run.run_until(options.stop_at > 0 ? std::min(options.stop_at, total) : total, stop);
  return run.finish();
}

}  // namespace harness
