#include "sac/learner.h"

#include <cmath>

#include "autodiff/hash.h"
#include "autodiff/polyak.h"

namespace sac {
namespace {

using autodiff::NoGrad;
using autodiff::TapeScope;

autodiff::AdamConfig adam_config(const SacConfig& c) { return {c.adam_beta1, c.adam_beta2, c.adam_eps}; }

template <class Net>
ParamList<float> collected(Net& net, const std::string& prefix) {
  ParamList<float> list;
  net.collect(list, prefix);
  return list;
}

ParamList<float> joined(std::initializer_list<ParamList<float>> parts) {
  ParamList<float> all;
  for (const ParamList<float>& part : parts) all.items.insert(all.items.end(), part.items.begin(), part.items.end());
  return all;
}

float mean_of(const Tensor& t) {
  float s = 0.0f;
  for (float x : t) s += x;
  return s / static_cast<float>(t.size());
}

Tensor normal_matrix(size_t rows, size_t cols, Rng& rng) {
  Tensor m({rows, cols});
  for (float& x : m) x = static_cast<float>(rng.normal());
  return m;
}

}  // namespace

SacNoise draw_noise(size_t batch_size, size_t act_dim, Rng& rng) {
  SacNoise noise;
  noise.current = normal_matrix(batch_size, act_dim, rng);
  noise.next = normal_matrix(batch_size, act_dim, rng);
  return noise;
}

SacLearner::SacLearner(size_t obs_dim, size_t act_dim, const SacConfig& config, uint64_t seed)
    : config_((validate(config), config)),
      target_entropy_(static_cast<float>(config.target_entropy_per_dim * static_cast<double>(act_dim))),
      init_rng_(Rng::stream(seed, "init")),
      policy_(obs_dim, act_dim, config, init_rng_),
      q1_(make_q_network(obs_dim, act_dim, config, init_rng_)),
      q2_(make_q_network(obs_dim, act_dim, config, init_rng_)),
      target_q1_(q1_),
      target_q2_(q2_),
      log_alpha_(Tensor(std::array<size_t, 2>{1, 1}, 0.0f)),
      policy_params_(collected(policy_, "policy/")),
      q_params_(joined({collected(q1_, "q1/"), collected(q2_, "q2/")})),
      target_params_(joined({collected(target_q1_, "target_q1/"), collected(target_q2_, "target_q2/")})),
      alpha_params_([this] {
        ParamList<float> list;
        list.add("log_alpha", log_alpha_);
        return list;
      }()),
      policy_adam_(policy_params_, adam_config(config)),
      q_adam_(q_params_, adam_config(config)),
      alpha_adam_(alpha_params_, adam_config(config)) {}

SacUpdateInfo SacLearner::update(const Transitions& batch, const SacNoise& noise) {
  tape_.reset();
  Var s = tape_.constant(batch.observations);
  Var a = tape_.constant(batch.actions);
  Var s_next = tape_.constant(batch.next_observations);
  SacUpdateInfo info;
  info.alpha = alpha();  // every loss below uses alpha from before its step

  // each part records in its own TapeScope and hands on plain tensors (see iql::Learner::update)
  const Tensor y = q_target(s_next, batch, noise.next, info.alpha);
  const float mean_log_pi = update_policy(s, noise.current, info.alpha, info);

  // alpha: loss -log_alpha * mean(log pi + target entropy), its gradient written directly
  const float entropy_gap = mean_log_pi + target_entropy_;
  info.alpha_loss = -log_alpha_.value(0, 0) * entropy_gap;
  alpha_params_.zero_grad();
  log_alpha_.grad = Tensor(std::array<size_t, 2>{1, 1}, -entropy_gap);
  log_alpha_.has_grad = true;
  alpha_adam_.step(config_.alpha_lr);

  update_q(s, a, y, info);
  autodiff::polyak_update(target_params_, q_params_, config_.target_update_rate);
  ++step_;
  return info;
}

// y = scale r + mask gamma (min target Q(s', a') - alpha log pi(a'|s')), a' sampled with eps_next
Tensor SacLearner::q_target(Var s_next, const Transitions& batch, const Tensor& eps_next, float alpha) {
  NoGrad<float> no_grad(tape_);
  TapeScope<float> scope(tape_);
  PolicySample next = policy_.sample(tape_, s_next, tape_.constant(eps_next));
  Var sa = concat_cols(s_next, next.action);
  Var soft_value = minimum(target_q1_.forward(tape_, sa), target_q2_.forward(tape_, sa)) - alpha * next.log_prob;
  const float scale = static_cast<float>(config_.reward_scale), gamma = static_cast<float>(config_.discount);
  return scale * batch.rewards + gamma * batch.masks * tape_.value(soft_value);
}

// the policy towards low alpha log pi - min Q(s, a_new); the Q networks are read frozen, so the
// gradient reaches the action but never their parameters. Returns mean log pi for alpha's step.
float SacLearner::update_policy(Var s, const Tensor& eps, float alpha, SacUpdateInfo& info) {
  TapeScope<float> scope(tape_);
  policy_params_.zero_grad();
  PolicySample sample = policy_.sample(tape_, s, tape_.constant(eps));
  Var q_new;
  {
    NoGrad<float> frozen(tape_);
    Var sa = concat_cols(s, sample.action);
    q_new = minimum(q1_.forward(tape_, sa), q2_.forward(tape_, sa));
  }
  Var loss = mean(alpha * sample.log_prob - q_new);
  tape_.backward(loss);
  policy_adam_.step(config_.policy_lr);
  const float mean_log_pi = mean_of(tape_.value(sample.log_prob));
  info.policy_loss = tape_.value(loss)(0, 0);
  info.entropy = -mean_log_pi;
  info.mean_q = mean_of(tape_.value(q_new));
  return mean_log_pi;
}

// Q1 and Q2 towards y by mean squared error; the sum's gradient is each head's own
void SacLearner::update_q(Var s, Var a, const Tensor& y, SacUpdateInfo& info) {
  TapeScope<float> scope(tape_);
  q_params_.zero_grad();
  Var target = tape_.constant(y);
  Var sa = concat_cols(s, a);
  Var q1_loss = mean(square(q1_.forward(tape_, sa) - target));
  Var q2_loss = mean(square(q2_.forward(tape_, sa) - target));
  tape_.backward(q1_loss + q2_loss);
  q_adam_.step(config_.q_lr);
  info.q1_loss = tape_.value(q1_loss)(0, 0);
  info.q2_loss = tape_.value(q2_loss)(0, 0);
}

ParamList<float> SacLearner::parameters() {
  return joined({policy_params_, q_params_, target_params_, alpha_params_});
}

SacLearner::Counters SacLearner::counters() const {
  return {step_, policy_adam_.step_count(), q_adam_.step_count(), alpha_adam_.step_count()};
}

void SacLearner::set_counters(const Counters& c) {
  step_ = c.step;
  policy_adam_.set_step_count(c.policy_adam_steps);
  q_adam_.set_step_count(c.q_adam_steps);
  alpha_adam_.set_step_count(c.alpha_adam_steps);
}

std::string SacLearner::parameter_hash() { return autodiff::parameter_hash(parameters()); }

}  // namespace sac
