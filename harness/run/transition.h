// One environment step of an online run, as the replay buffer and the replay stream keep it.
// S = observation dim, A = action dim, nq / nv = MuJoCo position / velocity dims.
#pragma once
#include <span>

namespace harness {

struct Transition {
  std::span<const float> observation;       // (S) before the action
  std::span<const float> action;            // (A) in [-1, 1]
  float reward = 0;
  bool terminal = false;                    // a true termination: no bootstrap from next_observation
  bool timeout = false;                     // the time limit (or a physics warning) ended the episode
  std::span<const float> next_observation;  // (S) after the action, before any reset
  std::span<const double> qpos;             // (nq) the state before the action
  std::span<const double> qvel;             // (nv)
  float action_log_prob = 0;                // log pi(action | observation), tanh Jacobian included
};

}  // namespace harness
