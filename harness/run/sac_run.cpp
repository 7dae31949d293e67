#include "harness/run/sac_run.h"

#include <cstdio>
#include <filesystem>

#include "autodiff/thread_pool.h"
#include "harness/envs/evaluate.h"
#include "harness/run/config_options.h"
#include "harness/run/learner_policies.h"
#include "harness/run/metrics_log.h"
#include "harness/run/online_loop.h"
#include "harness/run/policy_snapshot.h"
#include "harness/run/progress.h"
#include "harness/run/run_skeleton.h"
#include "harness/run/sac_checkpoint.h"
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
  s.online = initial_online_state(o.seed);
  s.batches = Rng::stream(o.seed, "batches").state();
  s.update_noise = Rng::stream(o.seed, "update-noise").state();
  return s;
}

std::vector<SameRunField> identity(const SacRunState& saved, const SacRunState& fresh) {
  return {{"env", saved.env, fresh.env},
          {"seed", std::to_string(saved.seed), std::to_string(fresh.seed)},
          {"config", saved.config_toml, fresh.config_toml}};
}

class SacRun {
 public:
  explicit SacRun(const SacRunOptions& options);
  /// Collects, trains, logs, snapshots and checkpoints until `last_env_step` or a stop request.
  void run_until(int64_t last_env_step, const StopOnSignal& stop);
  SacRunResult finish();

 private:
  int64_t env_steps() const { return loop_.env_steps(); }
  int64_t updates_due() const;
  void collect_step();
  void update_once();
  void end_epoch();
  void evaluate_snapshot(JsonObject& line);
  void save();
  void resume();

  const SacRunOptions& options_;
  const sac::SacConfig& config_;
  RunDirectory dir_;
  SacRunResult result_;
  std::unique_ptr<Env> eval_env_;
  OnlineLoop loop_;
  const size_t act_dim_;
  sac::SacLearner learner_;
  SacRunState state_;
  Rng batches_{0}, update_noise_{0};
  std::unique_ptr<MetricsLog> metrics_;
  std::unique_ptr<Progress> progress_;
  rl::Transitions batch_;
  bool saved_at_current_step_ = false;
  RunClock clock_;
};

SacRun::SacRun(const SacRunOptions& o)
    : options_(o),
      config_(o.config),
      dir_(o.out.empty() ? default_sac_run_dir(o.env, o.seed) : o.out, o.resume, FileKind::sac_checkpoint),
      eval_env_(make_env(o.env)),
      loop_({o.env, dir_.file("replay"), static_cast<size_t>(o.config.replay_capacity), {}}, rl::Transitions{}),
      act_dim_(static_cast<size_t>(eval_env_->act_dim())),
      learner_(static_cast<size_t>(eval_env_->obs_dim()), act_dim_, o.config, o.seed),
      state_(initial_state(o)) {
  result_.out_dir = dir_.path();
  fs::create_directories(dir_.file("snapshots"));
  if (dir_.has_checkpoint()) {
    resume();
  } else {
    loop_.start(state_.online);
  }
  batches_.set_state(state_.batches);
  update_noise_.set_state(state_.update_noise);
  write_text_file(dir_.file("config.toml"), state_.config_toml);
  metrics_ = std::make_unique<MetricsLog>(dir_.file("metrics.jsonl"), env_steps());
  progress_ = std::make_unique<Progress>(env_steps(), config_.total_steps);
}

void SacRun::resume() {
  require_same_run(dir_.checkpoint(), identity(read_sac_run_state(dir_.checkpoint()), state_));
  state_ = load_sac_checkpoint(dir_.checkpoint(), learner_);
  clock_.continue_from(state_.train_seconds);
  loop_.resume(state_.online);
  std::fprintf(stderr, "resuming %s at step %lld (%lld updates)\n", dir_.path().c_str(),
               static_cast<long long>(env_steps()), static_cast<long long>(learner_.step()));
}

// rlkit's loop: no training inside an epoch's collection; at its end, updates catch up to one per
// step collected after the warm-up
int64_t SacRun::updates_due() const {
  if (env_steps() % config_.steps_per_epoch != 0) return learner_.step();
  return std::max<int64_t>(0, env_steps() - config_.warmup_steps);
}

void SacRun::run_until(int64_t last_env_step, const StopOnSignal& stop) {
  while (!stop.requested()) {
    if (learner_.step() < updates_due()) {
      update_once();
      continue;
    }
    if (env_steps() > state_.last_epoch_end && env_steps() % config_.steps_per_epoch == 0) end_epoch();
    if (env_steps() >= last_env_step) break;
    collect_step();
  }
  progress_->finish();
}

// one step of the exploration episode with an action sampled from the policy
void SacRun::collect_step() {
  sac::TanhGaussianPolicy& policy = learner_.policy();
  loop_.step([&](std::span<const float> obs, std::span<const float> eps, std::span<float> action) {
    return policy.sample_row(obs, eps, action);
  });
  saved_at_current_step_ = false;
  progress_->tick(env_steps());
}

void SacRun::update_once() {
  loop_.buffer().sample(static_cast<size_t>(config_.batch_size), batches_, batch_);
  const sac::SacNoise noise = sac::draw_noise(static_cast<size_t>(config_.batch_size), act_dim_, update_noise_);
  add_losses(state_.partial_log, learner_.update(batch_, noise));
  saved_at_current_step_ = false;
}

// the epoch's metrics line; at snapshot steps also the snapshot, its evaluation and a checkpoint
void SacRun::end_epoch() {
  JsonObject line;
  line.add("step", static_cast<double>(env_steps())).add("updates", static_cast<double>(learner_.step()));
  const std::vector<double>& sums = state_.partial_log;
  for (size_t k = 0; k < kLossCount && !sums.empty(); ++k) line.add(kLossKeys[k], sums[k] / sums[kLossCount]);
  add_exploration_returns(line, loop_.take_finished_returns());
  const bool snapshot = env_steps() % config_.snapshot_interval == 0;
  if (snapshot) evaluate_snapshot(line);
  line.add("train_seconds", clock_.seconds());
  state_.partial_log.clear();
  state_.last_epoch_end = env_steps();
  metrics_->write(line);
  if (snapshot) save();  // after the line: a resume never lacks a line it will not write again
}

// the snapshot file, then sampled and deterministic episodes of it, each from their own streams
void SacRun::evaluate_snapshot(JsonObject& line) {
  const int64_t step = env_steps();
  const std::string path = snapshot_path(dir_.path(), step);
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
  state_.online = loop_.save();
  state_.batches = batches_.state();
  state_.update_noise = update_noise_.state();
  state_.train_seconds = clock_.seconds();
  save_sac_checkpoint(dir_.checkpoint(), learner_, state_);
  saved_at_current_step_ = true;
}

SacRunResult SacRun::finish() {
  result_.interrupted = env_steps() < config_.total_steps || learner_.step() < updates_due();
  if (!saved_at_current_step_) save();
  result_.env_steps = env_steps();
  result_.updates = learner_.step();
  result_.parameter_hash = learner_.parameter_hash();
  result_.replay_digest = loop_.replay_digest();
  JsonObject record;
  record.add("algorithm", "SAC").add("env", options_.env).add("seed", static_cast<double>(options_.seed))
      .add("env_steps", static_cast<double>(result_.env_steps)).add("updates", static_cast<double>(result_.updates))
      .add("total_steps", static_cast<double>(config_.total_steps)).add("finished", !result_.interrupted)
      .add("parameter_hash", result_.parameter_hash).add("replay_digest", result_.replay_digest)
      .add("train_seconds", clock_.seconds()).add("config", state_.config_toml);
  write_run_record(dir_, std::move(record));
  return result_;
}

}  // namespace

std::string default_sac_run_dir(const std::string& env, uint64_t seed) { return default_run_dir("sac/" + env, seed); }

std::string snapshot_path(const std::string& out, int64_t step) {
  char name[32];
  std::snprintf(name, sizeof name, "step-%07lld.h5", static_cast<long long>(step));
  return out + "/snapshots/" + name;
}

SacRunResult run_sac(const SacRunOptions& options) {
  autodiff::set_thread_count(options.threads);
  SacRun run(options);
  return run_to_stop(run, options.config.total_steps, options.stop_at);
}

}  // namespace harness
