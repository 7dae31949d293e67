#include "harness/envs/env_mjcf.h"

#include "harness/envs/ant_goal.h"
#include "harness/envs/antmaze.h"
#include "harness/envs/locomotion.h"

namespace harness {

std::string env_mjcf(std::string_view env_name) {
  const EnvSpec& spec = env_spec(env_name);
  if (is_antmaze(spec.name)) return antmaze_mjcf(maze_layout(spec.name));
  if (spec.name == kAntGoalEnv) return ant_goal_mjcf();
  return std::string(locomotion_task(spec.name).mjcf());
}

}  // namespace harness
