#include "iql/learner.h"

#include <cmath>
#include <cstring>

#include "autodiff/hash.h"
#include "autodiff/polyak.h"
#include "autodiff/thread_pool.h"
#include "iql/losses.h"

namespace iql {
namespace {

using autodiff::TapeScope;

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

// From this many threads on, two networks run one after the other, each product split over every
// thread: run at once, each network's products would stay on its one thread and leave the rest idle.
// On 2 threads at once is faster (bench_threads: 0.60x the one-thread update against 0.79x with the
// products split); 4 and more threads could not be measured on the 2-core development machine.
constexpr size_t kProductsSplitFrom = 4;

// task(0) and task(1), two independent networks on their own tapes: the same bits either way
template <class Task>
void two_networks(Task&& task) {
  if (autodiff::available_threads() >= kProductsSplitFrom) {
    task(0);
    task(1);
    return;
  }
  autodiff::parallel_run(2, task);
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
  tape_.reset();
  Var s = tape_.constant(batch->observations);
  Var a = tape_.constant(batch->actions);
  if (!trains_critics(config_)) return update_behaviour_cloning(s, a);
  UpdateInfo info;

  // Each step below records in its own TapeScope (or on the lanes' tapes) and hands on plain tensors,
  // so the steps reuse one set of tape buffers (about 2 MB) instead of holding 6 MB: on this VM a GEMM
  // whose operands cycle through more than ~4 MB runs 15% slower, and this made the update 4-5% faster.

  // min of the target Q heads: the target does not change until step 4, so V and actor share it
  const Tensor q_target = target_min(*batch);
  Tensor v, next_v;  // V(s) for the actor, V(s') for the critic
  if (config_.pre_update_value_targets) value_pair(*batch, v, next_v);  // CORL: before the V step

  // 1. value: expectile regression of V(s) towards min target Q
  info.value_loss = update_value(s, q_target);

  // V(s) and V(s') for the actor and critic targets: by default after this step's V update
  if (!config_.pre_update_value_targets) value_pair(*batch, v, next_v);

  // 2. actor: advantage-weighted regression, weights min(exp(beta (Q - V)), cap)
  const Tensor weights = advantage_weights(q_target, v, config_.temperature, config_.max_exp_advantage);
  info.actor_lr = actor_lr();
  info.actor_loss = update_actor(s, a, weights, info.actor_lr);

  // 3. critic: TD regression of both heads towards r + gamma * mask * V(s')
  const float gamma = static_cast<float>(config_.discount);
  const Tensor td_target = batch->rewards + gamma * batch->masks * next_v;
  info.critic_loss = update_critic(*batch, td_target);

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

UpdateInfo Learner::update_behaviour_cloning(Var s, Var a) {
  UpdateInfo info;
  info.critics_trained = false;
  info.actor_lr = actor_lr();
  Tensor weights = Tensor::from_shape({tape_.value(s).shape(0), 1});
  weights.fill(1.0f);
  info.actor_loss = update_actor(s, a, weights, info.actor_lr);
  info.mean_weight = 1;
  ++step_;
  return info;
}

double Learner::actor_lr() const {
  return config_.cosine_actor_schedule ? autodiff::cosine_decay(config_.actor_lr, step_, config_.max_steps)
                                       : config_.actor_lr;
}

float Learner::update_value(Var s, const Tensor& q_target) {
  TapeScope<float> scope(tape_);
  value_params_.zero_grad();
  Var v = value_.forward(tape_, s);
  Var loss = expectile_loss(tape_.constant(q_target) - v, config_.expectile);
  tape_.backward(loss);
  value_adam_.step(config_.value_lr);
  return scalar(tape_, loss);
}

float Learner::update_actor(Var s, Var a, const Tensor& advantage_weights, double lr) {
  TapeScope<float> scope(tape_);
  actor_params_.zero_grad();
  Var w = tape_.constant(advantage_weights);
  Var loss;
  if (config_.deterministic_policy) {  // weighted MSE of tanh(mean) to the data action
    loss = mean(w * row_sum(square(actor_.mean(tape_, s, &dropout_rng_) - a)));
  } else {
    loss = -mean(w * actor_.log_prob(tape_, s, a, &dropout_rng_));
  }
  tape_.backward(loss);
  actor_adam_.step(lr);
  return scalar(tape_, loss);
}

float Learner::update_critic(const Transitions& batch, const Tensor& td_target) {
  critic_params_.zero_grad();
  std::array<Tensor, 2> q;  // each head's Q(s, a)
  two_networks([&](size_t t) {
    Tape<float>& tape = lanes_[t];
    tape.reset();
    Var head = critic_head(critic_, t).forward(tape, state_action(tape, batch));
    Var error = square(head - tape.constant(td_target));
    tape.backward(critic_loss(config_, error));
    q[t] = tape.value(head);
  });
  critic_adam_.step(config_.critic_lr);
  // the logged loss, with the heads' terms summed as one loss over both heads would sum them
  autodiff::NoGrad<float> no_grad(tape_);
  TapeScope<float> scope(tape_);
  Var y = tape_.constant(td_target);
  return scalar(tape_, critic_loss(config_, square(tape_.constant(q[0]) - y) + square(tape_.constant(q[1]) - y)));
}

Tensor Learner::target_min(const Transitions& batch) {
  std::array<Tensor, 2> q;
  two_networks([&](size_t t) {
    Tape<float>& tape = lanes_[t];
    tape.reset();
    autodiff::NoGrad<float> no_grad(tape);
    q[t] = tape.value(critic_head(target_, t).forward(tape, state_action(tape, batch)));
  });
  return elementwise_min(q[0], q[1]);
}

void Learner::value_pair(const Transitions& batch, Tensor& v, Tensor& next_v) {
  two_networks([&](size_t t) {
    Tape<float>& tape = lanes_[t];
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
