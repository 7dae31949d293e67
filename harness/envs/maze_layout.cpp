// Maps: D4RL locomotion/maze_env.py (U_MAZE_TEST, BIG_MAZE_TEST, HARDEST_MAZE_TEST), as drawn in
// spec/environments.md 3.4 with row 0 first. The dataset maps have the same walls.
#include "harness/envs/maze_layout.h"

#include <cstdio>

namespace harness {
namespace {

struct NamedLayout {
  std::string_view env_name;
  MazeLayout layout;
};

const std::vector<NamedLayout>& layouts() {
  static const std::vector<NamedLayout> table = {
      {"antmaze-umaze", {"U_MAZE_TEST", {
          "#####",
          "#r..#",
          "###.#",
          "#g..#",
          "#####"}}},
      {"antmaze-medium", {"BIG_MAZE_TEST", {
          "########",
          "#r.##..#",
          "#..#...#",
          "##...###",
          "#..#...#",
          "#.#..#.#",
          "#...#.g#",
          "########"}}},
      {"antmaze-large", {"HARDEST_MAZE_TEST", {
          "############",
          "#r...#.....#",
          "#.##.#.#.#.#",
          "#......#...#",
          "#.####.###.#",
          "#..#.#.....#",
          "##.#.#.#.###",
          "#..#...#.g.#",
          "############"}}},
  };
  return table;
}

// D4RL's collection maps: the same walls, the play datasets' goal cells
const std::vector<NamedLayout>& collection_layouts() {
  static const std::vector<NamedLayout> table = {
      {"antmaze-umaze", {"U_MAZE", {
          "#####",
          "#r..#",
          "###.#",
          "#g..#",
          "#####"}}},
      {"antmaze-medium", {"BIG_MAZE", {
          "########",
          "#r.##..#",
          "#..#..g#",
          "##...###",
          "#..#...#",
          "#g#..#.#",
          "#...#g.#",
          "########"}}},
      {"antmaze-large", {"HARDEST_MAZE", {
          "############",
          "#r...#g....#",
          "#.##.#.#.#.#",
          "#....g.#..g#",
          "#.####.###.#",
          "#.g#.#.....#",
          "##.#.#.#.###",
          "#..#g.g#.g.#",
          "############"}}},
  };
  return table;
}

const MazeLayout& layout_named(const std::vector<NamedLayout>& table, std::string_view env_name) {
  for (const NamedLayout& entry : table) {
    if (entry.env_name == env_name) return entry.layout;
  }
  throw EnvError("no maze layout for '" + std::string(env_name) +
                 "' (known: antmaze-umaze, antmaze-medium, antmaze-large)");
}

}  // namespace

const MazeLayout& maze_layout(std::string_view env_name) { return layout_named(layouts(), env_name); }

const MazeLayout& collection_layout(std::string_view env_name) {
  return layout_named(collection_layouts(), env_name);
}

namespace {

// the cells whose marker satisfies `keep`, row by row
template <class Keep>
std::vector<MazeCell> cells_where(const MazeLayout& layout, Keep keep) {
  std::vector<MazeCell> cells;
  for (int i = 0; i < static_cast<int>(layout.rows.size()); ++i) {
    for (int j = 0; j < static_cast<int>(layout.rows[i].size()); ++j) {
      if (keep(layout.rows[i][j])) cells.push_back({i, j});
    }
  }
  return cells;
}

std::vector<MazeCell> cells_marked(const MazeLayout& layout, char marker) {
  return cells_where(layout, [marker](char c) { return c == marker; });
}

}  // namespace

MazeCell find_cell(const MazeLayout& layout, char marker) {
  const std::vector<MazeCell> found = cells_marked(layout, marker);
  if (found.size() != 1) {
    throw EnvError(std::string(layout.name) + ": expected one '" + marker + "' cell, found " +
                   std::to_string(found.size()));
  }
  return found[0];
}

std::vector<MazeCell> goal_cells(const MazeLayout& layout) { return cells_marked(layout, 'g'); }

std::vector<MazeCell> wall_cells(const MazeLayout& layout) { return cells_marked(layout, '#'); }

std::vector<MazeCell> free_cells(const MazeLayout& layout) {
  return cells_where(layout, [](char c) { return c != '#'; });
}

std::vector<MazeCell> start_cells(const MazeLayout& layout) {
  return cells_where(layout, [](char c) { return c == '.' || c == 'r'; });
}

std::array<double, 2> cell_center(const MazeLayout& layout, MazeCell cell) {
  const MazeCell start = find_cell(layout, 'r');
  return {(cell.col - start.col) * kMazeScaling, (cell.row - start.row) * kMazeScaling};
}

std::string maze_walls_mjcf(const MazeLayout& layout) {
  const double half_side = 0.5 * kMazeScaling;
  const double half_height = 0.5 * kMazeHeight * kMazeScaling;
  std::string xml;
  for (MazeCell wall : wall_cells(layout)) {
    const std::array<double, 2> xy = cell_center(layout, wall);
    char line[256];
    std::snprintf(line, sizeof line,
                  "    <geom name=\"block_%d_%d\" type=\"box\" pos=\"%g %g %g\" size=\"%g %g %g\" "
                  "contype=\"1\" conaffinity=\"1\" rgba=\"0.7 0.5 0.3 1\"/>\n",
                  wall.row, wall.col, xy[0], xy[1], half_height, half_side, half_side, half_height);
    xml += line;
  }
  return xml;
}

}  // namespace harness
