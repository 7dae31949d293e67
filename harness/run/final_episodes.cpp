#include "harness/run/final_episodes.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "autodiff/error.h"
#include "harness/run/text_file.h"

namespace harness {

void write_final_episodes(const std::string& path, const EvalResult& result) {
  std::string text = "episode,return,steps,normalized_score\n";
  for (size_t i = 0; i < result.returns.size(); ++i) {
    char line[96];
    std::snprintf(line, sizeof line, "%zu,%.17g,%d,%.17g\n", i, result.returns[i], result.lengths[i],
                  result.normalized_scores[i]);
    text += line;
  }
  write_text_file(path, text);
}

std::vector<int> read_final_episode_steps(const std::string& path) {
  std::vector<int> steps;
  if (!std::filesystem::exists(path)) return steps;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // the header
  for (int number = 2; std::getline(in, line); ++number) {
    size_t episode = 0;
    double episode_return = 0;
    int length = 0;
    if (std::sscanf(line.c_str(), "%zu,%lf,%d", &episode, &episode_return, &length) != 3 || episode != steps.size()) {
      throw autodiff::Error(path + ":" + std::to_string(number) + ": not an episode line (episode,return,steps,...): " + line);
    }
    steps.push_back(length);
  }
  return steps;
}

}  // namespace harness
