#include "harness/render/dataset_video.h"

#include <vector>

#include "harness/envs/antmaze.h"
#include "harness/render/render_error.h"

namespace harness {
namespace {

RowRange episode_at(const Env& env, const D4rlArrays& arrays, size_t index, const std::string& title) {
  if (arrays.qpos.shape(0) == 0 || arrays.qvel.shape(0) == 0) {
    throw RenderError(title + ": the file has no infos/qpos and infos/qvel to replay");
  }
  const std::vector<RowRange> episodes = episodes_of(env, arrays);
  if (index >= episodes.size()) {
    const std::string range = episodes.empty() ? "" : ", 0 to " + std::to_string(episodes.size() - 1);
    throw RenderError(title + ": episode " + std::to_string(index) + " does not exist; it has " +
                      std::to_string(episodes.size()) + " episodes" + range);
  }
  return episodes[index];
}

// row `row` of a (N, D) float32 column, as the doubles MuJoCo takes
std::vector<double> row_values(const Tensor& column, size_t row) {
  const size_t dims = column.shape(1);
  const float* start = column.data() + row * dims;
  return std::vector<double>(start, start + dims);
}

}  // namespace

std::vector<RowRange> episodes_of(const Env& env, const D4rlArrays& arrays) {
  const TerminalsEnd terminals = is_antmaze(env.spec().name) ? TerminalsEnd::kNothing : TerminalsEnd::kEpisode;
  return dataset_episodes(arrays.terminals, arrays.timeouts, terminals);
}

int film_dataset_episode(Env& env, const D4rlArrays& arrays, size_t index, const std::string& title,
                         const VideoOptions& options) {
  const RowRange rows = episode_at(env, arrays, index, title);
  EnvVideo video(env.spec().name, 1.0 / env.dt(), options, static_cast<int64_t>(rows.size()));
  if (MazeMarks* marks = video.maze_marks(); marks && arrays.goal.shape(0) > 0) {
    const std::vector<double> goal = row_values(arrays.goal, rows.begin);
    marks->set_goal({goal[0], goal[1]});
  }
  double episode_return = 0.0;
  for (size_t row = rows.begin; row < rows.end; ++row) {
    env.set_state(row_values(arrays.qpos, row), row_values(arrays.qvel, row));
    const int step = static_cast<int>(row - rows.begin);
    Caption caption;
    caption.add("dataset", title)
        .add("episode", std::to_string(index))
        .add("step", std::to_string(step) + "/" + std::to_string(rows.size()))
        .add("return", fixed_decimals(episode_return, 1));
    video.add(env.data(), step, row + 1 == rows.end, caption);
    episode_return += arrays.rewards.data()[row];
  }
  return video.finish();
}

}  // namespace harness
