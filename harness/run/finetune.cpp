#include "harness/run/finetune.h"

#include <cstdio>

#include "autodiff/thread_pool.h"
#include "harness/data/transitions.h"
#include "harness/envs/evaluate.h"
#include "harness/run/config_memory.h"
#include "harness/run/finetune_checkpoint.h"
#include "harness/run/final_episodes.h"
#include "harness/run/iql_log.h"
#include "harness/run/metrics_log.h"
#include "harness/run/run_skeleton.h"
#include "harness/run/text_file.h"
#include "iql/learner.h"

namespace harness {
namespace {

// the official script's AntMaze rewards, online as offline (data/transitions.h)
float antmaze_reward(double reward) { return static_cast<float>(reward) - 1.0f; }

// one fine-tune run while it trains: data, environments, learner, online loop, logs, checkpoint
class FinetuneRun {
 public:
  explicit FinetuneRun(const FinetuneOptions& options);
  /// Updates (collecting one environment step before each online one) until `last_step` or a stop
  /// request, logging, evaluating and checkpointing as due.
  void run_until(int64_t last_step, const StopOnSignal& stop);
  /// Checkpoints where it stopped, evaluates a resumed finished run, writes run.json.
  FinetuneResult finish();

 private:
  int64_t step() const { return learner_.step(); }
  void resume_or_start();
  void collect_step();
  void write_log_line(int64_t step, bool evaluate_now);
  void add_exploration(JsonObject& line);
  void save();
  void read_offline_score();
  JsonObject run_record() const;

  const FinetuneOptions& options_;
  const int64_t offline_steps_, total_;
  RunDirectory dir_;  // locked before the data is loaded
  FinetuneResult result_;
  OfflineData data_;
  std::unique_ptr<Env> eval_env_;
  iql::Learner learner_;
  FinetuneState state_;
  OnlineLoop loop_;
  autodiff::Rng batches_{0};
  std::unique_ptr<IqlLog> log_;  // opened where the run continues: after a resume
  EvalResult last_eval_;
  bool evaluated_last_step_ = false;
  RunClock clock_;
};

FinetuneState fresh_state(const FinetuneOptions& o, const OfflineData& data, const Env& env) {
  FinetuneState s;
  s.run = fresh_run_state(o.dataset.info, data.sha256, o.seed, env, o.config);
  s.run.schedule = schedule_toml(o.eval_interval, o.eval_episodes, o.log_interval);
  s.online_steps = o.online_steps;
  s.online = initial_online_state(o.seed);
  return s;
}

FinetuneRun::FinetuneRun(const FinetuneOptions& o)
    : options_(o),
      offline_steps_(o.config.max_steps),
      total_(o.config.max_steps + o.online_steps),
      dir_(o.out.empty() ? default_run_dir("finetune/" + o.dataset.info.name, o.seed) : o.out, o.resume, FileKind::finetune_checkpoint),
      data_(load_offline_data(o.dataset, o.fetch)),
      eval_env_(make_env(o.dataset.info.env)),
      learner_(static_cast<size_t>(eval_env_->obs_dim()), static_cast<size_t>(eval_env_->act_dim()), o.config, o.seed),
      state_(fresh_state(o, data_, *eval_env_)),
      // the dataset first, then every online row: nothing is overwritten
      loop_({o.dataset.info.env, dir_.file("replay"), data_.transitions.size() + static_cast<size_t>(o.online_steps),
             antmaze_reward},
            data_.transitions) {
  result_.out_dir = dir_.path();
  if (o.config.normalize_states) learner_.fit_state_normalizer(data_.transitions);
  data_.transitions = {};  // the buffer holds its copy
  resume_or_start();
  write_text_file(dir_.file("config.toml"), state_.run.config_toml);
  log_ = std::make_unique<IqlLog>(dir_.file("metrics.jsonl"), step(), total_, state_.run.partial_log);
  batches_.set_state(state_.run.batch_rng);
}

void FinetuneRun::resume_or_start() {
  if (!dir_.has_checkpoint()) {
    loop_.start(state_.online);
    return;
  }
  require_same_run(dir_.checkpoint(), finetune_identity(read_finetune_state(dir_.checkpoint()), state_));
  const std::string schedule = state_.run.schedule;  // kept from here on, whether or not the checkpoint had it
  state_ = load_finetune_checkpoint(dir_.checkpoint(), learner_);
  state_.run.schedule = schedule;
  clock_.continue_from(state_.run.train_seconds);
  loop_.resume(state_.online);
  std::fprintf(stderr, "resuming %s at step %lld (%lld online)\n", dir_.path().c_str(), static_cast<long long>(step()),
               static_cast<long long>(loop_.env_steps()));
}

void FinetuneRun::run_until(int64_t last_step, const StopOnSignal& stop) {
  rl::Transitions batch;
  while (step() < last_step && !stop.requested()) {
    if (step() >= offline_steps_) collect_step();
    loop_.buffer().sample(static_cast<size_t>(options_.config.batch_size), batches_, batch);
    const iql::UpdateInfo info = learner_.update(batch);
    if (!finite_losses(info)) {
      result_.diverged_at = step();  // a diverged learner is never checkpointed or evaluated
      break;
    }
    log_->add(info);
    const int64_t s = step();
    evaluated_last_step_ = s % options_.eval_interval == 0 || s == offline_steps_ || s == total_;
    if (s % options_.log_interval == 0 || evaluated_last_step_) {
      write_log_line(s, evaluated_last_step_);
    } else {
      log_->tick(s);
    }
  }
  log_->finish();
}

// one step of the exploration episode: the policy's sampled action, clipped (official fine-tuning)
void FinetuneRun::collect_step() {
  loop_.step([&](std::span<const float> obs, std::span<const float> eps, std::span<float> action) {
    learner_.explore(obs, eps, action);
    return 0.0f;  // the stream's log-probabilities are SAC's; IQL's are not needed
  });
}

// the interval's loss means, the exploration episodes ended in it, and at evaluation points the
// score; the checkpoint follows the line, so a resume never lacks a line it will not write again
void FinetuneRun::write_log_line(int64_t step, bool evaluate_now) {
  if (evaluate_now) last_eval_ = evaluate_learner(learner_, *eval_env_, options_.eval_episodes, options_.seed, step);
  JsonObject line;
  line.add("step", static_cast<double>(step)).add("phase", step <= offline_steps_ ? "offline" : "online");
  if (step > offline_steps_) add_exploration(line);
  log_->write(line, step, evaluate_now ? &last_eval_ : nullptr, clock_.seconds());
  if (evaluate_now) save();
}

// online lines: environment steps so far, and the returns of exploration episodes ended since the last line
void FinetuneRun::add_exploration(JsonObject& line) {
  line.add("env_steps", static_cast<double>(loop_.env_steps()));
  add_exploration_returns(line, loop_.take_finished_returns());
}

// the stream first (loop_.save() flushes it), then the checkpoint that counts its rows
void FinetuneRun::save() {
  FinetuneState s = state_;
  s.run.batch_rng = batches_.state();
  s.run.partial_log = log_->interval_sums();
  s.run.train_seconds = clock_.seconds();
  s.online = loop_.save();
  save_finetune_checkpoint(dir_.checkpoint(), learner_, s);
}

// the boundary's evaluation, from the metrics: a resumed run has not evaluated it in this process
void FinetuneRun::read_offline_score() {
  for (const Json& line : read_metrics(dir_.file("metrics.jsonl"))) {
    if (json_number(line, "step", -1) != static_cast<double>(offline_steps_)) continue;
    result_.offline_score = json_number(line, "normalized_score", 0);
    result_.offline_score_std = json_number(line, "normalized_score_std", 0);
  }
}

JsonObject FinetuneRun::run_record() const {
  JsonObject record = dataset_record(options_.dataset.info, state_.run, data_.path);
  record.add("algorithm", "IQL fine-tune").add("offline_steps", static_cast<double>(offline_steps_))
      .add("online_steps", static_cast<double>(options_.online_steps))
      .add("steps", static_cast<double>(result_.steps)).add("env_steps", static_cast<double>(result_.env_steps))
      .add("max_steps", static_cast<double>(total_))
      .add("finished", !result_.interrupted && result_.diverged_at == 0 && result_.steps >= total_)
      .add("diverged_at", static_cast<double>(result_.diverged_at))
      .add("offline_score", result_.offline_score).add("offline_score_std", result_.offline_score_std)
      .add("final_score", result_.final_score).add("final_score_std", result_.final_score_std)
      .add("score_kind", "offline: the evaluation after the offline phase; final: the last; D4RL-normalised x100, "
                         "mean over the evaluation's episodes")
      .add("parameter_hash", result_.parameter_hash).add("replay_digest", result_.replay_digest)
      .add("train_seconds", clock_.seconds()).add("config", state_.run.config_toml);
  return record;
}

FinetuneResult FinetuneRun::finish() {
  result_.env_steps = loop_.env_steps();
  read_offline_score();
  if (result_.diverged_at > 0) {
    result_.steps = result_.diverged_at;
    write_run_record(dir_, run_record());
    return result_;
  }
  result_.interrupted = step() < total_;
  if (!evaluated_last_step_) save();  // stopped between evaluations: keep every update and step
  if (last_eval_.returns.empty() && !result_.interrupted) {  // resumed a run that had already finished
    last_eval_ = evaluate_learner(learner_, *eval_env_, options_.eval_episodes, options_.seed, step());
  }
  result_.steps = step();
  if (!result_.interrupted) write_final_episodes(dir_.file(kFinalEpisodesFile), last_eval_);
  result_.final_score = last_eval_.normalized_mean;
  result_.final_score_std = last_eval_.normalized_std;
  result_.parameter_hash = learner_.parameter_hash();
  result_.replay_digest = loop_.replay_digest();
  write_run_record(dir_, run_record());
  return result_;
}

void require_antmaze(const DatasetInfo& info) {
  if (is_antmaze(info)) return;
  throw autodiff::Error(info.name + " is a " + info.suite + " dataset: fine-tuning follows the official script, "
                        "which is AntMaze's (the paper's section 5.3); choose an antmaze-* dataset");
}

}  // namespace

iql::IqlConfig finetune_preset(const DatasetInfo& info) {
  require_antmaze(info);
  iql::IqlConfig config = suite_preset(info);
  config.cosine_actor_schedule = false;  // the official fine-tuning config sets no schedule
  return config;
}

FinetuneResult run_finetune(const FinetuneOptions& options) {
  require_antmaze(options.dataset.info);  // the online rewards are AntMaze's r - 1
  if (options.config.deterministic_policy) {
    throw iql::ConfigError("fine-tuning explores with the policy's samples: deterministic_policy has none");
  }
  check_online_rows_fit(options.online_steps);  // before the dataset is read and the buffer allocated
  autodiff::set_thread_count(options.threads);
  FinetuneRun run(options);
  return run_to_stop(run, options.config.max_steps + options.online_steps, options.stop_at);
}

}  // namespace harness
