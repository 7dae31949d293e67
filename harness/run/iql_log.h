// The log of an IQL run, offline or fine-tuning: one metrics line per interval with the means of
// the interval's update infos, the evaluation's score on the lines of evaluation steps, and the
// progress line. The loss sums of the interval in progress travel in the checkpoint, so a resumed
// run writes the same lines as one that never stopped.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "harness/envs/evaluate.h"
#include "harness/run/json.h"
#include "harness/run/metrics_log.h"
#include "harness/run/progress.h"
#include "iql/learner.h"

namespace harness {

// the sums of an interval's update infos, written as their means
struct LossMeans {
  double value = 0, actor = 0, critic = 0, q = 0, v = 0, weight = 0, actor_lr = 0;
  double at_cap = 0, ess = 0;  // the advantage weights' spread: share at the cap, effective sample size
  int count = 0;
  bool critics_trained = true;  // BC (temperature 0) trains no V or Q: their columns are left out

  std::vector<double> sums() const;
  /// The means whose sums() were `s`; empty when `s` is not such a list (a fresh interval).
  static LossMeans from(const std::vector<double>& s);
  void add(const iql::UpdateInfo& u);
  /// value_loss, actor_loss, critic_loss, mean_q, mean_value, mean_weight, actor_lr, weights_at_cap,
  /// weight_ess (BC's lines leave out what it does not train).
  void write_to(JsonObject& line) const;
};

class IqlLog {
 public:
  /// Appends to `metrics_path`, first dropping lines after `step` (where a resumed run continues);
  /// `interval_sums` are the checkpoint's LossMeans::sums() (empty for a fresh run).
  IqlLog(const std::string& metrics_path, int64_t step, int64_t total_steps, const std::vector<double>& interval_sums);

  void add(const iql::UpdateInfo& info) { losses_.add(info); }
  /// Writes `line` (the run's own fields: "step" first) with the interval's loss means, the score of
  /// `evaluation` when given (also noted on the progress line), and `train_seconds`; starts the next
  /// interval.
  void write(JsonObject& line, int64_t step, const EvalResult* evaluation, double train_seconds);
  void tick(int64_t step) { progress_.tick(step); }
  void finish() { progress_.finish(); }
  /// For the checkpoint.
  std::vector<double> interval_sums() const { return losses_.sums(); }

 private:
  LossMeans losses_;
  MetricsLog metrics_;
  Progress progress_;
};

/// `episodes` evaluation episodes of the learner's tanh(mean) policy, from the stream
/// "eval/<step>" of `seed`: scores depend neither on earlier evaluations nor on resumes.
EvalResult evaluate_learner(iql::Learner& learner, Env& env, int episodes, uint64_t seed, int64_t step);

/// False when an update's value, actor or critic loss is NaN or infinite: the run has diverged.
bool finite_losses(const iql::UpdateInfo& info);

}  // namespace harness
