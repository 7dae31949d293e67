// The step-by-step record of an evaluation (`iql eval --trace FILE.csv`): for every step of every
// episode the observation the policy saw, the action it took and the reward that followed, so what a
// policy does can be measured against another's (the collapsed early IQL policy against BC's and the
// behaviour's, in the README). One CSV row a step, as D4RL's transitions (the next observation shows
// how an episode ended):
//   episode,step,reward,done,obs_0,...,obs_{S-1},action_0,...,action_{A-1},next_obs_0,...,next_obs_{S-1}
// Observations and actions are written with 9 significant digits (a float's round trip).
#pragma once
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "harness/envs/evaluate.h"

namespace harness {

class EvalTrace {
 public:
  /// Opens `path` for writing (throws EnvError naming it when it cannot) and writes the header for an
  /// env of `obs_dim` observations and `act_dim` actions.
  EvalTrace(const std::string& path, int obs_dim, int act_dim);

  /// `policy`, recording each observation and the action it gives.
  Policy recording(Policy policy);

  /// The observer that completes each step's row with its reward (episodes run in order, on one thread).
  EvalObserver observer();

  /// Flushes and closes the file; throws EnvError naming it when a write failed.
  void finish();

 private:
  std::string path_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  std::vector<float> observation_, action_, next_;  // of the step under way
  double return_before_ = 0;                 // the episode's return before that step
};

}  // namespace harness
