// Shared by the online-run tests (and regeneration's): a per-test directory and transitions with recognisable values.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "autodiff/error.h"
#include "harness/run/transition.h"

namespace harness::test {

/// The message of what `f` throws; "" when it throws nothing.
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

/// A fresh directory named after the running test, under gtest's temporary directory.
inline std::filesystem::path test_dir() {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "behaviour" /
                                    ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The values of transition `i` (obs 3, action 2, nq 2, nv 1), all derived from i.
struct NumberedTransition {
  std::vector<float> observation, action, next_observation;
  std::vector<double> qpos, qvel;
  Transition transition;

  explicit NumberedTransition(int i)
      : observation{float(i), float(i) + 0.5f, -float(i)},
        action{0.25f * float(i % 4), -0.5f},
        next_observation{float(i) + 1, float(i) + 1.5f, -float(i) - 1},
        qpos{double(i) / 3.0, 1.0},
        qvel{-double(i) / 7.0} {
    transition = {observation, action, float(i) * 0.1f, i % 5 == 4, i % 7 == 6, next_observation, qpos, qvel,
                  -float(i) / 9.0f};
  }
};

}  // namespace harness::test
