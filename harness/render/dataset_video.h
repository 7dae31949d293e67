// A dataset episode replayed from its recorded states (infos/qpos, infos/qvel) into a video: how a
// user looks at what a dataset holds, downloaded or regenerated. Nothing is simulated.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "harness/data/d4rl_reader.h"
#include "harness/data/episodes.h"
#include "harness/envs/env.h"
#include "harness/render/env_video.h"

namespace harness {

/// The episodes of `arrays`, a file of `env`'s datasets (AntMaze's terminals end no episode).
std::vector<RowRange> episodes_of(const Env& env, const D4rlArrays& arrays);

/// Writes episode `index` (from 0; see episodes_of) of `arrays` into a video of `options`,
/// captioned with `title`, the episode, the step and the return so far; AntMaze frames mark
/// infos/goal and the path. Returns the frame count. Throws RenderError when the episode does not
/// exist (naming how many there are) or the file has no infos/qpos and infos/qvel.
int film_dataset_episode(Env& env, const D4rlArrays& arrays, size_t index, const std::string& title,
                         const VideoOptions& options);

}  // namespace harness
