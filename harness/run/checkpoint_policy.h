// An IQL run's policy as it is evaluated (the actor's mean), loaded from its checkpoint, for the
// commands that score or film a saved policy (iql eval, iql demo's side-by-side video).
#pragma once
#include <cstdint>
#include <string>

#include "harness/envs/evaluate.h"

namespace harness {

struct CheckpointPolicy {
  std::string env;      // env_spec() name the policy acts in
  std::string dataset;  // what it was trained on
  int64_t step = 0;     // updates it had when saved
  PolicyFactory policies;  // deterministic (the actor's mean): one for each thread that acts
};

/// Loads `checkpoint`; throws naming the file when it cannot be read, or when its policy's
/// dimensions do not fit its env (a checkpoint whose env was edited or mislabelled).
CheckpointPolicy load_checkpoint_policy(const std::string& checkpoint);

}  // namespace harness
