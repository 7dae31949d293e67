// Tests for harness/envs/maze_layout.cpp: the three evaluation maps and their world geometry
// (spec section 3.4: cell (i, j) centred at x = 4j - 4, y = 4i - 4; wall counts 18 / 38 / 62).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <tuple>

#include "harness/envs/maze_layout.h"

namespace harness {
namespace {

TEST(MazeLayout, WallCountsMatchSpec) {
  EXPECT_EQ(wall_cells(maze_layout("antmaze-umaze")).size(), 18u);
  EXPECT_EQ(wall_cells(maze_layout("antmaze-medium")).size(), 38u);
  EXPECT_EQ(wall_cells(maze_layout("antmaze-large")).size(), 62u);
}

// the U-maze's free cells are the start, the goal and the five between them; with the walls, all 25
TEST(MazeLayout, FreeCellsAreEveryCellThatIsNotAWall) {
  const MazeLayout& umaze = maze_layout("antmaze-umaze");
  const std::vector<MazeCell> free = free_cells(umaze);
  EXPECT_EQ(free.size(), 7u);
  EXPECT_EQ(free.front(), find_cell(umaze, 'r'));
  EXPECT_EQ(free.back(), (MazeCell{3, 3}));
  EXPECT_EQ(free.size() + wall_cells(umaze).size(), 25u);
  for (const MazeCell& c : free) EXPECT_NE(umaze.rows[c.row][c.col], '#');
}

// D4RL's multistart reset map turns goal cells into walls: BIG_MAZE's 3 goal cells are not start cells
TEST(MazeLayout, StartCellsAreTheFreeCellsWithoutTheGoalCells) {
  const MazeLayout& collection = collection_layout("antmaze-medium");
  const std::vector<MazeCell> starts = start_cells(collection);
  EXPECT_EQ(starts.size() + goal_cells(collection).size(), free_cells(collection).size());
  EXPECT_EQ(starts.front(), find_cell(collection, 'r'));
  for (const MazeCell& c : starts) EXPECT_NE(collection.rows[c.row][c.col], 'g');
  EXPECT_EQ(start_cells(maze_layout("antmaze-umaze")).size(), 6u);
}

TEST(MazeLayout, StartCellIsRowOneColumnOneAtTheOrigin) {
  for (const char* name : {"antmaze-umaze", "antmaze-medium", "antmaze-large"}) {
    const MazeLayout& layout = maze_layout(name);
    const MazeCell start = find_cell(layout, 'r');
    EXPECT_EQ(start, (MazeCell{1, 1})) << name;
    EXPECT_EQ(cell_center(layout, start), (std::array<double, 2>{0.0, 0.0})) << name;
  }
}

TEST(MazeLayout, GoalCellCentresMatchSpec) {
  const MazeLayout& umaze = maze_layout("antmaze-umaze");
  const MazeLayout& medium = maze_layout("antmaze-medium");
  const MazeLayout& large = maze_layout("antmaze-large");
  EXPECT_EQ(find_cell(umaze, 'g'), (MazeCell{3, 1}));
  EXPECT_EQ(find_cell(medium, 'g'), (MazeCell{6, 6}));
  EXPECT_EQ(find_cell(large, 'g'), (MazeCell{7, 9}));
  EXPECT_EQ(cell_center(umaze, find_cell(umaze, 'g')), (std::array<double, 2>{0.0, 8.0}));
  EXPECT_EQ(cell_center(medium, find_cell(medium, 'g')), (std::array<double, 2>{20.0, 20.0}));
  EXPECT_EQ(cell_center(large, find_cell(large, 'g')), (std::array<double, 2>{32.0, 24.0}));
}

// D4RL's collection maps: the evaluation map's walls and start, the play datasets' goal cells
TEST(MazeLayout, CollectionMapsAreTheEvaluationMapsWithThePlayGoalCells) {
  // goal cells, and whether the evaluation goal's cell is one of them
  const std::tuple<const char*, size_t, bool> mazes[] = {
      {"antmaze-umaze", 1, true}, {"antmaze-medium", 3, false}, {"antmaze-large", 7, true}};
  for (const auto& [name, goal_count, holds_eval] : mazes) {
    const MazeLayout& eval = maze_layout(name);
    const MazeLayout& collection = collection_layout(name);
    EXPECT_EQ(wall_cells(collection), wall_cells(eval)) << name;
    EXPECT_EQ(find_cell(collection, 'r'), find_cell(eval, 'r')) << name;
    const std::vector<MazeCell> goals = goal_cells(collection);
    EXPECT_EQ(goals.size(), goal_count) << name;
    const bool holds_eval_goal = std::find(goals.begin(), goals.end(), find_cell(eval, 'g')) != goals.end();
    EXPECT_EQ(holds_eval_goal, holds_eval) << name;
  }
  EXPECT_EQ(goal_cells(collection_layout("antmaze-medium")),
            (std::vector<MazeCell>{{2, 6}, {5, 1}, {6, 5}}));  // BIG_MAZE's G cells
}

TEST(MazeLayout, RowsAreRectangularAndClosed) {
  for (const char* name : {"antmaze-umaze", "antmaze-medium", "antmaze-large"}) {
    const MazeLayout& layout = maze_layout(name);
    const size_t width = layout.rows.front().size();
    for (std::string_view row : layout.rows) {
      ASSERT_EQ(row.size(), width) << name;
      EXPECT_EQ(row.front(), '#') << name;
      EXPECT_EQ(row.back(), '#') << name;
    }
    EXPECT_EQ(layout.rows.front().find_first_not_of('#'), std::string_view::npos) << name;
    EXPECT_EQ(layout.rows.back().find_first_not_of('#'), std::string_view::npos) << name;
  }
}

TEST(MazeLayout, WallsMjcfPlacesOneBoxPerWallCell) {
  const std::string xml = maze_walls_mjcf(maze_layout("antmaze-umaze"));
  EXPECT_NE(xml.find("<geom name=\"block_0_0\" type=\"box\" pos=\"-4 -4 1\" size=\"2 2 1\""),
            std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"block_2_1\" type=\"box\" pos=\"0 4 1\""), std::string::npos);
  EXPECT_EQ(xml.find("block_1_1"), std::string::npos) << "the start cell is free";
  size_t boxes = 0;
  for (size_t at = xml.find("<geom"); at != std::string::npos; at = xml.find("<geom", at + 1)) ++boxes;
  EXPECT_EQ(boxes, 18u);
}

TEST(MazeLayout, UnknownEnvThrows) {
  EXPECT_THROW(maze_layout("antmaze-huge"), EnvError);
}

TEST(MazeLayout, FindCellThrowsWhenMarkerIsNotUnique) {
  const MazeLayout layout{"TEST", {"####", "#rr#", "####"}};
  EXPECT_THROW(find_cell(layout, 'r'), EnvError);
  EXPECT_THROW(find_cell(layout, 'g'), EnvError);
}

}  // namespace
}  // namespace harness
