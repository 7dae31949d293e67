// The three IQL networks (spec/iql.md, "Networks"). Every dense layer is orthogonal with gain
// sqrt(2), zero bias. S = observation dim, A = action dim, H = hidden width.
#pragma once
#include <span>
#include <string>
#include <utility>

#include "autodiff/layers.h"
#include "iql/config.h"

namespace iql {

using autodiff::Mlp;
using autodiff::Param;
using autodiff::ParamList;
using autodiff::Rng;
using autodiff::Tape;
using Var = autodiff::Var<float>;

/// The MLP sizes {in, H, ..., H, out} of a config.
std::vector<size_t> mlp_sizes(size_t in, const IqlConfig& config, size_t out);

// two Q heads on concat(s, a): the TD loss trains both, targets use min(Q1, Q2) of a target copy
struct TwinQ {
  Mlp<float> q1;  // S+A -> H -> H -> 1
  Mlp<float> q2;

  TwinQ(size_t obs_dim, size_t act_dim, const IqlConfig& config, Rng& rng);
  std::pair<Var, Var> both(Tape<float>& tape, Var s, Var a);
  Var min(Tape<float>& tape, Var s, Var a);
  void collect(ParamList<float>& list, const std::string& prefix);
};

// pi(a|s) = N(tanh(mlp(s)), exp(clip(log_std))^2): the mean is squashed, the distribution is not
struct GaussianPolicy {
  Mlp<float> mlp;         // S -> H -> H -> A, dropout after each hidden ReLU when configured
  Param<float> log_std;   // (1,A), state-independent, starts at 0
  float log_std_min;
  float log_std_max;
  float dropout;

  GaussianPolicy(size_t obs_dim, size_t act_dim, const IqlConfig& config, Rng& rng);
  /// tanh(mlp(s)): (B,A). `dropout_rng` draws the masks when dropout > 0.
  Var mean(Tape<float>& tape, Var s, Rng* dropout_rng);
  /// log pi(a|s) summed over action dims: (B,1).
  Var log_prob(Tape<float>& tape, Var s, Var a, Rng* dropout_rng);
  /// The evaluation action tanh(mean) for one observation, no tape, no dropout.
  void act(std::span<const float> observation, std::span<float> action);
  /// An exploration action for one observation: tanh(mean) + exp(clip(log_std)) * eps, clipped to
  /// [-1, 1], as the official fine-tuning samples then clips; `eps` (A) standard normal.
  void sample(std::span<const float> observation, std::span<const float> eps, std::span<float> action);
  void collect(ParamList<float>& list, const std::string& prefix);
};

}  // namespace iql
