#include "iql/networks.h"

#include <algorithm>
#include <cmath>

namespace iql {
namespace {

// the reference initialisation: orthogonal, gain sqrt(2), for every layer including the heads
const autodiff::Init kReferenceInit{autodiff::InitKind::orthogonal, std::sqrt(2.0)};

}  // namespace

std::vector<size_t> mlp_sizes(size_t in, const IqlConfig& config, size_t out) {
  std::vector<size_t> sizes = {in};
  for (int i = 0; i < config.hidden_layers; ++i) sizes.push_back(static_cast<size_t>(config.hidden_dim));
  sizes.push_back(out);
  return sizes;
}

TwinQ::TwinQ(size_t obs_dim, size_t act_dim, const IqlConfig& config, Rng& rng)
    : q1(mlp_sizes(obs_dim + act_dim, config, 1), kReferenceInit, rng),
      q2(mlp_sizes(obs_dim + act_dim, config, 1), kReferenceInit, rng) {}

std::pair<Var, Var> TwinQ::both(Tape<float>& tape, Var s, Var a) {
  Var sa = concat_cols(s, a);
  return {q1.forward(tape, sa), q2.forward(tape, sa)};
}

Var TwinQ::min(Tape<float>& tape, Var s, Var a) {
  auto [first, second] = both(tape, s, a);
  return minimum(first, second);
}

void TwinQ::collect(ParamList<float>& list, const std::string& prefix) {
  q1.collect(list, prefix + "q1/");
  q2.collect(list, prefix + "q2/");
}

GaussianPolicy::GaussianPolicy(size_t obs_dim, size_t act_dim, const IqlConfig& config, Rng& rng)
    : mlp(mlp_sizes(obs_dim, config, act_dim), kReferenceInit, rng),
      log_std(autodiff::Tensor(std::array<size_t, 2>{1, act_dim}, 0.0f)),
      log_std_min(static_cast<float>(config.log_std_min)),
      log_std_max(static_cast<float>(config.log_std_max)),
      dropout(static_cast<float>(config.actor_dropout)) {}

Var GaussianPolicy::mean(Tape<float>& tape, Var s, Rng* dropout_rng) {
  return tanh(mlp.forward(tape, s, dropout, dropout_rng));
}

Var GaussianPolicy::log_prob(Tape<float>& tape, Var s, Var a, Rng* dropout_rng) {
  Var clipped_log_std = clamp(tape.read(log_std), log_std_min, log_std_max);
  return gaussian_log_prob(a, mean(tape, s, dropout_rng), clipped_log_std);
}

void GaussianPolicy::act(std::span<const float> observation, std::span<float> action) {
  mlp.infer(observation, action);
  for (float& x : action) x = std::clamp(std::tanh(x), -1.0f, 1.0f);
}

void GaussianPolicy::sample(std::span<const float> observation, std::span<const float> eps, std::span<float> action) {
  mlp.infer(observation, action);
  for (size_t i = 0; i < action.size(); ++i) {
    const float std = std::exp(std::clamp(log_std.value(0, i), log_std_min, log_std_max));
    action[i] = std::clamp(std::tanh(action[i]) + std * eps[i], -1.0f, 1.0f);
  }
}

void GaussianPolicy::collect(ParamList<float>& list, const std::string& prefix) {
  mlp.collect(list, prefix);
  list.add(prefix + "log_std", log_std);
}

}  // namespace iql
