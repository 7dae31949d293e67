// AntMaze maps and the rule that turns them into world geometry (D4RL maze_env.MazeEnv):
// every wall cell becomes a box of side kMazeScaling, and the start cell 'r' is the world origin.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "harness/envs/env_spec.h"  // EnvError

namespace harness {

inline constexpr double kMazeScaling = 4.0;  // metres per cell (maze_size_scaling)
inline constexpr double kMazeHeight = 0.5;   // wall height in cells (maze_height)

struct MazeCell {
  int row;  // index into MazeLayout::rows; grows with world y
  int col;  // index into a row; grows with world x
  bool operator==(const MazeCell&) const = default;
};

/// One map: '#' wall, '.' free, 'r' start, 'g' goal; rows[0] is the lowest y.
struct MazeLayout {
  std::string_view name;               // D4RL's constant, e.g. "U_MAZE_TEST"
  std::vector<std::string_view> rows;  // all the same length
};

/// The evaluation map of an AntMaze env ("antmaze-umaze" -> U_MAZE_TEST, ...); throws EnvError.
const MazeLayout& maze_layout(std::string_view env_name);

/// The map D4RL's collection steered the ant through (U_MAZE, BIG_MAZE, HARDEST_MAZE): the evaluation
/// map's walls and start, with the goal cells its play datasets drew their targets from: umaze's one,
/// the evaluation goal's; 3 in medium, none of them the evaluation goal's; 7 in large, one of them
/// the evaluation goal's. Throws EnvError.
const MazeLayout& collection_layout(std::string_view env_name);

/// Every cell marked 'g', row by row.
std::vector<MazeCell> goal_cells(const MazeLayout& layout);

/// The unique cell holding `marker` ('r' or 'g'); throws EnvError if there is not exactly one.
MazeCell find_cell(const MazeLayout& layout, char marker);

/// The wall cells, row by row.
std::vector<MazeCell> wall_cells(const MazeLayout& layout);

/// The other cells (free, start, goal), row by row: where an ant may stand.
std::vector<MazeCell> free_cells(const MazeLayout& layout);

/// The free cells and the start cell, row by row, without the goal cells: where D4RL's multistart
/// reset put the ant (its reset map turns 'g' into a wall).
std::vector<MazeCell> start_cells(const MazeLayout& layout);

/// World (x, y) of a cell's centre: (col, row) x scaling, shifted so the start cell is at (0, 0).
std::array<double, 2> cell_center(const MazeLayout& layout, MazeCell cell);

/// MJCF <geom> elements for the walls: box "block_i_j" at (x, y, height/2 x scaling) with half
/// sizes (scaling/2, scaling/2, height/2 x scaling), colliding with everything.
std::string maze_walls_mjcf(const MazeLayout& layout);

}  // namespace harness
