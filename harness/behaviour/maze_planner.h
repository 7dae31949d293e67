// D4RL's waypoint planner for the AntMaze sets (spec/d4rl-generation.md, AntMaze): the goal-reaching
// ant (envs/ant_goal.h) walks towards a waypoint that the planner moves through the maze, every step.
// A breadth-first search from the target's cell over free cells gives each cell its distance to the
// target; the waypoint is the centre of the neighbouring cell one step closer, plus U(0, 0.25 x
// scaling) on each axis redrawn every step, or the exact target once the ant is in the target's cell.
#pragma once
#include <array>
#include <vector>

#include "autodiff/rng.h"
#include "harness/envs/maze_layout.h"

namespace harness {

/// The cell whose square holds world point `xy` (the inverse of cell_center), clamped to the map.
MazeCell cell_at(const MazeLayout& layout, std::array<double, 2> xy);

class MazePlanner {
 public:
  /// Throws EnvError when `target` is not in a free cell.
  MazePlanner(const MazeLayout& layout, std::array<double, 2> target);

  /// Steps from `cell` to the target's cell through free cells; -1 for walls and cut-off cells.
  int distance(MazeCell cell) const;

  /// The free neighbour of `cell` one step closer to the target (the first of +y, -y, +x, -x);
  /// `cell` itself in the target's cell or when no path leads from it.
  MazeCell next_cell(MazeCell cell) const;

  /// Where an ant standing at `xy` should head now; draws two uniforms from `rng` unless it is in the
  /// target's cell.
  std::array<double, 2> waypoint(std::array<double, 2> xy, autodiff::Rng& rng) const;

 private:
  const MazeLayout& layout_;
  std::array<double, 2> target_;
  MazeCell target_cell_;
  std::vector<std::vector<int>> distance_;  // [row][col]
};

}  // namespace harness
