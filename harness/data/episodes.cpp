#include "harness/data/episodes.h"

#include <algorithm>

namespace harness {

std::vector<RowRange> dataset_episodes(const std::vector<uint8_t>& terminals, const std::vector<uint8_t>& timeouts,
                                       TerminalsEnd terminals_end) {
  const size_t rows = std::min(terminals.size(), timeouts.size());
  std::vector<RowRange> episodes;
  size_t begin = 0;
  for (size_t i = 0; i < rows; ++i) {
    const bool ends = timeouts[i] || (terminals[i] && terminals_end == TerminalsEnd::kEpisode);
    if (!ends) continue;
    episodes.push_back({begin, i + 1});
    begin = i + 1;
  }
  if (begin < rows) episodes.push_back({begin, rows});
  return episodes;
}

}  // namespace harness
