#include "harness/run/policy_snapshot.h"

#include <xtensor/xmanipulation.hpp>

#include "harness/data/d4rl_writer.h"
#include "harness/data/hdf5_file.h"

namespace harness {
namespace {

constexpr const char* kPolicyGroup = "metadata/policy/";

void add_layer(std::vector<NamedTensor>& out, autodiff::Linear<float>& layer, const std::string& key) {
  out.push_back({key + "/weight", autodiff::Tensor(xt::transpose(layer.w.value)), false});
  out.push_back({key + "/bias", autodiff::Tensor(xt::transpose(layer.b.value)), true});
}

autodiff::Linear<float> read_layer(hid_t file, const std::string& path, const std::string& key) {
  autodiff::Tensor weight = read_tensor(file, path, key + "/weight");  // (out, in)
  autodiff::Tensor bias = read_tensor(file, path, key + "/bias");      // one row (1, out)
  if (bias.shape(1) != weight.shape(0)) {
    throw autodiff::Error(path + ": '" + key + "/bias' has " + std::to_string(bias.shape(1)) + " values but '" + key +
                          "/weight' has " + std::to_string(weight.shape(0)) + " rows");
  }
  return autodiff::Linear<float>(autodiff::Tensor(xt::transpose(weight)), std::move(bias));
}

}  // namespace

std::vector<NamedTensor> policy_tensors(sac::TanhGaussianPolicy& policy, const std::string& prefix) {
  std::vector<NamedTensor> out;
  for (size_t i = 0; i < policy.trunk().size(); ++i) add_layer(out, policy.trunk()[i], prefix + "fc" + std::to_string(i));
  add_layer(out, policy.mean_head(), prefix + "last_fc");
  add_layer(out, policy.log_std_head(), prefix + "last_fc_log_std");
  return out;
}

void write_policy_snapshot(const std::string& path, sac::TanhGaussianPolicy& policy, const SnapshotInfo& info) {
  write_hdf5_file(path, [&](Hdf5Writer& out) {
    for (const NamedTensor& t : policy_tensors(policy, kPolicyGroup)) out.floats(t.key, t.values, FloatType::f32, t.vector);
    write_text_attribute(out.file(), "algorithm", "SAC");
    write_text_attribute(out.file(), "env", info.env);
    write_u64_attribute(out.file(), "step", {static_cast<uint64_t>(info.step)});
    write_u64_attribute(out.file(), "seed", {info.seed});
    write_double_attributes(out.file(), "log_std_clamp", {policy.log_std_min(), policy.log_std_max()});
    write_text_attribute(out.file(), "config", info.config_toml);
  });
}

sac::TanhGaussianPolicy read_policy_snapshot(const std::string& path) {
  H5Id file = open_hdf5(path);
  std::vector<autodiff::Linear<float>> trunk;
  for (size_t i = 0; has_dataset(file.get(), kPolicyGroup + ("fc" + std::to_string(i)) + "/weight"); ++i)
    trunk.push_back(read_layer(file.get(), path, kPolicyGroup + ("fc" + std::to_string(i))));
  if (trunk.empty()) throw autodiff::Error(path + ": no policy in it (metadata/policy/fc0/weight is missing)");
  autodiff::Linear<float> mean = read_layer(file.get(), path, std::string(kPolicyGroup) + "last_fc");
  autodiff::Linear<float> log_std = read_layer(file.get(), path, std::string(kPolicyGroup) + "last_fc_log_std");
  const std::vector<double> clamp = read_double_attributes(file.get(), path, "log_std_clamp");
  if (clamp.size() != 2) throw autodiff::Error(path + ": attribute 'log_std_clamp' needs two values");
  try {
    return sac::TanhGaussianPolicy(std::move(trunk), std::move(mean), std::move(log_std), static_cast<float>(clamp[0]),
                                   static_cast<float>(clamp[1]));
  } catch (const autodiff::Error& e) {
    throw autodiff::Error(path + ": " + e.what());
  }
}

SnapshotInfo read_snapshot_info(const std::string& path) {
  H5Id file = open_hdf5(path);
  SnapshotInfo info;
  info.env = read_text_attribute(file.get(), path, "env");
  info.step = static_cast<int64_t>(read_u64_attribute(file.get(), path, "step", 1).front());
  info.seed = read_u64_attribute(file.get(), path, "seed", 1).front();
  info.config_toml = read_text_attribute(file.get(), path, "config");
  return info;
}

}  // namespace harness
