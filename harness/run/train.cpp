#include "harness/run/train.h"

#include <cmath>

#include "autodiff/thread_pool.h"
#include "harness/envs/evaluate.h"
#include "harness/run/checkpoint.h"
#include "harness/run/final_episodes.h"
#include "harness/run/iql_log.h"
#include "harness/run/run_skeleton.h"
#include "harness/run/text_file.h"
#include "iql/learner.h"

namespace harness {
namespace {

JsonObject run_record(const TrainOptions& options, const RunState& run, const TrainResult& result,
                      const std::string& data_path, double seconds) {
  JsonObject record = dataset_record(options.dataset.info, run, data_path);
  record.add("steps", static_cast<double>(result.steps))
      .add("max_steps", static_cast<double>(options.config.max_steps))
      .add("finished", !result.interrupted && result.diverged_at == 0 && result.steps >= options.config.max_steps)
      .add("diverged_at", static_cast<double>(result.diverged_at))
      .add("final_score", result.final_score).add("final_score_std", result.final_score_std)
      .add("score_kind", "final, D4RL-normalised x100, mean over the final evaluation's episodes")
      .add("parameter_hash", result.parameter_hash).add("train_seconds", seconds)
      .add("config", run.config_toml);
  return record;
}

// one run while it trains: data, environment, learner, logs, and the checkpoint it keeps current
class Trainer {
 public:
  explicit Trainer(const TrainOptions& options);
  /// Updates until `last_step` or a stop request, logging, evaluating and checkpointing as due.
  void run_until(int64_t last_step, const StopOnSignal& stop);
  /// Checkpoints where it stopped, evaluates a resumed finished run, writes run.json.
  TrainResult finish();

 private:
  void resume_if_checkpointed();
  void write_log_line(int64_t step, bool evaluate_now);
  void save();

  const TrainOptions& options_;
  const int64_t eval_interval_, total_;
  const int eval_episodes_;
  RunDirectory dir_;  // locked before the data is loaded
  TrainResult result_;
  OfflineData data_;
  std::unique_ptr<Env> env_;
  iql::Learner learner_;
  RunState run_;
  autodiff::Rng batches_{0};
  std::unique_ptr<IqlLog> log_;  // opened where the run continues: after a resume
  EvalResult last_eval_;
  bool evaluated_last_step_ = false;
  RunClock clock_;
};

Trainer::Trainer(const TrainOptions& o)
    : options_(o),
      eval_interval_(o.eval_interval > 0 ? o.eval_interval : is_antmaze(o.dataset.info) ? 100000 : 5000),
      total_(o.config.max_steps),
      eval_episodes_(o.eval_episodes > 0 ? o.eval_episodes : is_antmaze(o.dataset.info) ? 100 : 10),
      dir_(o.out.empty() ? default_run_dir(o.dataset.info.name, o.seed) : o.out, o.resume, FileKind::iql_checkpoint),
      data_(load_offline_data(o.dataset, o.fetch)),
      env_(make_env(o.dataset.info.env)),
      learner_(static_cast<size_t>(env_->obs_dim()), static_cast<size_t>(env_->act_dim()), o.config, o.seed),
      run_(fresh_run_state(o.dataset.info, data_.sha256, o.seed, *env_, o.config)) {
  result_.out_dir = dir_.path();
  run_.schedule = schedule_toml(eval_interval_, eval_episodes_, o.log_interval);
  if (o.config.normalize_states) learner_.fit_state_normalizer(data_.transitions);
  resume_if_checkpointed();
  write_text_file(dir_.file("config.toml"), run_.config_toml);
  log_ = std::make_unique<IqlLog>(dir_.file("metrics.jsonl"), learner_.step(), total_, run_.partial_log);
  batches_.set_state(run_.batch_rng);
}

void Trainer::resume_if_checkpointed() {
  if (!dir_.has_checkpoint()) return;
  require_same_run(dir_.checkpoint(), run_identity(read_run_state(dir_.checkpoint()), run_));
  const std::string schedule = run_.schedule;  // kept from here on, whether or not the checkpoint had it
  run_ = load_checkpoint(dir_.checkpoint(), learner_);
  run_.schedule = schedule;
  clock_.continue_from(run_.train_seconds);
  std::fprintf(stderr, "resuming %s at step %lld\n", dir_.path().c_str(), static_cast<long long>(learner_.step()));
}

void Trainer::run_until(int64_t last_step, const StopOnSignal& stop) {
  rl::Transitions batch;
  while (learner_.step() < last_step && !stop.requested()) {
    rl::sample_batch(data_.transitions, static_cast<size_t>(options_.config.batch_size), batches_, batch);
    const iql::UpdateInfo info = learner_.update(batch);
    if (!finite_losses(info)) {
      result_.diverged_at = learner_.step();  // a diverged learner is never checkpointed or evaluated
      break;
    }
    log_->add(info);
    const int64_t step = learner_.step();
    evaluated_last_step_ = step % eval_interval_ == 0 || step == total_;
    if (step % options_.log_interval == 0 || step == total_ || evaluated_last_step_) {
      write_log_line(step, evaluated_last_step_);
    } else {
      log_->tick(step);
    }
  }
  log_->finish();
}

// the interval's loss means, and at evaluation points the score; the checkpoint follows the line,
// so a resume never lacks a line it will not write again
void Trainer::write_log_line(int64_t step, bool evaluate_now) {
  if (evaluate_now) last_eval_ = evaluate_learner(learner_, *env_, eval_episodes_, options_.seed, step);
  JsonObject line;
  line.add("step", static_cast<double>(step));
  log_->write(line, step, evaluate_now ? &last_eval_ : nullptr, clock_.seconds());
  if (evaluate_now) save();
}

void Trainer::save() {
  RunState state = run_;
  state.batch_rng = batches_.state();
  state.partial_log = log_->interval_sums();
  state.train_seconds = clock_.seconds();
  save_checkpoint(dir_.checkpoint(), learner_, state);
}

TrainResult Trainer::finish() {
  if (result_.diverged_at > 0) {
    result_.steps = result_.diverged_at;
    write_run_record(dir_, run_record(options_, run_, result_, data_.path, clock_.seconds()));
    return result_;
  }
  result_.interrupted = learner_.step() < total_;
  if (!evaluated_last_step_) save();  // stopped between evaluations: keep every update
  if (last_eval_.returns.empty() && !result_.interrupted) {  // resumed a run that had already finished
    last_eval_ = evaluate_learner(learner_, *env_, eval_episodes_, options_.seed, learner_.step());
  }
  result_.steps = learner_.step();
  if (!result_.interrupted) write_final_episodes(dir_.file(kFinalEpisodesFile), last_eval_);
  result_.final_score = last_eval_.normalized_mean;
  result_.final_score_std = last_eval_.normalized_std;
  result_.parameter_hash = learner_.parameter_hash();
  write_run_record(dir_, run_record(options_, run_, result_, data_.path, clock_.seconds()));
  return result_;
}

}  // namespace

TrainResult run_train(const TrainOptions& options) {
  autodiff::set_thread_count(options.threads);
  Trainer trainer(options);
  return run_to_stop(trainer, options.config.max_steps, options.stop_at);
}

}  // namespace harness
