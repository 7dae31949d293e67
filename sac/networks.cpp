#include "sac/networks.h"

#include <algorithm>
#include <cmath>

namespace sac {
namespace {

constexpr double kQLastBound = 3e-3;       // rlkit's init_w of the Q networks' last layer
constexpr double kPolicyLastBound = 1e-3;  // and of both policy heads
constexpr double kHiddenBias = 0.1;        // rlkit's b_init_value
constexpr float kHalfLogTwoPi = 0.918938533f;  // ln(2 pi) / 2
constexpr float kLogTwo = 0.693147181f;

Linear<float> hidden_layer(size_t in, size_t out, Rng& rng) {
  Tensor w = autodiff::uniform<float>(in, out, 1.0 / std::sqrt(static_cast<double>(out)), rng);
  return Linear<float>(std::move(w), Tensor(std::array<size_t, 2>{1, out}, static_cast<float>(kHiddenBias)));
}

Linear<float> last_layer(size_t in, size_t out, double bound, Rng& rng) {
  Tensor w = autodiff::uniform<float>(in, out, bound, rng);
  Tensor b = autodiff::uniform<float>(1, out, bound, rng);
  return Linear<float>(std::move(w), std::move(b));
}

std::vector<size_t> hidden_sizes(size_t in, const SacConfig& config) {
  std::vector<size_t> sizes = {in};
  for (int i = 0; i < config.hidden_layers; ++i) sizes.push_back(static_cast<size_t>(config.hidden_dim));
  return sizes;
}

// the trunk's layers: every one hidden
std::vector<Linear<float>> hidden_layers(const std::vector<size_t>& sizes, Rng& rng) {
  std::vector<Linear<float>> layers;
  for (size_t i = 0; i + 1 < sizes.size(); ++i) layers.push_back(hidden_layer(sizes[i], sizes[i + 1], rng));
  return layers;
}

}  // namespace

std::vector<Linear<float>> rlkit_layers(const std::vector<size_t>& sizes, double last_bound, Rng& rng) {
  std::vector<Linear<float>> layers = hidden_layers({sizes.begin(), sizes.end() - 1}, rng);
  layers.push_back(last_layer(sizes[sizes.size() - 2], sizes.back(), last_bound, rng));
  return layers;
}

Mlp<float> make_q_network(size_t obs_dim, size_t act_dim, const SacConfig& config, Rng& rng) {
  std::vector<size_t> sizes = hidden_sizes(obs_dim + act_dim, config);
  sizes.push_back(1);
  return Mlp<float>(rlkit_layers(sizes, kQLastBound, rng));
}

TanhGaussianPolicy::TanhGaussianPolicy(size_t obs_dim, size_t act_dim, const SacConfig& config, Rng& rng)
    : trunk_(hidden_layers(hidden_sizes(obs_dim, config), rng)),
      mean_head_(last_layer(static_cast<size_t>(config.hidden_dim), act_dim, kPolicyLastBound, rng)),
      log_std_head_(last_layer(static_cast<size_t>(config.hidden_dim), act_dim, kPolicyLastBound, rng)),
      log_std_min_(static_cast<float>(config.log_std_min)),
      log_std_max_(static_cast<float>(config.log_std_max)) {}

TanhGaussianPolicy::TanhGaussianPolicy(std::vector<Linear<float>> trunk, Linear<float> mean_head,
                                       Linear<float> log_std_head, float log_std_min, float log_std_max)
    : trunk_(std::move(trunk)),
      mean_head_(std::move(mean_head)),
      log_std_head_(std::move(log_std_head)),
      log_std_min_(log_std_min),
      log_std_max_(log_std_max) {
  Mlp<float> check(trunk_);  // throws when consecutive widths disagree
  const size_t width = trunk_.back().out_dim();
  if (mean_head_.in_dim() != width || log_std_head_.in_dim() != width || log_std_head_.out_dim() != mean_head_.out_dim()) {
    throw autodiff::ShapeError("TanhGaussianPolicy: the heads take " + std::to_string(mean_head_.in_dim()) + " and " +
                               std::to_string(log_std_head_.in_dim()) + " inputs and give " +
                               std::to_string(mean_head_.out_dim()) + " and " + std::to_string(log_std_head_.out_dim()) +
                               "; the trunk gives " + std::to_string(width));
  }
}

PolicySample TanhGaussianPolicy::sample(Tape<float>& tape, Var s, Var eps) {
  Var h = s;
  for (Linear<float>& layer : trunk_) h = layer.forward_relu(tape, h);
  Var mean = mean_head_.forward(tape, h);
  Var log_std = clamp(log_std_head_.forward(tape, h), log_std_min_, log_std_max_);
  Var u = mean + exp(log_std) * eps;
  Var log_prob = gaussian_log_prob(u, mean, log_std) - row_sum(tanh_log_jacobian(u));
  return {u, tanh(u), log_prob};
}

void TanhGaussianPolicy::distribution(std::span<const float> observation, std::span<float> mean,
                                      std::span<float> log_std) {
  const float* in = observation.data();
  for (size_t i = 0; i < trunk_.size(); ++i) {
    std::vector<float>& out = hidden_[i % 2];
    out.resize(trunk_[i].out_dim());
    trunk_[i].infer(in, out.data());
    for (float& x : out) x = std::max(x, 0.0f);
    in = out.data();
  }
  mean_head_.infer(in, mean.data());
  log_std_head_.infer(in, log_std.data());
  for (float& x : log_std) x = std::clamp(x, log_std_min_, log_std_max_);
}

float TanhGaussianPolicy::sample_row(std::span<const float> observation, std::span<const float> eps,
                                     std::span<float> action) {
  log_std_.resize(act_dim());
  distribution(observation, action, log_std_);  // action holds the mean until squashed
  pre_tanh_.resize(act_dim());
  for (size_t j = 0; j < act_dim(); ++j) pre_tanh_[j] = action[j] + std::exp(log_std_[j]) * eps[j];
  const float log_prob = tanh_gaussian_log_prob(pre_tanh_, action, log_std_);
  for (size_t j = 0; j < act_dim(); ++j) action[j] = std::tanh(pre_tanh_[j]);
  return log_prob;
}

void TanhGaussianPolicy::act(std::span<const float> observation, std::span<float> action) {
  log_std_.resize(act_dim());
  distribution(observation, action, log_std_);
  for (float& x : action) x = std::tanh(x);
}

void TanhGaussianPolicy::collect(ParamList<float>& list, const std::string& prefix) {
  for (size_t i = 0; i < trunk_.size(); ++i) trunk_[i].collect(list, prefix + "fc" + std::to_string(i) + "/");
  mean_head_.collect(list, prefix + "last_fc/");
  log_std_head_.collect(list, prefix + "last_fc_log_std/");
}

float tanh_gaussian_log_prob(std::span<const float> pre_tanh, std::span<const float> mean,
                             std::span<const float> log_std) {
  float sum = 0.0f;
  for (size_t j = 0; j < pre_tanh.size(); ++j) {
    const float u = pre_tanh[j];
    const float z = (u - mean[j]) / std::exp(log_std[j]);
    const float softplus = std::max(-2.0f * u, 0.0f) + std::log1p(std::exp(-std::abs(2.0f * u)));
    sum += -0.5f * z * z - log_std[j] - kHalfLogTwoPi - 2.0f * (kLogTwo - u - softplus);
  }
  return sum;
}

}  // namespace sac
