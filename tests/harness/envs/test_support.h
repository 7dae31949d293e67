// Helpers shared by the environment tests: states built from qpos0, and summary statistics.
#pragma once
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/envs/env.h"

namespace harness::test {

/// Every environment's name, for tests that run on each.
inline std::vector<std::string> all_env_names() {
  std::vector<std::string> names;
  for (const EnvSpec& spec : env_specs()) names.push_back(spec.name);
  return names;
}

/// A test name for an environment parameter ("antmaze-umaze" -> "antmazeumaze").
inline std::string env_param_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::erase(name, '-');
  return name;
}

/// The model's qpos0 (nq).
inline std::vector<double> default_qpos(const Env& env) {
  const mjModel& m = env.model();
  return std::vector<double>(m.qpos0, m.qpos0 + m.nq);
}

inline std::vector<double> current_qpos(const Env& env) {
  return std::vector<double>(env.data().qpos, env.data().qpos + env.model().nq);
}

inline std::vector<double> current_qvel(const Env& env) {
  return std::vector<double>(env.data().qvel, env.data().qvel + env.model().nv);
}

struct Moments {
  double mean;
  double variance;  // population
};

inline Moments moments(std::span<const double> x) {
  double sum = 0.0;
  for (double v : x) sum += v;
  const double mean = sum / x.size();
  double squares = 0.0;
  for (double v : x) squares += (v - mean) * (v - mean);
  return {mean, squares / x.size()};
}

/// Fraction of `x` with |v| < bound.
inline double fraction_within(std::span<const double> x, double bound) {
  int inside = 0;
  for (double v : x) inside += std::abs(v) < bound;
  return static_cast<double>(inside) / x.size();
}

// Statistics tests use fixed seeds; bounds are this many standard errors, so a correct sampler
// passes by a wide margin while a wrong distribution (range, variance or shape) fails.
constexpr double kSigmas = 5.0;

/// Checks that `x` looks like U(-w, w): range, mean, variance w^2/3, half the mass within w/2.
inline void expect_uniform(std::span<const double> x, double w, const std::string& what) {
  const double n = static_cast<double>(x.size());
  for (double v : x) ASSERT_LE(std::abs(v), w) << what;
  const Moments m = moments(x);
  EXPECT_NEAR(m.mean, 0.0, kSigmas * w / std::sqrt(3.0 * n)) << what;
  EXPECT_NEAR(m.variance, w * w / 3.0, kSigmas * w * w * std::sqrt(4.0 / 45.0 / n)) << what;
  EXPECT_NEAR(fraction_within(x, w / 2), 0.5, kSigmas * 0.5 / std::sqrt(n)) << what;
}

/// Checks that `x` looks like s * N(0, 1): mean, variance s^2, 68.27% within s, tails beyond 2s.
inline void expect_normal(std::span<const double> x, double s, const std::string& what) {
  const double n = static_cast<double>(x.size());
  const Moments m = moments(x);
  EXPECT_NEAR(m.mean, 0.0, kSigmas * s / std::sqrt(n)) << what;
  EXPECT_NEAR(m.variance, s * s, kSigmas * s * s * std::sqrt(2.0 / n)) << what;
  constexpr double kWithinOneSigma = 0.682689;
  EXPECT_NEAR(fraction_within(x, s), kWithinOneSigma,
              kSigmas * std::sqrt(kWithinOneSigma * (1 - kWithinOneSigma) / n)) << what;
  EXPECT_LT(fraction_within(x, 2 * s), 1.0) << what << ": no tail beyond 2 sigma";
}

}  // namespace harness::test
