// Reference scores: D4RL infos.py (spec/environments.md section 6); limits: gym and D4RL registrations.
#include "harness/envs/env_spec.h"

namespace harness {

const std::vector<EnvSpec>& env_specs() {
  static const std::vector<EnvSpec> specs = {
      // name            obs act  nq  nv  steps  ref min       ref max     goals  D4RL's
      {"hopper",          11, 3,   6,  6, 1000,  -20.272305,   3234.3},
      {"halfcheetah",     17, 6,   9,  9, 1000,  -280.178953,  12135.0},
      {"walker2d",        17, 6,   9,  9, 1000,  1.629008,     4592.3},
      {"antmaze-umaze",   29, 8,  15, 14,  700,  0.0,          1.0,        true},
      {"antmaze-medium",  29, 8,  15, 14, 1000,  0.0,          1.0,        true},
      {"antmaze-large",   29, 8,  15, 14, 1000,  0.0,          1.0,        true},
      // the goal-reaching ant behind the regenerated AntMaze sets (ant_goal.h): no D4RL reference,
      // so its "normalised" score is its return; what counts for it is the goals it reaches
      {"ant-goal",        29, 8,  15, 14,  500,  0.0,          100.0,      true,  false},
  };
  return specs;
}

const EnvSpec& env_spec(std::string_view name) {
  std::string known;
  for (const EnvSpec& spec : env_specs()) {
    if (spec.name == name) return spec;
    known += (known.empty() ? "" : ", ") + spec.name;
  }
  throw EnvError("unknown environment '" + std::string(name) + "' (known: " + known + ")");
}

double normalized_score(const EnvSpec& spec, double episode_return) {
  return 100.0 * (episode_return - spec.ref_min_score) / (spec.ref_max_score - spec.ref_min_score);
}

const char* score_unit(const EnvSpec& spec) { return spec.d4rl_reference ? "D4RL-normalised x100" : "return"; }

}  // namespace harness
