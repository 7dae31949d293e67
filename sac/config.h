// SAC hyperparameters: rlkit's examples/sac.py defaults (spec/sac.md), and those of the online loop
// that collects the data (one environment step per update, after a warm-up).
#pragma once
#include <cstdint>

#include "rl/config_error.h"

namespace sac {

using rl::ConfigError;

struct SacConfig {
  // optimisation: one Adam each for the policy, Q1 + Q2 and log alpha
  double policy_lr = 3e-4;
  double q_lr = 3e-4;
  double alpha_lr = 3e-4;
  double adam_beta1 = 0.9;
  double adam_beta2 = 0.999;
  double adam_eps = 1e-8;
  int batch_size = 256;

  // networks
  int hidden_dim = 256;                 // width of every hidden layer
  int hidden_layers = 2;                // ReLU hidden layers in the policy and each Q
  double log_std_min = -20.0;           // clamp of the policy's log-std head
  double log_std_max = 2.0;

  // the objective
  double discount = 0.99;
  double target_update_rate = 0.005;    // Polyak rate of the target Q networks, every update
  double reward_scale = 1.0;
  double target_entropy_per_dim = -1.0; // entropy target = this x action dim (rlkit: -act_dim)

  // the online loop
  int64_t total_steps = 1000000;        // environment steps of the run
  int64_t warmup_steps = 1000;          // collected with the untrained policy before any update
  int64_t steps_per_epoch = 1000;       // steps collected, then as many updates (rlkit's loop)
  int64_t replay_capacity = 1000000;    // FIFO replay buffer
  int64_t snapshot_interval = 10000;    // environment steps between policy snapshots (evaluated)
  int eval_episodes = 10;               // per snapshot: this many sampled, this many deterministic
};

/// Calls visit(key, field, help) for every field, in declaration order (see iql::for_each_field).
template <class Config, class Visitor>
void for_each_field(Config& c, Visitor&& visit) {
  visit("policy_lr", c.policy_lr, "Adam learning rate of the policy");
  visit("q_lr", c.q_lr, "Adam learning rate of Q1, Q2");
  visit("alpha_lr", c.alpha_lr, "Adam learning rate of log alpha");
  visit("adam_beta1", c.adam_beta1, "Adam first-moment decay");
  visit("adam_beta2", c.adam_beta2, "Adam second-moment decay");
  visit("adam_eps", c.adam_eps, "Adam epsilon");
  visit("batch_size", c.batch_size, "transitions per update");
  visit("hidden_dim", c.hidden_dim, "width of every hidden layer");
  visit("hidden_layers", c.hidden_layers, "ReLU hidden layers per network");
  visit("log_std_min", c.log_std_min, "lower clamp of the policy log-std");
  visit("log_std_max", c.log_std_max, "upper clamp of the policy log-std");
  visit("discount", c.discount, "gamma");
  visit("target_update_rate", c.target_update_rate, "Polyak rate of the target Q networks");
  visit("reward_scale", c.reward_scale, "rewards are multiplied by this in the Q target");
  visit("target_entropy_per_dim", c.target_entropy_per_dim, "entropy target per action dimension");
  visit("total_steps", c.total_steps, "environment steps of the run");
  visit("warmup_steps", c.warmup_steps, "steps collected before the first update");
  visit("steps_per_epoch", c.steps_per_epoch, "steps collected, then as many updates");
  visit("replay_capacity", c.replay_capacity, "transitions the FIFO replay buffer holds");
  visit("snapshot_interval", c.snapshot_interval, "environment steps between policy snapshots");
  visit("eval_episodes", c.eval_episodes, "evaluation episodes per snapshot, sampled and deterministic each");
}

/// Throws ConfigError naming the first key whose value is out of range.
void validate(const SacConfig& config);

}  // namespace sac
