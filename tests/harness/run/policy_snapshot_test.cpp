// Tests for harness/run/policy_snapshot.cpp: D4RL's layout, and a round trip that acts alike.
#include <gtest/gtest.h>

#include "harness/run/policy_snapshot.h"
#include "harness/data/hdf5_file.h"
#include "test_support.h"

namespace harness {
namespace {

sac::TanhGaussianPolicy make_policy(size_t obs, size_t act) {
  sac::SacConfig config;
  config.hidden_dim = 24;
  autodiff::Rng rng(5);
  return sac::TanhGaussianPolicy(obs, act, config, rng);
}

TEST(PolicySnapshot, UsesD4rlsMetadataPolicyLayoutWithWeightsStoredOutByIn) {
  const std::string path = (test::test_dir() / "snap.h5").string();
  sac::TanhGaussianPolicy policy = make_policy(11, 3);
  write_policy_snapshot(path, policy, {"hopper", 20000, 0, "policy_lr = 0.0003\n"});
  H5Id file = open_hdf5(path);
  const std::vector<std::pair<std::string, std::array<size_t, 2>>> expected = {
      {"metadata/policy/fc0/weight", {24, 11}},     {"metadata/policy/fc0/bias", {1, 24}},
      {"metadata/policy/fc1/weight", {24, 24}},     {"metadata/policy/last_fc/weight", {3, 24}},
      {"metadata/policy/last_fc/bias", {1, 3}},     {"metadata/policy/last_fc_log_std/weight", {3, 24}},
      {"metadata/policy/last_fc_log_std/bias", {1, 3}}};
  for (const auto& [key, shape] : expected) {
    const autodiff::Tensor t = read_tensor(file.get(), path, key);
    EXPECT_EQ(t.shape(0), shape[0]) << key;
    EXPECT_EQ(t.shape(1), shape[1]) << key;
  }
  // weight (out, in): row j of fc0/weight is what feeds hidden unit j
  const autodiff::Tensor w = read_tensor(file.get(), path, "metadata/policy/fc0/weight");
  EXPECT_EQ(w(5, 2), policy.trunk()[0].w.value(2, 5));
  const SnapshotInfo info = read_snapshot_info(path);
  EXPECT_EQ(info.env, "hopper");
  EXPECT_EQ(info.step, 20000);
}

TEST(PolicySnapshot, ARoundTripActsBitForBitAlike) {
  const std::string path = (test::test_dir() / "snap.h5").string();
  sac::TanhGaussianPolicy policy = make_policy(17, 6);
  write_policy_snapshot(path, policy, {"halfcheetah", 10000, 1, ""});
  sac::TanhGaussianPolicy loaded = read_policy_snapshot(path);
  std::vector<float> obs(17), eps(6), a(6), b(6);
  autodiff::Rng rng(2);
  for (int trial = 0; trial < 5; ++trial) {
    for (float& x : obs) x = static_cast<float>(rng.normal());
    for (float& x : eps) x = static_cast<float>(rng.normal());
    EXPECT_EQ(policy.sample_row(obs, eps, a), loaded.sample_row(obs, eps, b));
    EXPECT_EQ(a, b);
    policy.act(obs, a);
    loaded.act(obs, b);
    EXPECT_EQ(a, b);
  }
}

TEST(PolicySnapshot, AFileWithoutAPolicyIsAnErrorNamingIt) {
  const std::string path = (test::test_dir() / "empty.h5").string();
  Hdf5Writer(path).close();
  try {
    read_policy_snapshot(path);
    FAIL() << "read a policy from a file without one";
  } catch (const autodiff::Error& e) {
    EXPECT_NE(std::string(e.what()).find("metadata/policy/fc0/weight"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
