#include "harness/behaviour/maze_planner.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace harness {
namespace {

constexpr double kWaypointNoise = 0.25 * kMazeScaling;  // U(0, this) per axis
constexpr double kSmallestCoordinate = 1e-4;             // D4RL's floor on xy before finding a cell
constexpr MazeCell kNoCell = {-1, -1};

// D4RL's neighbour order (left, right, down, up in its row-column terms), which settles ties between
// shortest paths
constexpr MazeCell kSearchOrder[] = {{0, -1}, {0, 1}, {1, 0}, {-1, 0}};

bool inside(const MazeLayout& layout, MazeCell c) {
  return c.row >= 0 && c.row < static_cast<int>(layout.rows.size()) && c.col >= 0 &&
         c.col < static_cast<int>(layout.rows[static_cast<size_t>(c.row)].size());
}

bool is_free(const MazeLayout& layout, MazeCell c) {
  return inside(layout, c) && layout.rows[static_cast<size_t>(c.row)][static_cast<size_t>(c.col)] != '#';
}

MazeCell step(MazeCell c, MazeCell by) { return {c.row + by.row, c.col + by.col}; }

// grid[row][col] of a per-cell table, const or not
template <class Grid>
auto& at(Grid& grid, MazeCell c) {
  return grid[static_cast<size_t>(c.row)][static_cast<size_t>(c.col)];
}

std::string describe(MazeCell c) { return "(" + std::to_string(c.row) + ", " + std::to_string(c.col) + ")"; }

}  // namespace

MazeCell cell_at(const MazeLayout& layout, std::array<double, 2> xy) {
  const MazeCell start = find_cell(layout, 'r');
  const int rows = static_cast<int>(layout.rows.size()), cols = static_cast<int>(layout.rows.front().size());
  // D4RL's int(1 + v / scaling), the 1 being the start cell's index, in its order of operations: the
  // sum can round up where floor(v / scaling) would not
  const auto index = [](int start_index, double v) {
    return static_cast<int>(start_index + std::max(v, kSmallestCoordinate) / kMazeScaling);
  };
  return {std::clamp(index(start.row, xy[1]), 0, rows - 1), std::clamp(index(start.col, xy[0]), 0, cols - 1)};
}

MazePlanner::MazePlanner(const MazeLayout& layout, std::array<double, 2> target)
    : layout_(layout), target_(target), target_cell_(cell_at(layout, target)) {
  if (!is_free(layout, target_cell_)) {
    throw EnvError(std::string(layout.name) + ": the planner's target (" + std::to_string(target[0]) + ", " +
                   std::to_string(target[1]) + ") lies in a wall cell");
  }
  search();
}

// D4RL's _get_best_next_rowcol answered for every cell at once: its search runs level by level from the
// target, marks a cell visited when it takes it (so a cell may be queued twice) and returns the cell
// being taken as soon as one of its neighbours is the ant's cell, free or not. The first cell taken
// next to a cell is therefore that cell's answer.
void MazePlanner::search() {
  const size_t rows = layout_.rows.size(), cols = layout_.rows.front().size();
  distance_.assign(rows, std::vector<int>(cols, -1));
  next_.assign(rows, std::vector<MazeCell>(cols, kNoCell));
  std::vector<std::vector<int>> visited(rows, std::vector<int>(cols, 0));
  at(next_, target_cell_) = target_cell_;
  std::vector<MazeCell> level = {target_cell_};
  for (int steps = 0; !level.empty(); ++steps) {
    std::vector<MazeCell> next_level;
    for (MazeCell c : level) {
      at(visited, c) = 1;
      if (at(distance_, c) < 0) at(distance_, c) = steps;
      for (MazeCell by : kSearchOrder) {
        const MazeCell n = step(c, by);
        if (!inside(layout_, n)) continue;
        if (at(next_, n) == kNoCell) at(next_, n) = c;
        if (is_free(layout_, n) && !at(visited, n)) next_level.push_back(n);
      }
    }
    level = std::move(next_level);
  }
}

int MazePlanner::distance(MazeCell cell) const {
  return inside(layout_, cell) ? at(distance_, cell) : -1;
}

MazeCell MazePlanner::next_cell(MazeCell cell) const {
  const MazeCell next = inside(layout_, cell) ? at(next_, cell) : kNoCell;
  if (next == kNoCell) {
    throw EnvError(std::string(layout_.name) + ": no path from cell " + describe(cell) + " to the target's cell " +
                   describe(target_cell_));
  }
  return next;
}

std::array<double, 2> MazePlanner::waypoint(std::array<double, 2> xy, autodiff::Rng& rng) const {
  const MazeCell next = next_cell(cell_at(layout_, xy));
  if (next == target_cell_) return target_;
  std::array<double, 2> point = cell_center(layout_, next);
  for (double& p : point) p += rng.uniform(0.0, kWaypointNoise);
  return point;
}

}  // namespace harness
