// The IQL learner with the official update (ikostrikov/implicit_q_learning, spec/iql.md):
// V by expectile regression on the target critic, then the actor by advantage-weighted
// regression with the just-updated V, then the critic towards r + gamma * mask * V(s'), then the
// target EMA. S = observation dim, A = action dim, B = batch.
//
// With a pool of two or three threads (autodiff::set_thread_count) independent networks run at once,
// each on a tape of its own: the target's two heads; the V step beside the forward passes of the
// critic's heads and the actor, which read no V; V(s) and V(s'); the critic's two heads' backward
// passes (its loss is a sum over heads, so each head's gradient is its own term's). Each network
// computes exactly what it would alone, so the bits are the same for every thread count.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "autodiff/adam.h"
#include "iql/networks.h"
#include "rl/transitions.h"

namespace iql {

using autodiff::Tensor;
using rl::Transitions;

/// What one update measured, for logs.
struct UpdateInfo {
  float value_loss = 0;
  float actor_loss = 0;
  float critic_loss = 0;
  float mean_value = 0;      // mean V(s) used by the actor (after the V step by default)
  float mean_q = 0;          // mean min target Q(s, a)
  float mean_weight = 0;     // mean advantage weight of the actor loss
  float weights_at_cap = 0;  // share of the batch whose weight is the cap (max_exp_advantage)
  float weight_ess = 1;      // effective sample size of the weights, as a share of the batch
  double actor_lr = 0;       // the learning rate the actor used
  bool critics_trained = true;  // false at temperature 0 (behaviour cloning): V and Q fields are unset
};

class Learner {
 public:
  /// Networks initialised from the stream "init" of `seed`; dropout masks from "dropout".
  Learner(size_t obs_dim, size_t act_dim, const IqlConfig& config, uint64_t seed);
  Learner(const Learner&) = delete;             // the optimisers point at this learner's params
  Learner& operator=(const Learner&) = delete;

  /// One IQL update on a batch: (B,S), (B,A), (B,1), (B,1), (B,S).
  UpdateInfo update(const Transitions& batch);

  /// The evaluation action tanh(mean) for one observation of length S, written to `action` (A).
  void act(std::span<const float> observation, std::span<float> action);

  /// An exploration action for one observation (fine-tuning): a sample of pi(a|s) from the
  /// standard-normal `eps` (A), clipped to [-1, 1]; written to `action` (A).
  void explore(std::span<const float> observation, std::span<const float> eps, std::span<float> action);

  /// A copy of the evaluation policy that acts as act() does without touching the learner: one for
  /// each thread of a parallel evaluation.
  struct PolicyCopy {
    GaussianPolicy actor;
    Tensor state_mean, state_std;  // (1,S); empty when states are not normalised
    std::vector<float> buffer;     // (S) the normalised observation
    void act(std::span<const float> observation, std::span<float> action);
  };
  PolicyCopy policy_copy() const;

  /// CORL's state normalisation (config.normalize_states): mean and std + 1e-3 per dimension,
  /// from the data, applied to every batch and every act() from now on.
  void fit_state_normalizer(const Transitions& data);

  /// Every tensor of the learner's state under a stable name: "actor/0/w", "actor/log_std",
  /// "critic/q1/0/w", "target/q1/0/w", "value/0/w", ... (their Adam moments live in each Param).
  ParamList<float> parameters();

  int64_t step() const { return step_; }
  const IqlConfig& config() const { return config_; }

  /// Optimiser step counts and the dropout stream: what a checkpoint needs besides parameters().
  struct Counters {
    int64_t step;
    int64_t value_adam_steps, actor_adam_steps, critic_adam_steps;
    autodiff::Rng::State dropout_rng;
  };
  Counters counters() const;
  void set_counters(const Counters& counters);

  /// Hex FNV-1a 64 of the bytes of every tensor in parameters() order: equal hashes, equal bits.
  std::string parameter_hash();

 private:
  void normalize(Tensor& observations) const;
  std::span<const float> normalized(std::span<const float> observation);  // one row, for act()
  UpdateInfo update_behaviour_cloning(const Transitions& batch);
  double actor_lr() const;
  float update_value(const Transitions& batch, const Tensor& q_target);
  // the actor's and the critic's steps in two halves: the forward pass, which reads no V, then the
  // loss once V has been updated, its backward pass and the optimiser step
  void record_actor(const Transitions& batch);
  float finish_actor(const Tensor& advantage_weights, double lr);
  void record_critic_head(size_t head, const Transitions& batch);
  float finish_critic(const Tensor& td_target);
  Tensor target_min(const Transitions& batch);
  void value_pair(const Transitions& batch, Tensor& v, Tensor& next_v);

  IqlConfig config_;
  Rng init_rng_;       // only during construction; kept so members can be built in order
  TwinQ critic_;
  TwinQ target_;       // starts as an exact copy of critic_
  Mlp<float> value_;
  GaussianPolicy actor_;
  ParamList<float> critic_params_, target_params_, value_params_, actor_params_;
  autodiff::Adam<float> critic_adam_, value_adam_, actor_adam_;
  Rng dropout_rng_;
  // a tape for each network that may run beside another: the V step and V(s) on the first value
  // tape, V(s') on the second; a critic head (or first its target head) on each critic tape
  std::array<Tape<float>, 2> value_tapes_, critic_tapes_;
  Tape<float> actor_tape_;
  Var actor_fit_;                  // per row: log pi(a|s), or the deterministic policy's squared error
  std::array<Var, 2> critic_q_;    // each head's Q(s, a), recorded before the V step
  Transitions normalized_;  // the batch after state normalisation (unused when off)
  Tensor state_mean_, state_std_;
  int64_t step_ = 0;
  std::vector<float> act_buffer_;
};

}  // namespace iql
