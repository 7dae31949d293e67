#include "harness/run/sac_parity.h"

#include <xtensor/xview.hpp>

#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"
#include "rl/transitions.h"

namespace harness {
namespace {

void write_config_attributes(hid_t file, const SacParityCase& c) {
  const sac::SacConfig& k = c.config;
  for (auto [name, value] : {std::pair{"obs_dim", c.obs_dim}, {"act_dim", c.act_dim},
                             {"hidden_dim", size_t(k.hidden_dim)}, {"hidden_layers", size_t(k.hidden_layers)},
                             {"updates", size_t(c.updates)}, {"batch_size", size_t(k.batch_size)}}) {
    write_u64_attribute(file, name, {value});
  }
  const double target_entropy = k.target_entropy_per_dim * static_cast<double>(c.act_dim);
  for (auto [name, value] : {std::pair{"discount", k.discount}, {"target_update_rate", k.target_update_rate},
                             {"policy_lr", k.policy_lr}, {"q_lr", k.q_lr}, {"alpha_lr", k.alpha_lr},
                             {"adam_beta1", k.adam_beta1}, {"adam_beta2", k.adam_beta2}, {"adam_eps", k.adam_eps},
                             {"target_entropy", target_entropy}, {"reward_scale", k.reward_scale},
                             {"log_std_min", k.log_std_min}, {"log_std_max", k.log_std_max}}) {
    write_double_attribute(file, name, value);
  }
}

}  // namespace

SacParityInputs sac_parity_inputs(const SacParityCase& c) {
  const size_t rows = static_cast<size_t>(c.updates) * static_cast<size_t>(c.config.batch_size);
  autodiff::Rng batch_rng = autodiff::Rng::stream(c.seed, "parity-batches");
  autodiff::Rng noise_rng = autodiff::Rng::stream(c.seed, "parity-noise");
  return {rl::random_transitions(rows, c.obs_dim, c.act_dim, batch_rng), sac::draw_noise(rows, c.act_dim, noise_rng)};
}

void write_sac_parity_inputs(const SacParityCase& c, const std::string& path) {
  sac::SacLearner learner(c.obs_dim, c.act_dim, c.config, c.seed);
  const SacParityInputs in = sac_parity_inputs(c);
  Hdf5Writer out(path);
  for (auto& [name, p] : learner.parameters().items) out.floats("params/" + name, p->value, FloatType::f32);
  out.floats("batches/observations", in.batches.observations, FloatType::f32);
  out.floats("batches/actions", in.batches.actions, FloatType::f32);
  out.floats("batches/rewards", in.batches.rewards, FloatType::f32);
  out.floats("batches/terminals", autodiff::Tensor(1.0f - in.batches.masks), FloatType::f32);
  out.floats("batches/next_observations", in.batches.next_observations, FloatType::f32);
  out.floats("noise/current", in.noise.current, FloatType::f32);
  out.floats("noise/next", in.noise.next, FloatType::f32);
  write_config_attributes(out.file(), c);
  out.close();
}

std::unique_ptr<sac::SacLearner> run_sac_parity(const SacParityCase& c, std::vector<std::vector<double>>* losses) {
  auto learner = std::make_unique<sac::SacLearner>(c.obs_dim, c.act_dim, c.config, c.seed);
  const SacParityInputs in = sac_parity_inputs(c);
  const size_t batch = static_cast<size_t>(c.config.batch_size);
  auto rows = [&](const autodiff::Tensor& m, size_t first) {
    return autodiff::Tensor(xt::view(m, xt::range(first, first + batch), xt::all()));
  };
  for (int u = 0; u < c.updates; ++u) {
    const size_t first = static_cast<size_t>(u) * batch;
    const sac::SacNoise noise{rows(in.noise.current, first), rows(in.noise.next, first)};
    const sac::SacUpdateInfo i = learner->update(rl::slice_rows(in.batches, first, batch), noise);
    if (losses) losses->push_back({i.q1_loss, i.q2_loss, i.policy_loss, i.alpha_loss, i.alpha});
  }
  return learner;
}

}  // namespace harness
