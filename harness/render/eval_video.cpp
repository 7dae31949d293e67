#include "harness/render/eval_video.h"

#include <string>

#include "harness/envs/antmaze.h"

namespace harness {
namespace {

Caption caption_of(const Env& env, const EvalMoment& m, int episodes) {
  Caption caption;
  caption.add("episode", std::to_string(m.episode + 1) + "/" + std::to_string(episodes))
      .add("step", std::to_string(m.step))
      .add("return", fixed_decimals(m.episode_return, 1));
  if (m.done) caption.add("score", fixed_decimals(normalized_score(env.spec(), m.episode_return), 1) + " (D4RL-normalised)");
  return caption;
}

// a new episode's goal (AntMaze draws one at every reset) and an empty path
void start_maze_episode(const Env& env, MazeMarks& marks) {
  marks.clear();
  marks.set_goal(dynamic_cast<const AntMazeEnv&>(env).goal());
}

}  // namespace

EvalObserver film_episodes(EnvVideo& video, int episodes) {
  return [&video, episodes](const Env& env, const EvalMoment& m) {
    if (m.episode >= episodes) return;
    if (m.step == 0 && video.maze_marks()) start_maze_episode(env, *video.maze_marks());
    video.add(env.data(), m.step, m.done, caption_of(env, m, episodes));
  };
}

}  // namespace harness
