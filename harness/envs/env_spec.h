// The evaluation environments D4RL scores against: dims, episode limits and reference scores.
// Shared by the dataset registry (shapes to validate) and the environments (normalised scores).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "autodiff/error.h"

namespace harness {

// an environment that cannot be built or stepped as asked
struct EnvError : autodiff::Error {
  using autodiff::Error::Error;
};

struct EnvSpec {
  std::string name;       // "hopper", "halfcheetah", "walker2d", "antmaze-umaze", ...
  int obs_dim;            // length of one observation
  int act_dim;            // length of one agent action, in [-1, 1]
  int nq;                 // MuJoCo qpos length (infos/qpos columns)
  int nv;                 // MuJoCo qvel length (infos/qvel columns)
  int max_steps;          // gym TimeLimit
  double ref_min_score;   // D4RL REF_MIN_SCORE: the random policy's return
  double ref_max_score;   // D4RL REF_MAX_SCORE: the expert's return
  bool goal_directed = false;  // episodes are judged by the goals they reach (StepResult::goal_reached)
  bool d4rl_reference = true;  // D4RL publishes its reference scores; else the "normalised" score is the return
};

/// All evaluation environments, in a fixed order.
const std::vector<EnvSpec>& env_specs();

/// The spec named `name`; throws EnvError listing the known names when there is none.
const EnvSpec& env_spec(std::string_view name);

/// D4RL-normalised score x100 of one episode return: 0 = random, 100 = expert.
double normalized_score(const EnvSpec& spec, double episode_return);

/// What normalized_score() gives for this env, for printed scores: "D4RL-normalised x100", or
/// "return" for an env D4RL has no reference scores for.
const char* score_unit(const EnvSpec& spec);

}  // namespace harness
