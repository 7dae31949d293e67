#include "iql/learner.h"

#include <cmath>
#include <cstring>

#include "autodiff/hash.h"
#include "autodiff/polyak.h"
#include "autodiff/thread_pool.h"
#include "iql/losses.h"

namespace iql {
namespace {

const autodiff::Init kReferenceInit{autodiff::InitKind::orthogonal, std::sqrt(2.0)};

template <class Net>
ParamList<float> collected(Net& net, const std::string& prefix) {
  ParamList<float> list;
  net.collect(list, prefix);
  return list;
}

autodiff::AdamConfig adam_config(const IqlConfig& c) { return {c.adam_beta1, c.adam_beta2, c.adam_eps}; }

float scalar(Tape<float>& tape, Var v) { return tape.value(v)(0, 0); }

float mean_of(const Tensor& t) {
  float s = 0.0f;
  for (float x : t) s += x;
  return s / static_cast<float>(t.size());
}

Mlp<float>& critic_head(TwinQ& twin, size_t head) { return head == 0 ? twin.q1 : twin.q2; }

// concat(s, a) of a batch, on `tape`
Var state_action(Tape<float>& tape, const Transitions& batch) {
  return concat_cols(tape.constant(batch.observations), tape.constant(batch.actions));
}

// the TD loss over the squared errors of one head, or of both summed (B,1)
Var critic_loss(const IqlConfig& config, Var squared_errors) {
  return config.mean_critic_loss ? 0.5f * mean(squared_errors) : mean(squared_errors);
}

// min(a, b) per element, as the tape's minimum takes it (a <= b ? a : b)
Tensor elementwise_min(const Tensor& a, const Tensor& b) {
  Tensor out = a;
  for (size_t i = 0; i < out.size(); ++i) out.data()[i] = a.data()[i] <= b.data()[i] ? a.data()[i] : b.data()[i];
  return out;
}

// From this many threads on, independent networks run one after the other, each product split over
// every thread: run at once, each network's products would stay on its one thread and leave the rest
// idle. On 2 threads at once is faster (bench_threads: 0.60x the one-thread update against 0.79x with
// the products split); 4 and more threads could not be measured on the 2-core development machine.
constexpr size_t kProductsSplitFrom = 4;

// task(0) .. task(parts - 1), independent networks on tapes of their own: the same bits either way
template <class Task>
void independent_networks(size_t parts, Task&& task) {
  if (autodiff::available_threads() >= kProductsSplitFrom) {
    for (size_t t = 0; t < parts; ++t) task(t);
    return;
  }
  autodiff::parallel_run(parts, task);
}

}  // namespace

Learner::Learner(size_t obs_dim, size_t act_dim, const IqlConfig& config, uint64_t seed)
    : config_((validate(config), config)),
      init_rng_(Rng::stream(seed, "init")),
      critic_(obs_dim, act_dim, config, init_rng_),
      target_(critic_),
      value_(mlp_sizes(obs_dim, config, 1), kReferenceInit, init_rng_, config.value_layer_norm),
      actor_(obs_dim, act_dim, config, init_rng_),
      critic_params_(collected(critic_, "critic/")),
      target_params_(collected(target_, "target/")),
      value_params_(collected(value_, "value/")),
      actor_params_(collected(actor_, "actor/")),
      critic_adam_(critic_params_, adam_config(config)),
      value_adam_(value_params_, adam_config(config)),
      actor_adam_(actor_params_, adam_config(config)),
      dropout_rng_(Rng::stream(seed, "dropout")),
      act_buffer_(obs_dim) {}

UpdateInfo Learner::update(const Transitions& raw) {
  const Transitions* batch = &raw;
  if (config_.normalize_states) {
    normalized_ = raw;
    normalize(normalized_.observations);
    normalize(normalized_.next_observations);
    batch = &normalized_;
  }
  if (!trains_critics(config_)) return update_behaviour_cloning(*batch);
  UpdateInfo info;

  // min of the target Q heads: the target does not change until step 4, so V and actor share it
  const Tensor q_target = target_min(*batch);
  Tensor v, next_v;  // V(s) for the actor, V(s') for the critic
  if (config_.pre_update_value_targets) value_pair(*batch, v, next_v);  // CORL: before the V step

  // 1. value: expectile regression of V(s) towards min target Q. Beside it, the forward passes of
  // the actor and the critic's heads, which read no V: their losses wait for this step's V below.
  independent_networks(4, [&](size_t t) {
    if (t == 0) info.value_loss = update_value(*batch, q_target);
    if (t == 1 || t == 2) record_critic_head(t - 1, *batch);
    if (t == 3) record_actor(*batch);
  });

  // V(s) and V(s') for the actor and critic targets: by default after this step's V update
  if (!config_.pre_update_value_targets) value_pair(*batch, v, next_v);

  // 2. actor: advantage-weighted regression, weights min(exp(beta (Q - V)), cap)
  const Tensor weights = advantage_weights(q_target, v, config_.temperature, config_.max_exp_advantage);
  info.actor_lr = actor_lr();
  info.actor_loss = finish_actor(weights, info.actor_lr);

  // 3. critic: TD regression of both heads towards r + gamma * mask * V(s')
  const float gamma = static_cast<float>(config_.discount);
  const Tensor td_target = batch->rewards + gamma * batch->masks * next_v;
  info.critic_loss = finish_critic(td_target);

  // 4. target EMA, after the critic step
  autodiff::polyak_update(target_params_, critic_params_, config_.target_update_rate);

  info.mean_value = mean_of(v);
  info.mean_q = mean_of(q_target);
  info.mean_weight = mean_of(weights);
  const WeightSpread spread = weight_spread(weights, config_.max_exp_advantage);
  info.weights_at_cap = spread.at_cap;
  info.weight_ess = spread.effective_share;
  ++step_;
  return info;
}

UpdateInfo Learner::update_behaviour_cloning(const Transitions& batch) {
  UpdateInfo info;
  info.critics_trained = false;
  info.actor_lr = actor_lr();
  Tensor weights = Tensor::from_shape({batch.observations.shape(0), 1});
  weights.fill(1.0f);
  record_actor(batch);
  info.actor_loss = finish_actor(weights, info.actor_lr);
  info.mean_weight = 1;
  ++step_;
  return info;
}

double Learner::actor_lr() const {
  return config_.cosine_actor_schedule ? autodiff::cosine_decay(config_.actor_lr, step_, config_.max_steps)
                                       : config_.actor_lr;
}

float Learner::update_value(const Transitions& batch, const Tensor& q_target) {
  Tape<float>& tape = value_tapes_[0];
  tape.reset();
  value_params_.zero_grad();
  Var v = value_.forward(tape, tape.constant(batch.observations));
  Var loss = expectile_loss(tape.constant(q_target) - v, config_.expectile);
  tape.backward(loss);
  value_adam_.step(config_.value_lr);
  return scalar(tape, loss);
}

void Learner::record_actor(const Transitions& batch) {
  Tape<float>& tape = actor_tape_;
  tape.reset();
  actor_params_.zero_grad();
  Var s = tape.constant(batch.observations);
  Var a = tape.constant(batch.actions);
  actor_fit_ = config_.deterministic_policy ? row_sum(square(actor_.mean(tape, s, &dropout_rng_) - a))
                                            : actor_.log_prob(tape, s, a, &dropout_rng_);
}

float Learner::finish_actor(const Tensor& advantage_weights, double lr) {
  Tape<float>& tape = actor_tape_;
  Var w = tape.constant(advantage_weights);
  // a deterministic policy minimises the weighted squared error, a Gaussian one maximises log pi
  Var loss = config_.deterministic_policy ? mean(w * actor_fit_) : -mean(w * actor_fit_);
  tape.backward(loss);
  actor_adam_.step(lr);
  return scalar(tape, loss);
}

void Learner::record_critic_head(size_t head, const Transitions& batch) {
  Tape<float>& tape = critic_tapes_[head];
  tape.reset();
  critic_q_[head] = critic_head(critic_, head).forward(tape, state_action(tape, batch));
}

float Learner::finish_critic(const Tensor& td_target) {
  critic_params_.zero_grad();
  independent_networks(2, [&](size_t t) {
    Tape<float>& tape = critic_tapes_[t];
    tape.backward(critic_loss(config_, square(critic_q_[t] - tape.constant(td_target))));
  });
  critic_adam_.step(config_.critic_lr);
  // the logged loss, with the heads' terms summed as one loss over both heads would sum them
  Tape<float>& tape = critic_tapes_[0];
  autodiff::NoGrad<float> no_grad(tape);
  Var y = tape.constant(td_target);
  Var q2 = tape.constant(critic_tapes_[1].value(critic_q_[1]));
  return scalar(tape, critic_loss(config_, square(critic_q_[0] - y) + square(q2 - y)));
}

Tensor Learner::target_min(const Transitions& batch) {
  std::array<Tensor, 2> q;
  independent_networks(2, [&](size_t t) {
    Tape<float>& tape = critic_tapes_[t];
    tape.reset();
    autodiff::NoGrad<float> no_grad(tape);
    q[t] = tape.value(critic_head(target_, t).forward(tape, state_action(tape, batch)));
  });
  return elementwise_min(q[0], q[1]);
}

void Learner::value_pair(const Transitions& batch, Tensor& v, Tensor& next_v) {
  independent_networks(2, [&](size_t t) {
    Tape<float>& tape = value_tapes_[t];
    tape.reset();
    autodiff::NoGrad<float> no_grad(tape);
    (t == 0 ? v : next_v) = tape.value(value_.forward(tape, tape.constant(t == 0 ? batch.observations
                                                                                   : batch.next_observations)));
  });
}

namespace {

// `observation` normalised with `mean` and `std` (1,S) into `buffer` (S)
std::span<const float> normalized_into(const Tensor& mean, const Tensor& std, std::vector<float>& buffer,
                                       std::span<const float> observation) {
  for (size_t i = 0; i < observation.size(); ++i) buffer[i] = (observation[i] - mean(0, i)) / std(0, i);
  return buffer;
}

}  // namespace

std::span<const float> Learner::normalized(std::span<const float> observation) {
  if (!config_.normalize_states) return observation;
  return normalized_into(state_mean_, state_std_, act_buffer_, observation);
}

void Learner::act(std::span<const float> observation, std::span<float> action) {
  actor_.act(normalized(observation), action);
}

void Learner::explore(std::span<const float> observation, std::span<const float> eps, std::span<float> action) {
  actor_.sample(normalized(observation), eps, action);
}

void Learner::PolicyCopy::act(std::span<const float> observation, std::span<float> action) {
  if (state_mean.size() == 0) return actor.act(observation, action);
  actor.act(normalized_into(state_mean, state_std, buffer, observation), action);
}

Learner::PolicyCopy Learner::policy_copy() const {
  if (!config_.normalize_states) return {actor_, Tensor(), Tensor(), act_buffer_};
  return {actor_, state_mean_, state_std_, act_buffer_};
}

void Learner::fit_state_normalizer(const Transitions& data) {
  const Tensor& obs = data.observations;
  const size_t n = obs.shape(0), dims = obs.shape(1);
  state_mean_ = Tensor(std::array<size_t, 2>{1, dims}, 0.0f);
  state_std_ = Tensor(std::array<size_t, 2>{1, dims}, 0.0f);
  for (size_t j = 0; j < dims; ++j) {
    double sum = 0.0, sum_sq = 0.0;
    for (size_t i = 0; i < n; ++i) sum += obs(i, j);
    const double m = sum / static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) sum_sq += (obs(i, j) - m) * (obs(i, j) - m);
    state_mean_(0, j) = static_cast<float>(m);
    state_std_(0, j) = static_cast<float>(std::sqrt(sum_sq / static_cast<double>(n)) + 1e-3);
  }
}

void Learner::normalize(Tensor& observations) const {
  if (state_mean_.size() == 0) {
    throw ConfigError("normalize_states is on but fit_state_normalizer() was not called");
  }
  observations = (observations - state_mean_) / state_std_;
}

ParamList<float> Learner::parameters() {
  ParamList<float> all;
  for (ParamList<float>* part : {&actor_params_, &critic_params_, &target_params_, &value_params_})
    all.items.insert(all.items.end(), part->items.begin(), part->items.end());
  return all;
}

Learner::Counters Learner::counters() const {
  return {step_, value_adam_.step_count(), actor_adam_.step_count(), critic_adam_.step_count(),
          dropout_rng_.state()};
}

void Learner::set_counters(const Counters& c) {
  step_ = c.step;
  value_adam_.set_step_count(c.value_adam_steps);
  actor_adam_.set_step_count(c.actor_adam_steps);
  critic_adam_.set_step_count(c.critic_adam_steps);
  dropout_rng_.set_state(c.dropout_rng);
}

std::string Learner::parameter_hash() { return autodiff::parameter_hash(parameters()); }

}  // namespace iql
