// What an AntMaze frame adds to the scene: the goal (a green disc of the success radius), the path
// the ant's torso has taken this episode (a red line) and a faint disc under the ant, which seen
// from above the whole large maze is only a few pixels. Scene-only geoms: the model never sees them.
#pragma once
#include <array>
#include <optional>
#include <vector>

#include <mujoco/mujoco.h>

namespace harness {

class MazeMarks {
 public:
  /// Forgets the path and the goal (a new episode).
  void clear();
  /// The goal xy to mark; none is drawn until it is set.
  void set_goal(std::array<double, 2> goal) { goal_ = goal; }
  /// Moves the ant's disc to the torso's xy (qpos[0:2]) and extends the path to it when it moved
  /// far enough to show.
  void record(const mjData& state);
  /// Appends the goal, the ant's disc and the path to `scene`, as many as it has room for.
  void add_to(mjvScene& scene) const;

  /// Scene geoms beyond the model's the marks can need: the goal and the longest path drawn.
  static int extra_geoms();

 private:
  std::optional<std::array<double, 2>> goal_;
  std::optional<std::array<double, 2>> ant_;
  std::vector<std::array<double, 2>> path_;
};

}  // namespace harness
