#include "harness/behaviour/maze_planner.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

namespace harness {
namespace {

constexpr double kWaypointNoise = 0.25 * kMazeScaling;  // U(0, this) per axis

constexpr MazeCell kNeighbourSteps[] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};  // +y, -y, +x, -x

bool inside(const MazeLayout& layout, MazeCell c) {
  return c.row >= 0 && c.row < static_cast<int>(layout.rows.size()) && c.col >= 0 &&
         c.col < static_cast<int>(layout.rows[static_cast<size_t>(c.row)].size());
}

bool is_free(const MazeLayout& layout, MazeCell c) {
  return inside(layout, c) && layout.rows[static_cast<size_t>(c.row)][static_cast<size_t>(c.col)] != '#';
}

MazeCell step(MazeCell c, MazeCell by) { return {c.row + by.row, c.col + by.col}; }

}  // namespace

MazeCell cell_at(const MazeLayout& layout, std::array<double, 2> xy) {
  const MazeCell start = find_cell(layout, 'r');
  const int rows = static_cast<int>(layout.rows.size()), cols = static_cast<int>(layout.rows.front().size());
  const int row = start.row + static_cast<int>(std::lround(xy[1] / kMazeScaling));
  const int col = start.col + static_cast<int>(std::lround(xy[0] / kMazeScaling));
  return {std::clamp(row, 0, rows - 1), std::clamp(col, 0, cols - 1)};
}

MazePlanner::MazePlanner(const MazeLayout& layout, std::array<double, 2> target)
    : layout_(layout), target_(target), target_cell_(cell_at(layout, target)) {
  if (!is_free(layout, target_cell_)) {
    throw EnvError(std::string(layout.name) + ": the planner's target (" + std::to_string(target[0]) + ", " +
                   std::to_string(target[1]) + ") lies in a wall cell");
  }
  distance_.assign(layout.rows.size(), std::vector<int>(layout.rows.front().size(), -1));
  std::deque<MazeCell> frontier = {target_cell_};
  distance_[static_cast<size_t>(target_cell_.row)][static_cast<size_t>(target_cell_.col)] = 0;
  while (!frontier.empty()) {
    const MazeCell c = frontier.front();
    frontier.pop_front();
    for (MazeCell by : kNeighbourSteps) {
      const MazeCell n = step(c, by);
      if (!is_free(layout, n) || distance(n) >= 0) continue;
      distance_[static_cast<size_t>(n.row)][static_cast<size_t>(n.col)] = distance(c) + 1;
      frontier.push_back(n);
    }
  }
}

int MazePlanner::distance(MazeCell cell) const {
  if (!inside(layout_, cell)) return -1;
  return distance_[static_cast<size_t>(cell.row)][static_cast<size_t>(cell.col)];
}

MazeCell MazePlanner::next_cell(MazeCell cell) const {
  const int d = distance(cell);
  if (d <= 0) return cell;
  for (MazeCell by : kNeighbourSteps) {
    const MazeCell n = step(cell, by);
    if (distance(n) == d - 1) return n;
  }
  return cell;  // unreachable for a BFS distance map: some neighbour is one step closer
}

std::array<double, 2> MazePlanner::waypoint(std::array<double, 2> xy, autodiff::Rng& rng) const {
  const MazeCell here = cell_at(layout_, xy);
  if (here == target_cell_) return target_;
  std::array<double, 2> point = cell_center(layout_, next_cell(here));
  for (double& p : point) p += rng.uniform(0.0, kWaypointNoise);
  return point;
}

}  // namespace harness
