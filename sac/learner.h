// The SAC learner with rlkit's update (spec/sac.md "One update"): every loss is computed from the
// parameters before the update, then alpha, the policy and Q1 + Q2 each take an Adam step, then the
// target Q networks move by Polyak averaging. S = observation dim, A = action dim, B = batch.
#pragma once
#include <cstdint>
#include <string>

#include "autodiff/adam.h"
#include "rl/transitions.h"
#include "sac/networks.h"

namespace sac {

using rl::Transitions;  // SAC's replay batches have the offline data's layout (masks = 1 - terminals)

/// The standard-normal noise of one update's two reparameterised policy samples.
struct SacNoise {
  Tensor current;  // (B,A): the sample on s, for the policy and alpha losses
  Tensor next;     // (B,A): the sample on s', for the Q target
};

/// B x A draws for `current`, then B x A for `next`, each row-major.
SacNoise draw_noise(size_t batch_size, size_t act_dim, Rng& rng);

/// What one update measured, for logs.
struct SacUpdateInfo {
  float q1_loss = 0;
  float q2_loss = 0;
  float policy_loss = 0;
  float alpha_loss = 0;
  float alpha = 0;        // exp(log alpha) used by this update (before its step)
  float entropy = 0;      // -mean log pi(a_new | s)
  float mean_q = 0;       // mean min(Q1, Q2)(s, a_new)
};

class SacLearner {
 public:
  /// Networks initialised from the stream "init" of `seed` (rlkit's init), log alpha = 0.
  SacLearner(size_t obs_dim, size_t act_dim, const SacConfig& config, uint64_t seed);
  SacLearner(const SacLearner&) = delete;  // the optimisers point at this learner's params
  SacLearner& operator=(const SacLearner&) = delete;

  SacUpdateInfo update(const Transitions& batch, const SacNoise& noise);

  TanhGaussianPolicy& policy() { return policy_; }
  const SacConfig& config() const { return config_; }
  int64_t step() const { return step_; }
  float alpha() const { return std::exp(log_alpha_.value(0, 0)); }

  /// Every tensor of the learner's state under a stable name: "policy/fc0/w", ...,
  /// "q1/0/w", "q2/...", "target_q1/...", "target_q2/...", "log_alpha".
  ParamList<float> parameters();

  /// Updates done and each optimiser's step count: what a checkpoint needs besides parameters().
  struct Counters {
    int64_t step;
    int64_t policy_adam_steps, q_adam_steps, alpha_adam_steps;
  };
  Counters counters() const;
  void set_counters(const Counters& counters);

  /// Hex FNV-1a 64 of the bytes of every tensor in parameters() order: equal hashes, equal bits.
  std::string parameter_hash();

 private:
  Tensor q_target(Var s_next, const Transitions& batch, const Tensor& eps_next, float alpha);
  float update_policy(Var s, const Tensor& eps, float alpha, SacUpdateInfo& info);
  void update_q(Var s, Var a, const Tensor& y, SacUpdateInfo& info);

  SacConfig config_;
  float target_entropy_;
  Rng init_rng_;  // only during construction; kept so members can be built in order
  TanhGaussianPolicy policy_;
  Mlp<float> q1_, q2_;
  Mlp<float> target_q1_, target_q2_;  // start as exact copies
  autodiff::Param<float> log_alpha_;
  ParamList<float> policy_params_, q_params_, target_params_, alpha_params_;
  autodiff::Adam<float> policy_adam_, q_adam_, alpha_adam_;
  Tape<float> tape_;
  int64_t step_ = 0;
};

}  // namespace sac
