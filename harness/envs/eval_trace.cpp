#include "harness/envs/eval_trace.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "harness/envs/env.h"

namespace harness {

EvalTrace::EvalTrace(const std::string& path, int obs_dim, int act_dim)
    : path_(path), file_(std::fopen(path.c_str(), "w"), &std::fclose), observation_(obs_dim), action_(act_dim), next_(obs_dim) {
  if (!file_) throw EnvError("--trace " + path + ": cannot write it (" + std::strerror(errno) + ")");
  std::fprintf(file_.get(), "episode,step,reward,done");
  for (int i = 0; i < obs_dim; ++i) std::fprintf(file_.get(), ",obs_%d", i);
  for (int i = 0; i < act_dim; ++i) std::fprintf(file_.get(), ",action_%d", i);
  for (int i = 0; i < obs_dim; ++i) std::fprintf(file_.get(), ",next_obs_%d", i);
  std::fprintf(file_.get(), "\n");
}

Policy EvalTrace::recording(Policy policy) {
  return [this, policy = std::move(policy)](std::span<const float> observation, std::span<float> action) {
    policy(observation, action);
    std::copy(observation.begin(), observation.end(), observation_.begin());
    std::copy(action.begin(), action.end(), action_.begin());
  };
}

EvalObserver EvalTrace::observer() {
  return [this](const Env& env, const EvalMoment& m) {
    if (m.step == 0) {  // a reset: no step to write yet
      return_before_ = 0;
      return;
    }
    std::FILE* out = file_.get();
    std::fprintf(out, "%d,%d,%.9g,%d", m.episode, m.step - 1, m.episode_return - return_before_, m.done ? 1 : 0);
    for (float x : observation_) std::fprintf(out, ",%.9g", x);
    for (float x : action_) std::fprintf(out, ",%.9g", x);
    env.observation(next_);
    for (float x : next_) std::fprintf(out, ",%.9g", x);
    std::fprintf(out, "\n");
    return_before_ = m.episode_return;
  };
}

void EvalTrace::finish() {
  const bool failed = std::ferror(file_.get()) != 0;
  if (std::fclose(file_.release()) != 0 || failed) throw EnvError("--trace " + path_ + ": writing it failed");
}

}  // namespace harness
