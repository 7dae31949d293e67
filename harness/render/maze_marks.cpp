#include "harness/render/maze_marks.h"

#include <cmath>

#include "harness/envs/antmaze.h"

namespace harness {
namespace {

constexpr double kPathStep = 0.1;      // metres the torso moves before the path gets a point
constexpr int kMaxPathPoints = 2000;   // 200 m of path: far more than an ant covers in 1000 steps
constexpr float kPathWidth = 3.0f;     // pixels
constexpr float kPathRgba[4] = {0.85f, 0.15f, 0.15f, 1.0f};
constexpr float kGoalRgba[4] = {0.15f, 0.80f, 0.25f, 0.8f};
constexpr float kAntRgba[4] = {0.95f, 0.60f, 0.20f, 0.35f};
constexpr double kAntRadius = 1.0;     // metres: about the ant's reach
constexpr double kMarkHeight = 0.02;   // just above the floor, so the floor does not hide the marks

// a new geom at the end of the scene, or null when the scene is full
mjvGeom* next_geom(mjvScene& scene) {
  if (scene.ngeom >= scene.maxgeom) return nullptr;
  return &scene.geoms[scene.ngeom++];
}

// a flat disc just above the floor
void add_disc(mjvScene& scene, std::array<double, 2> centre, double radius, const float rgba[4]) {
  mjvGeom* g = next_geom(scene);
  if (!g) return;
  const mjtNum size[3] = {radius, radius, kMarkHeight};
  const mjtNum pos[3] = {centre[0], centre[1], kMarkHeight};
  mjv_initGeom(g, mjGEOM_CYLINDER, size, pos, nullptr, rgba);
}

}  // namespace

void MazeMarks::clear() {
  goal_.reset();
  ant_.reset();
  path_.clear();
}

void MazeMarks::record(const mjData& state) {
  const std::array<double, 2> at = {state.qpos[0], state.qpos[1]};
  ant_ = at;
  if (static_cast<int>(path_.size()) >= kMaxPathPoints) return;
  if (!path_.empty() && std::hypot(at[0] - path_.back()[0], at[1] - path_.back()[1]) < kPathStep) return;
  path_.push_back(at);
}

void MazeMarks::add_to(mjvScene& scene) const {
  if (goal_) add_disc(scene, *goal_, kGoalRadius, kGoalRgba);
  if (ant_) add_disc(scene, *ant_, kAntRadius, kAntRgba);
  for (size_t i = 1; i < path_.size(); ++i) {
    mjvGeom* g = next_geom(scene);
    if (!g) return;
    mjv_initGeom(g, mjGEOM_LINE, nullptr, nullptr, nullptr, kPathRgba);
    mjv_makeConnector(g, mjGEOM_LINE, kPathWidth, path_[i - 1][0], path_[i - 1][1], 2 * kMarkHeight, path_[i][0],
                      path_[i][1], 2 * kMarkHeight);
  }
}

int MazeMarks::extra_geoms() { return 2 + kMaxPathPoints; }

}  // namespace harness
