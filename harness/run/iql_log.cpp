#include "harness/run/iql_log.h"

#include <cmath>
#include <cstdio>

#include "autodiff/thread_pool.h"
#include "harness/run/learner_policies.h"

namespace harness {

std::vector<double> LossMeans::sums() const {
  return {value, actor, critic, q, v, weight, actor_lr, double(count), at_cap, ess};
}

// a checkpoint written before the weights' spread was logged has 8 sums: its spread starts at 0
LossMeans LossMeans::from(const std::vector<double>& s) {
  LossMeans m;
  if (s.size() != 8 && s.size() != 10) return m;
  m.value = s[0], m.actor = s[1], m.critic = s[2], m.q = s[3], m.v = s[4], m.weight = s[5], m.actor_lr = s[6];
  m.count = static_cast<int>(s[7]);
  if (s.size() == 10) m.at_cap = s[8], m.ess = s[9];
  return m;
}

void LossMeans::add(const iql::UpdateInfo& u) {
  value += u.value_loss;
  actor += u.actor_loss;
  critic += u.critic_loss;
  q += u.mean_q;
  v += u.mean_value;
  weight += u.mean_weight;
  at_cap += u.weights_at_cap;
  ess += u.weight_ess;
  actor_lr = u.actor_lr;
  critics_trained = u.critics_trained;
  ++count;
}

void LossMeans::write_to(JsonObject& line) const {
  const double n = count;
  if (critics_trained) line.add("value_loss", value / n);
  line.add("actor_loss", actor / n);
  if (critics_trained) line.add("critic_loss", critic / n).add("mean_q", q / n).add("mean_value", v / n);
  line.add("mean_weight", weight / n).add("actor_lr", actor_lr);
  if (critics_trained) line.add("weights_at_cap", at_cap / n).add("weight_ess", ess / n);
}

IqlLog::IqlLog(const std::string& metrics_path, int64_t step, int64_t total_steps,
               const std::vector<double>& interval_sums)
    : losses_(LossMeans::from(interval_sums)), metrics_(metrics_path, step), progress_(step, total_steps) {}

void IqlLog::write(JsonObject& line, int64_t step, const EvalResult* evaluation, double train_seconds) {
  losses_.write_to(line);
  losses_ = LossMeans{};
  if (evaluation) {
    line.add("normalized_score", evaluation->normalized_mean).add("normalized_score_std", evaluation->normalized_std)
        .add("episodes", static_cast<double>(evaluation->returns.size()))
        .add("physics_warnings", static_cast<double>(evaluation->physics_warnings));
  }
  line.add("train_seconds", train_seconds);
  metrics_.write(line);
  if (!evaluation) return;
  char note[64];
  std::snprintf(note, sizeof note, "score %.1f +- %.1f", evaluation->normalized_mean, evaluation->normalized_std);
  progress_.note(step, note);
}

EvalResult evaluate_learner(iql::Learner& learner, Env& env, int episodes, uint64_t seed, int64_t step) {
  autodiff::Rng rng = autodiff::Rng::stream(seed, "eval/" + std::to_string(step));
  return evaluate_parallel(env, policy_copies(learner), episodes, rng, autodiff::thread_count());
}

bool finite_losses(const iql::UpdateInfo& info) {
  return std::isfinite(info.value_loss) && std::isfinite(info.actor_loss) && std::isfinite(info.critic_loss);
}

}  // namespace harness
