// The showcase of a policy: the first episodes of an evaluation filmed as they are scored, each
// frame captioned with the episode, the step and the return so far, and its last frame with the
// D4RL-normalised score.
#pragma once
#include "harness/envs/evaluate.h"
#include "harness/render/env_video.h"

namespace harness {

/// An observer for evaluate() that adds the states of episodes 0 .. episodes-1 to `video`, which
/// must outlive it. AntMaze frames mark each episode's goal and path.
EvalObserver film_episodes(EnvVideo& video, int episodes);

}  // namespace harness
