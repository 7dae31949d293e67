#include "harness/run/parity.h"

#include <algorithm>
#include <cmath>

#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"


namespace harness {
namespace {

ParityCase make_case(std::string name, size_t obs_dim, size_t act_dim, iql::IqlConfig config, bool sparse) {
  config.max_steps = 100;  // the actor lr falls from 3e-4 to 1.5e-4 over the 50 updates
  return {std::move(name), obs_dim, act_dim, config, 0, 50, sparse};
}

// sums of squares of a difference and of the reference, and their maxima
struct Accumulator {
  double diff_sq = 0, ref_sq = 0, diff_max = 0, ref_max = 0;

  void add(double ours, double theirs) {
    const double d = std::abs(ours - theirs);
    diff_sq += d * d;
    ref_sq += theirs * theirs;
    diff_max = std::max(diff_max, d);
    ref_max = std::max(ref_max, std::abs(theirs));
  }
  void add(const Accumulator& o) {
    diff_sq += o.diff_sq, ref_sq += o.ref_sq;
    diff_max = std::max(diff_max, o.diff_max), ref_max = std::max(ref_max, o.ref_max);
  }
  ParityError error(const std::string& name) const {
    return {name, ref_sq > 0 ? std::sqrt(diff_sq / ref_sq) : std::sqrt(diff_sq),
            ref_max > 0 ? diff_max / ref_max : diff_max};
  }
};

void write_config_attributes(hid_t file, const ParityCase& c) {
  const iql::IqlConfig& k = c.config;
  for (auto [name, value] : {std::pair{"obs_dim", c.obs_dim}, {"act_dim", c.act_dim},
                             {"hidden_dim", size_t(k.hidden_dim)}, {"hidden_layers", size_t(k.hidden_layers)},
                             {"updates", size_t(c.updates)}, {"batch_size", size_t(k.batch_size)},
                             {"max_steps", size_t(k.max_steps)}, {"cosine_actor_schedule", size_t(k.cosine_actor_schedule)}}) {
    write_u64_attribute(file, name, {value});
  }
  for (auto [name, value] : {std::pair{"discount", k.discount}, {"expectile", k.expectile},
                             {"temperature", k.temperature}, {"max_exp_advantage", k.max_exp_advantage},
                             {"target_update_rate", k.target_update_rate}, {"actor_lr", k.actor_lr},
                             {"critic_lr", k.critic_lr}, {"value_lr", k.value_lr}, {"adam_beta1", k.adam_beta1},
                             {"adam_beta2", k.adam_beta2}, {"adam_eps", k.adam_eps},
                             {"log_std_min", k.log_std_min}, {"log_std_max", k.log_std_max}}) {
    write_double_attribute(file, name, value);
  }
}

}  // namespace

const std::vector<ParityCase>& parity_cases() {
  static const std::vector<ParityCase> cases = {
      make_case("locomotion", 11, 3, iql::IqlConfig{}, false),    // hopper shapes
      make_case("antmaze", 29, 8, iql::antmaze_config(), true),   // antmaze shapes and rewards
  };
  return cases;
}

const ParityCase& parity_case(std::string_view name) {
  for (const ParityCase& c : parity_cases())
    if (c.name == name) return c;
  throw autodiff::Error("unknown parity case '" + std::string(name) + "' (known: locomotion, antmaze)");
}

rl::Transitions parity_batches(const ParityCase& c) {
  autodiff::Rng rng = autodiff::Rng::stream(c.seed, "parity-batches");
  rl::Transitions t = rl::random_transitions(
      static_cast<size_t>(c.updates) * static_cast<size_t>(c.config.batch_size), c.obs_dim, c.act_dim, rng);
  if (c.sparse_rewards) {
    for (size_t i = 0; i < t.size(); ++i) {
      const bool goal = rng.uniform() < 0.05;
      t.rewards(i, 0) = goal ? 0.0f : -1.0f;
      t.masks(i, 0) = goal ? 0.0f : 1.0f;
    }
  }
  return t;
}

void write_parity_inputs(const ParityCase& c, const std::string& path) {
  iql::Learner learner(c.obs_dim, c.act_dim, c.config, c.seed);
  const rl::Transitions batches = parity_batches(c);
  Hdf5Writer out(path);
  for (auto& [name, p] : learner.parameters().items) out.floats("params/" + name, p->value, FloatType::f32);
  out.floats("batches/observations", batches.observations, FloatType::f32);
  out.floats("batches/actions", batches.actions, FloatType::f32);
  out.floats("batches/rewards", batches.rewards, FloatType::f32);
  out.floats("batches/masks", batches.masks, FloatType::f32);
  out.floats("batches/next_observations", batches.next_observations, FloatType::f32);
  write_config_attributes(out.file(), c);
  out.close();
}

std::unique_ptr<iql::Learner> run_parity(const ParityCase& c, std::vector<iql::UpdateInfo>* losses) {
  auto learner = std::make_unique<iql::Learner>(c.obs_dim, c.act_dim, c.config, c.seed);
  const rl::Transitions batches = parity_batches(c);
  const size_t batch = static_cast<size_t>(c.config.batch_size);
  for (int u = 0; u < c.updates; ++u) {
    const iql::UpdateInfo info = learner->update(rl::slice_rows(batches, static_cast<size_t>(u) * batch, batch));
    if (losses) losses->push_back(info);
  }
  return learner;
}

bool ParityReport::passed() const {
  return std::all_of(tensors.begin(), tensors.end(),
                     [](const ParityError& e) { return e.max_relative <= kParityTolerance; });
}

ParityReport compare_with_reference(const autodiff::ParamList<float>& params, const std::string& reference_path) {
  H5Id file = open_hdf5(reference_path);
  ParityReport report;
  std::vector<std::pair<std::string, Accumulator>> networks;
  for (const auto& [name, p] : params.items) {
    const autodiff::Tensor theirs = read_tensor(file.get(), reference_path, "params/" + name);
    if (theirs.shape() != p->value.shape()) {
      throw autodiff::Error(reference_path + ": params/" + name + " has shape " + autodiff::shape_string(theirs) +
                            ", the learner's is " + autodiff::shape_string(p->value));
    }
    Accumulator tensor;
    for (size_t i = 0; i < theirs.size(); ++i) tensor.add(p->value.data()[i], theirs.data()[i]);
    report.tensors.push_back(tensor.error(name));
    const std::string network = name.substr(0, name.find('/'));
    if (networks.empty() || networks.back().first != network) networks.emplace_back(network, Accumulator{});
    networks.back().second.add(tensor);
  }
  for (const auto& [name, acc] : networks) report.networks.push_back(acc.error(name));
  return report;
}

double loss_error(const std::vector<std::vector<double>>& ours, const std::string& reference_path) {
  const autodiff::Tensor theirs = read_tensor(open_hdf5(reference_path).get(), reference_path, "losses");
  if (theirs.shape(0) != ours.size() || (!ours.empty() && theirs.shape(1) != ours.front().size())) {
    throw autodiff::Error(reference_path + ": losses has shape " + autodiff::shape_string(theirs) + ", expected (" +
                          std::to_string(ours.size()) + ", " + std::to_string(ours.empty() ? 0 : ours.front().size()) + ")");
  }
  double worst = 0;
  for (size_t u = 0; u < ours.size(); ++u)
    for (size_t k = 0; k < ours[u].size(); ++k)
      worst = std::max(worst, std::abs(ours[u][k] - theirs(u, k)) / std::max(1e-6, std::abs(double(theirs(u, k)))));
  return worst;
}

}  // namespace harness
