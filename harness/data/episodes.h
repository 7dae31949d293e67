// The episodes of a D4RL file as rows: an episode ends after a row flagged timeout, or terminal where
// a terminal ends one (locomotion; AntMaze files flag reaching the goal as terminal and go on), and
// rows after the last end (a collection cut short) form a last, unfinished episode.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace harness {

struct RowRange {
  size_t begin = 0;  // first row
  size_t end = 0;    // one past the last row
  size_t size() const { return end - begin; }
};

/// Whether a terminal row ends its episode.
enum class TerminalsEnd { kEpisode, kNothing };

/// The episodes of a file with these flag columns (both (N)), in row order.
std::vector<RowRange> dataset_episodes(const std::vector<uint8_t>& terminals, const std::vector<uint8_t>& timeouts,
                                       TerminalsEnd terminals_end);

}  // namespace harness
