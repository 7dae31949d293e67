// D4RL's waypoint planner for the AntMaze sets (maze_env.create_navigation_policy, spec/d4rl-generation.md,
// AntMaze): the goal-reaching ant (envs/ant_goal.h) walks towards a waypoint the planner moves through
// the maze, every step. Cells are found by D4RL's rule, whose squares run from a cell's centre to the
// next cell's centre, half a cell off the walls. A breadth-first search from the target's cell, in
// D4RL's order, gives the next cell on a shortest path; the waypoint is that cell's centre plus
// U(0, 0.25 x scaling) on each axis, redrawn every step, or the exact target once the next cell is
// the target's.
#pragma once
#include <array>
#include <vector>

#include "autodiff/rng.h"
#include "harness/envs/maze_layout.h"

namespace harness {

/// D4RL's _xy_to_rowcol: the cell whose square [centre, centre + scaling) holds world point `xy` on
/// both axes, a coordinate below 0 counted as 0 (the start cell's centre) and clamped to the map. The
/// square of a free cell's centre may be a wall's: it overlaps four cells' floors.
MazeCell cell_at(const MazeLayout& layout, std::array<double, 2> xy);

class MazePlanner {
 public:
  /// Throws EnvError when `target` is not in a free cell.
  MazePlanner(const MazeLayout& layout, std::array<double, 2> target);

  /// Steps from free `cell` to the target's cell through free cells; -1 for walls and cut-off cells.
  int distance(MazeCell cell) const;

  /// The cell D4RL's search returns for an ant in `cell` (a wall's square included): the first cell
  /// the search from the target reaches that neighbours `cell`, taking each cell's neighbours in the
  /// order -x, +x, +y, -y; the target's cell for itself. Throws EnvError when no path leads from `cell`.
  MazeCell next_cell(MazeCell cell) const;

  /// Where an ant standing at `xy` should head now: the exact target when the next cell is the
  /// target's, else the next cell's centre plus two uniforms drawn from `rng`.
  std::array<double, 2> waypoint(std::array<double, 2> xy, autodiff::Rng& rng) const;

 private:
  void search();

  const MazeLayout& layout_;
  std::array<double, 2> target_;
  MazeCell target_cell_;
  std::vector<std::vector<int>> distance_;   // [row][col]
  std::vector<std::vector<MazeCell>> next_;  // [row][col]: next_cell's answer, {-1, -1} where none
};

}  // namespace harness
