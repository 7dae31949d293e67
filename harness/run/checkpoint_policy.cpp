#include "harness/run/checkpoint_policy.h"

#include <memory>

#include "harness/run/checkpoint.h"
#include "harness/run/config_options.h"
#include "harness/run/learner_policies.h"

namespace harness {
namespace {

// a policy trained for other dims cannot act in this env; said before any episode runs
void check_policy_fits(const RunState& run, const Env& env, const std::string& checkpoint) {
  if (run.obs_dim == static_cast<size_t>(env.obs_dim()) && run.act_dim == static_cast<size_t>(env.act_dim())) return;
  throw EnvError(checkpoint + ": its policy maps " + std::to_string(run.obs_dim) + " observations to " +
                 std::to_string(run.act_dim) + " actions, but its env " + run.env + " has " +
                 std::to_string(env.obs_dim()) + " and " + std::to_string(env.act_dim()) +
                 "; it is a checkpoint for another environment");
}

}  // namespace

CheckpointPolicy load_checkpoint_policy(const std::string& checkpoint) {
  const RunState run = read_run_state(checkpoint);
  check_policy_fits(run, *make_env(run.env), checkpoint);
  auto learner = std::make_shared<iql::Learner>(run.obs_dim, run.act_dim,
                                                parse_config_toml(run.config_toml, checkpoint), run.seed);
  load_checkpoint(checkpoint, *learner);
  return {run.env, run.dataset, learner->step(), [learner, copies = policy_copies(*learner)] { return copies(); }};
}

}  // namespace harness
