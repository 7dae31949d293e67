// SAC's networks (spec/sac.md "Networks"), with rlkit's initialisation. S = observation dim,
// A = action dim, H = hidden width, B = batch.
#pragma once
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "autodiff/layers.h"
#include "sac/config.h"

namespace sac {

using autodiff::Linear;
using autodiff::Mlp;
using autodiff::ParamList;
using autodiff::Rng;
using autodiff::Tape;
using autodiff::Tensor;
using Var = autodiff::Var<float>;

/// rlkit's initialisation of an MLP {in, H, ..., out}: hidden weights U(-1/sqrt(n), 1/sqrt(n)) with
/// n the layer's output width (rlkit's fanin_init reads weight.size(0)), hidden biases 0.1, the
/// last layer's weights and biases U(-last_bound, last_bound). Draws: per layer, w row-major
/// (in, out), then (last layer only) b.
std::vector<Linear<float>> rlkit_layers(const std::vector<size_t>& sizes, double last_bound, Rng& rng);

/// Q(s, a) = MLP(concat(s, a)) -> (B,1).
Mlp<float> make_q_network(size_t obs_dim, size_t act_dim, const SacConfig& config, Rng& rng);

/// The pre-squash sample u = mean + std * eps, its action tanh(u) and log pi(tanh(u) | s): (B,A),
/// (B,A), (B,1).
struct PolicySample {
  Var pre_tanh;
  Var action;
  Var log_prob;
};

// pi(.|s) = tanh(N(mean(s), exp(log_std(s))^2)): a ReLU trunk, then a mean head and a log-std head
// clamped to [log_std_min, log_std_max]. Names follow D4RL's metadata/policy: fc0, fc1, ...,
// last_fc, last_fc_log_std.
class TanhGaussianPolicy {
 public:
  TanhGaussianPolicy(size_t obs_dim, size_t act_dim, const SacConfig& config, Rng& rng);
  /// Given layers (a stored snapshot): the trunk, the mean head, the log-std head and its clamp.
  TanhGaussianPolicy(std::vector<Linear<float>> trunk, Linear<float> mean_head, Linear<float> log_std_head,
                     float log_std_min, float log_std_max);

  /// The reparameterised sample for observations s (B,S) and standard-normal noise eps (B,A).
  PolicySample sample(Tape<float>& tape, Var s, Var eps);

  /// One observation (S) without a tape: the mean and the clamped log-std (A each).
  void distribution(std::span<const float> observation, std::span<float> mean, std::span<float> log_std);
  /// One observation's action tanh(mean + std * eps) for noise eps (A); returns its log-density.
  float sample_row(std::span<const float> observation, std::span<const float> eps, std::span<float> action);
  /// One observation's deterministic action tanh(mean) (evaluation).
  void act(std::span<const float> observation, std::span<float> action);

  /// "fc0/w", "fc0/b", ..., "last_fc/w", "last_fc/b", "last_fc_log_std/w", "last_fc_log_std/b".
  void collect(ParamList<float>& list, const std::string& prefix);
  size_t obs_dim() const { return trunk_.front().in_dim(); }
  size_t act_dim() const { return mean_head_.out_dim(); }
  std::vector<Linear<float>>& trunk() { return trunk_; }
  Linear<float>& mean_head() { return mean_head_; }
  Linear<float>& log_std_head() { return log_std_head_; }
  float log_std_min() const { return log_std_min_; }
  float log_std_max() const { return log_std_max_; }

 private:
  std::vector<Linear<float>> trunk_;  // ReLU after each
  Linear<float> mean_head_;
  Linear<float> log_std_head_;
  float log_std_min_, log_std_max_;
  std::vector<float> hidden_[2], log_std_, pre_tanh_;  // row buffers of the tape-free paths
};

/// log pi of one action from its pre-squash value u, mean and log-std (A each), as sample() computes
/// it for a batch: sum of log N(u; mean, std) - log(1 - tanh(u)^2).
float tanh_gaussian_log_prob(std::span<const float> pre_tanh, std::span<const float> mean,
                             std::span<const float> log_std);

}  // namespace sac
