#include "sac/config.h"

#include <cmath>

namespace sac {

using rl::require;

void validate(const SacConfig& c) {
  require(c.policy_lr > 0, "policy_lr", c.policy_lr, "> 0 and finite");
  require(c.q_lr > 0, "q_lr", c.q_lr, "> 0 and finite");
  require(c.alpha_lr > 0, "alpha_lr", c.alpha_lr, "> 0 and finite");
  require(c.adam_beta1 >= 0 && c.adam_beta1 < 1, "adam_beta1", c.adam_beta1, "in [0, 1)");
  require(c.adam_beta2 >= 0 && c.adam_beta2 < 1, "adam_beta2", c.adam_beta2, "in [0, 1)");
  require(c.adam_eps > 0, "adam_eps", c.adam_eps, "> 0 and finite");
  require(c.batch_size > 0, "batch_size", c.batch_size, "> 0");
  require(c.hidden_dim > 0, "hidden_dim", c.hidden_dim, "> 0");
  require(c.hidden_layers > 0, "hidden_layers", c.hidden_layers, "> 0");
  require(std::isfinite(c.log_std_max), "log_std_max", c.log_std_max, "finite");  // first: a NaN maximum is its own fault
  require(c.log_std_min < c.log_std_max, "log_std_min", c.log_std_min, "< log_std_max");
  require(c.discount >= 0 && c.discount <= 1, "discount", c.discount, "in [0, 1]");
  require(c.target_update_rate > 0 && c.target_update_rate <= 1, "target_update_rate", c.target_update_rate,
          "in (0, 1]");
  require(c.reward_scale > 0, "reward_scale", c.reward_scale, "> 0 and finite");
  require(true, "target_entropy_per_dim", c.target_entropy_per_dim, "finite");
  require(c.total_steps > 0, "total_steps", c.total_steps, "> 0");
  require(c.warmup_steps >= 0, "warmup_steps", c.warmup_steps, ">= 0");
  require(c.steps_per_epoch > 0, "steps_per_epoch", c.steps_per_epoch, "> 0");
  // steps after the last whole epoch would be collected and never trained on, nor snapshotted
  require(c.total_steps > c.warmup_steps && (c.total_steps - c.warmup_steps) % c.steps_per_epoch == 0, "total_steps",
          c.total_steps, "warmup_steps plus a whole number of epochs of steps_per_epoch");
  require(c.replay_capacity >= c.batch_size, "replay_capacity", c.replay_capacity,
          ">= batch_size");
  require(c.snapshot_interval > 0 && c.snapshot_interval % c.steps_per_epoch == 0, "snapshot_interval",
          c.snapshot_interval, "a positive multiple of steps_per_epoch");
  require(c.eval_episodes > 0, "eval_episodes", c.eval_episodes, "> 0");
}

}  // namespace sac
