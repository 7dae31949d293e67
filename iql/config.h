// IQL hyperparameters. Defaults are the official locomotion settings (spec/iql.md); the antmaze
// preset changes expectile and temperature. Deviations used by other libraries are explicit
// options, all off by default.
#pragma once
#include <cstdint>

#include "rl/config_error.h"

namespace iql {

using rl::ConfigError;
using rl::require;

struct IqlConfig {
  // optimisation
  double actor_lr = 3e-4;              // Adam learning rate of the policy (cosine-decayed)
  double critic_lr = 3e-4;             // Adam learning rate of Q1, Q2
  double value_lr = 3e-4;              // Adam learning rate of V
  double adam_beta1 = 0.9;
  double adam_beta2 = 0.999;
  double adam_eps = 1e-8;
  bool cosine_actor_schedule = true;   // actor lr: lr * 0.5 * (1 + cos(pi * t / max_steps))
  int64_t max_steps = 1000000;         // updates in a full run; also the cosine horizon
  int batch_size = 256;

  // networks
  int hidden_dim = 256;                // width of every hidden layer
  int hidden_layers = 2;               // ReLU hidden layers in V, each Q and the policy
  double actor_dropout = 0.0;          // dropout after each policy hidden layer (0.1 for kitchen)
  double log_std_min = -5.0;           // clip of the free log-std vector
  double log_std_max = 2.0;

  // the IQL objective
  double discount = 0.99;              // gamma
  double expectile = 0.7;              // tau (eq. 2): 0.7 locomotion, 0.9 antmaze
  double temperature = 3.0;            // beta: small -> behaviour cloning, large -> greedy on Q
  double max_exp_advantage = 100.0;    // cap on exp(beta * (Q - V)) in the actor loss
  double target_update_rate = 0.005;   // Polyak alpha of the target critic

  // deviations of other libraries (off = official)
  bool normalize_states = false;       // CORL: standardise observations with dataset mean/std
  bool deterministic_policy = false;   // gwthomas/CORL: tanh(mean) actor trained with weighted MSE
  bool pre_update_value_targets = false;  // CORL: critic target uses V from before this step
  bool mean_critic_loss = false;       // average instead of sum the two heads' losses
  bool value_layer_norm = false;       // LayerNorm before each hidden ReLU of V
};

/// Calls visit(key, field, help) for every field, in declaration order: the one list the CLI, TOML
/// configs, checkpoints and run records walk, so a new field is named in one place.
template <class Config, class Visitor>
void for_each_field(Config& c, Visitor&& visit) {
  visit("actor_lr", c.actor_lr, "Adam learning rate of the policy (cosine-decayed)");
  visit("critic_lr", c.critic_lr, "Adam learning rate of Q1, Q2");
  visit("value_lr", c.value_lr, "Adam learning rate of V");
  visit("adam_beta1", c.adam_beta1, "Adam first-moment decay");
  visit("adam_beta2", c.adam_beta2, "Adam second-moment decay");
  visit("adam_eps", c.adam_eps, "Adam epsilon");
  visit("cosine_actor_schedule", c.cosine_actor_schedule, "cosine-decay the actor lr to 0 over max_steps");
  visit("max_steps", c.max_steps, "updates in a full run (also the cosine horizon)");
  visit("batch_size", c.batch_size, "transitions per update");
  visit("hidden_dim", c.hidden_dim, "width of every hidden layer");
  visit("hidden_layers", c.hidden_layers, "ReLU hidden layers per network");
  visit("actor_dropout", c.actor_dropout, "dropout rate after each policy hidden layer");
  visit("log_std_min", c.log_std_min, "lower clip of the policy log-std");
  visit("log_std_max", c.log_std_max, "upper clip of the policy log-std");
  visit("discount", c.discount, "gamma");
  visit("expectile", c.expectile, "tau of the expectile loss (0.7 locomotion, 0.9 antmaze)");
  visit("temperature", c.temperature, "beta: inverse temperature of the advantage weights");
  visit("max_exp_advantage", c.max_exp_advantage, "cap on exp(beta * advantage)");
  visit("target_update_rate", c.target_update_rate, "Polyak rate of the target critic");
  visit("normalize_states", c.normalize_states, "deviation (CORL): standardise observations");
  visit("deterministic_policy", c.deterministic_policy, "deviation: tanh-mean actor with weighted MSE");
  visit("pre_update_value_targets", c.pre_update_value_targets, "deviation (CORL): targets use V before its step");
  visit("mean_critic_loss", c.mean_critic_loss, "deviation: average the two critic losses");
  visit("value_layer_norm", c.value_layer_norm, "deviation: LayerNorm before each hidden ReLU of V");
}

/// Temperature 0 makes every advantage weight exactly 1: the actor is behaviour cloning and learns
/// nothing from V and Q, so the learner does not train them (the actor's bits are the same either way).
inline bool trains_critics(const IqlConfig& config) { return config.temperature != 0; }

/// The official antmaze settings: expectile 0.9, temperature 10.
IqlConfig antmaze_config();

/// Throws ConfigError naming the first key whose value is out of range.
void validate(const IqlConfig& config);

}  // namespace iql
