// Tests for harness/behaviour/maze_planner.cpp: D4RL's cells of world points, BFS distances in the
// U-maze, D4RL's next cell (its tie-break, walls' squares), the waypoint's noise, the exact target from
// the cell next to the target's, and that following the next cells from every free cell of the large
// maze reaches the target by a shortest path.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "harness/behaviour/maze_planner.h"

namespace harness {
namespace {

const MazeLayout& umaze() { return maze_layout("antmaze-umaze"); }

TEST(MazePlanner, CellAtFindsTheSquareFromACellsCentreToTheNextCellsCentre) {
  const MazeLayout& layout = maze_layout("antmaze-large");
  for (int row = 1; row < static_cast<int>(layout.rows.size()); ++row) {
    for (int col = 1; col < static_cast<int>(layout.rows[0].size()); ++col) {
      const auto [x, y] = cell_center(layout, {row, col});
      EXPECT_EQ(cell_at(layout, {x, y}), (MazeCell{row, col}));
      EXPECT_EQ(cell_at(layout, {x + 3.9, y + 3.9}), (MazeCell{row, col}));
      if (row > 1 && col > 1) {
        EXPECT_EQ(cell_at(layout, {x - 0.1, y - 0.1}), (MazeCell{row - 1, col - 1}));
      }
    }
  }
  EXPECT_EQ(cell_at(layout, {-1.5, -0.3}), (MazeCell{1, 1}));  // below 0 counts as the start cell's centre
  EXPECT_EQ(cell_at(layout, {100.0, 100.0}), (MazeCell{8, 11}));  // clamped to the map
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

// BIG_MAZE_TEST's open 2x2 block at the start: from the corner opposite the target both neighbours are
// one step away, and D4RL's search takes +x before +y
TEST(MazePlanner, TiesGoToTheNeighbourD4rlsSearchReachesFirst) {
  const MazeLayout& layout = maze_layout("antmaze-medium");
  const MazePlanner planner(layout, {0.3, 0.3});
  EXPECT_EQ(planner.distance({1, 2}), 1);
  EXPECT_EQ(planner.distance({2, 1}), 1);
  EXPECT_EQ(planner.next_cell({2, 2}), (MazeCell{1, 2}));
}

// an ant at (7, 5) stands in the U-maze's right corridor, but its square is the wall cell (2, 2)'s
TEST(MazePlanner, AWallsSquareLeadsToTheFirstSearchedCellBesideIt) {
  const MazePlanner planner(umaze(), cell_center(umaze(), find_cell(umaze(), 'g')));
  EXPECT_EQ(cell_at(umaze(), {7.0, 5.0}), (MazeCell{2, 2}));
  EXPECT_EQ(planner.next_cell({2, 2}), (MazeCell{3, 2}));
  EXPECT_EQ(planner.next_cell({2, 1}), (MazeCell{3, 1}));
}

TEST(MazePlanner, WaypointIsTheNextCellsCentrePlusUniformNoise) {
  const MazePlanner planner(umaze(), {0.3, 8.6});
  autodiff::Rng rng(1);
  double lo = 1e9, hi = -1e9;
  for (int i = 0; i < 200; ++i) {
    const auto [x, y] = planner.waypoint({0.2, -0.1}, rng);  // at the start: next is (1,2) at (4, 0)
    EXPECT_TRUE(x >= 4.0 && x <= 5.0 && y >= 0.0 && y <= 1.0) << x << " " << y;
    lo = std::min(lo, x), hi = std::max(hi, x);
  }
  EXPECT_GT(hi - lo, 0.9);  // redrawn at each call, over the whole range
}

TEST(MazePlanner, WaypointIsTheExactTargetOnceTheNextCellIsTheTargets) {
  const std::array<double, 2> target = {0.3, 8.6};  // inside g's cell (3,1), centred at (0, 8)
  const MazePlanner planner(umaze(), target);
  autodiff::Rng rng(1);
  const autodiff::Rng before = rng;
  EXPECT_EQ(planner.waypoint({4.5, 8.5}, rng), target);  // in (3,2), next to the target's cell
  EXPECT_EQ(planner.waypoint({0.5, 8.1}, rng), target);  // in the target's cell
  EXPECT_EQ(rng.state(), before.state());                // no draws
  EXPECT_NE(planner.waypoint({8.5, 8.5}, rng), target);  // in (3,3), two cells away
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

TEST(MazePlanner, ACellNoPathLeadsFromIsNamed) {
  const MazePlanner planner(umaze(), {0.3, 8.6});
  try {
    planner.next_cell({0, 4});  // the map's corner: walls all round
    FAIL() << "expected an EnvError";
  } catch (const EnvError& e) {
    EXPECT_NE(std::string(e.what()).find("no path from cell (0, 4)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace harness
