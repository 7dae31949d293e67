// IQL hyperparameters. Defaults are the official locomotion settings (spec/iql.md); the antmaze
// preset changes expectile and temperature. Deviations used by other libraries are explicit
// options, all off by default.
#pragma once
#include <cstdint>

#include "autodiff/error.h"

namespace iql {

// a hyperparameter outside its valid range; the message names the key
struct ConfigError : autodiff::Error {
  using autodiff::Error::Error;
};

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
};

/// The official antmaze settings: expectile 0.9, temperature 10.
IqlConfig antmaze_config();

/// Throws ConfigError naming the first key whose value is out of range.
void validate(const IqlConfig& config);

}  // namespace iql
