// Tests for harness/behaviour/maze_planner.cpp: cells of world points, BFS distances in the U-maze,
// the next cell and the waypoint's noise, the exact target in its own cell, and that following the
// next cells from every free cell of the large maze reaches the target by a shortest path.
#include <gtest/gtest.h>

#include "harness/behaviour/maze_planner.h"

namespace harness {
namespace {

const MazeLayout& umaze() { return maze_layout("antmaze-umaze"); }

TEST(MazePlanner, CellAtInvertsCellCenterAndSplitsCellsHalfway) {
  const MazeLayout& layout = maze_layout("antmaze-large");
  for (int row = 0; row < static_cast<int>(layout.rows.size()); ++row) {
    for (int col = 0; col < static_cast<int>(layout.rows[0].size()); ++col) {
      const auto [x, y] = cell_center(layout, {row, col});
      EXPECT_EQ(cell_at(layout, {x, y}), (MazeCell{row, col}));
      EXPECT_EQ(cell_at(layout, {x + 1.9, y - 1.9}), (MazeCell{row, col}));
    }
  }
  EXPECT_EQ(cell_at(layout, {2.1, 0.0}), (MazeCell{1, 2}));  // the start cell is (1, 1) at the origin
  EXPECT_EQ(cell_at(layout, {-100.0, 100.0}), (MazeCell{8, 0}));  // clamped to the map
}

TEST(MazePlanner, DistancesInTheUMazeCountStepsAroundTheWall) {
  const MazePlanner planner(umaze(), cell_center(umaze(), find_cell(umaze(), 'g')));
  // g (3,1) -> (3,2) -> (3,3) -> (2,3) -> (1,3) -> (1,2) -> r (1,1)
  EXPECT_EQ(planner.distance({3, 1}), 0);
  EXPECT_EQ(planner.distance({3, 3}), 2);
  EXPECT_EQ(planner.distance({2, 3}), 3);
  EXPECT_EQ(planner.distance({1, 1}), 6);
  EXPECT_EQ(planner.distance({2, 2}), -1);  // a wall
  EXPECT_EQ(planner.next_cell({1, 1}), (MazeCell{1, 2}));
  EXPECT_EQ(planner.next_cell({1, 3}), (MazeCell{2, 3}));
  EXPECT_EQ(planner.next_cell({3, 1}), (MazeCell{3, 1}));
}

TEST(MazePlanner, WaypointIsTheNextCellsCentrePlusUniformNoiseOrTheExactTarget) {
  const std::array<double, 2> target = {0.3, 8.6};  // inside g's cell, centred at (0, 8)
  const MazePlanner planner(umaze(), target);
  autodiff::Rng rng(1);
  double lo = 1e9, hi = -1e9;
  for (int i = 0; i < 200; ++i) {
    const auto [x, y] = planner.waypoint({0.2, -0.1}, rng);  // at the start: next is (1,2) at (4, 0)
    EXPECT_TRUE(x >= 4.0 && x <= 5.0 && y >= 0.0 && y <= 1.0) << x << " " << y;
    lo = std::min(lo, x), hi = std::max(hi, x);
  }
  EXPECT_GT(hi - lo, 0.9);  // redrawn at each call, over the whole range
  const autodiff::Rng before = rng;
  EXPECT_EQ(planner.waypoint({1.5, 7.0}, rng), target);
  EXPECT_EQ(rng.state(), before.state());  // no draw in the target's cell
}

TEST(MazePlanner, FollowingTheNextCellsFromAnyFreeCellTakesAShortestPath) {
  const MazeLayout& layout = maze_layout("antmaze-large");
  const MazePlanner planner(layout, cell_center(layout, find_cell(layout, 'g')));
  int free_cells = 0;
  for (int row = 0; row < static_cast<int>(layout.rows.size()); ++row) {
    for (int col = 0; col < static_cast<int>(layout.rows[0].size()); ++col) {
      if (layout.rows[row][col] == '#') continue;
      ++free_cells;
      MazeCell c{row, col};
      const int d = planner.distance(c);
      ASSERT_GE(d, 0) << row << "," << col;
      for (int k = 0; k < d; ++k) c = planner.next_cell(c);
      EXPECT_EQ(planner.distance(c), 0) << row << "," << col;
    }
  }
  EXPECT_GT(free_cells, 40);
}

TEST(MazePlanner, RefusesATargetInsideAWall) {
  EXPECT_THROW(MazePlanner(umaze(), cell_center(umaze(), {2, 2})), EnvError);
}

}  // namespace
}  // namespace harness
