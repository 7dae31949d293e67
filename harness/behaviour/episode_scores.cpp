#include "harness/behaviour/episode_scores.h"

namespace harness {

std::vector<double> episode_scores(const D4rlArrays& arrays, const EnvSpec& spec, RowRange rows) {
  const auto flags = [&](const std::vector<uint8_t>& v) {
    return std::vector<uint8_t>(v.begin() + static_cast<std::ptrdiff_t>(rows.begin),
                                v.begin() + static_cast<std::ptrdiff_t>(rows.end));
  };
  const std::vector<uint8_t> terminals = flags(arrays.terminals), timeouts = flags(arrays.timeouts);
  const TerminalsEnd ends = spec.goal_directed ? TerminalsEnd::kNothing : TerminalsEnd::kEpisode;
  std::vector<double> scores;
  for (const RowRange& e : dataset_episodes(terminals, timeouts, ends)) {
    const size_t last = e.end - 1;
    if (!timeouts[last] && !(terminals[last] && ends == TerminalsEnd::kEpisode)) continue;  // cut short
    double sum = 0;
    for (size_t i = e.begin; i < e.end; ++i) sum += arrays.rewards(rows.begin + i, 0);
    scores.push_back(normalized_score(spec, sum));
  }
  return scores;
}

}  // namespace harness
