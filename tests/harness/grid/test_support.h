// Helpers shared by the grid tests.
#pragma once
#include "harness/grid/grid_spec.h"

namespace harness::testing {

/// hopper-medium-v2 with the locomotion evaluation settings and `seeds`.
inline GridDataset hopper_dataset(std::vector<uint64_t> seeds) {
  GridDataset d;
  d.name = "hopper-medium-v2";
  d.preset = "locomotion";
  d.eval_interval = 5000;
  d.eval_episodes = 10;
  d.seeds = std::move(seeds);
  return d;
}

}  // namespace harness::testing
