#include "iql/config.h"

#include <cmath>
#include <string>

namespace iql {

IqlConfig antmaze_config() {
  IqlConfig config;
  config.expectile = 0.9;
  config.temperature = 10.0;
  return config;
}

void validate(const IqlConfig& c) {
  require(c.actor_lr > 0, "actor_lr", c.actor_lr, "> 0");
  require(c.critic_lr > 0, "critic_lr", c.critic_lr, "> 0");
  require(c.value_lr > 0, "value_lr", c.value_lr, "> 0");
  require(c.adam_beta1 >= 0 && c.adam_beta1 < 1, "adam_beta1", c.adam_beta1, "in [0, 1)");
  require(c.adam_beta2 >= 0 && c.adam_beta2 < 1, "adam_beta2", c.adam_beta2, "in [0, 1)");
  require(c.adam_eps > 0, "adam_eps", c.adam_eps, "> 0");
  require(c.max_steps > 0, "max_steps", c.max_steps, "> 0");
  require(c.batch_size > 0, "batch_size", c.batch_size, "> 0");
  require(c.hidden_dim > 0, "hidden_dim", c.hidden_dim, "> 0");
  require(c.hidden_layers > 0, "hidden_layers", c.hidden_layers, "> 0");
  require(c.actor_dropout >= 0 && c.actor_dropout < 1, "actor_dropout", c.actor_dropout, "in [0, 1)");
  require(std::isfinite(c.log_std_max), "log_std_max", c.log_std_max, "finite");  // first: a NaN maximum is its own fault
  require(c.log_std_min < c.log_std_max, "log_std_min", c.log_std_min, "< log_std_max");
  require(c.discount >= 0 && c.discount <= 1, "discount", c.discount, "in [0, 1]");
  require(c.expectile > 0 && c.expectile < 1, "expectile", c.expectile, "in (0, 1)");
  require(c.temperature >= 0, "temperature", c.temperature, ">= 0");
  require(c.max_exp_advantage > 0, "max_exp_advantage", c.max_exp_advantage, "> 0");
  require(c.target_update_rate > 0 && c.target_update_rate <= 1, "target_update_rate",
          c.target_update_rate, "in (0, 1]");
}

}  // namespace iql
