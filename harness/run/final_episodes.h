// The final evaluation episode by episode, beside run.json as final_episodes.csv (episode, return,
// steps, normalized_score): run.json keeps only the mean, and the AntMaze report plots the steps
// each episode took to reach the goal.
#pragma once
#include <string>
#include <vector>

#include "harness/envs/evaluate.h"

namespace harness {

inline constexpr const char* kFinalEpisodesFile = "final_episodes.csv";

/// Writes `result`'s episodes to `path` (atomically); throws naming the path when it cannot.
void write_final_episodes(const std::string& path, const EvalResult& result);

/// The steps column of a file write_final_episodes() wrote, in episode order; empty when there is
/// no file (a run from before it existed). Throws autodiff::Error naming the file and the line it
/// cannot read.
std::vector<int> read_final_episode_steps(const std::string& path);

}  // namespace harness
