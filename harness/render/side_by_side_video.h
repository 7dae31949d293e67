// One episode of two policies side by side in one video, so their difference is seen: each policy
// acts in its own copy of the env, both reset from the same evaluation seed (the same start state,
// the first episode `iql eval --seed S` scores), stepped in lockstep. Each half is captioned with
// its policy's label, the step and the return, and at its end the D4RL-normalised score; a policy whose
// episode ends first holds its last frame until the other's ends.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "harness/envs/evaluate.h"
#include "harness/render/env_video.h"

namespace harness {

struct LabelledPolicy {
  std::string label;  // "IQL, seed 1": the first line of its half's caption
  Policy act;
};

struct SideBySideResult {
  std::array<double, 2> scores{};  // left, right: D4RL-normalised x100 of their episode
  std::array<int, 2> lengths{};    // steps
  int frames = 0;
};

/// Films `left` and `right` in env `env_name` from the reset noise of eval seed `seed` into
/// `options.path`; options.size is the whole frame (each half is half as wide, so the width must
/// be a multiple of 4 for MP4). Throws RenderError as EnvVideo does.
SideBySideResult film_side_by_side(const std::string& env_name, const LabelledPolicy& left,
                                   const LabelledPolicy& right, uint64_t seed, const VideoOptions& options);

}  // namespace harness
