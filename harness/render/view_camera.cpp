#include "harness/render/view_camera.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "harness/envs/antmaze.h"

namespace harness {
namespace {

constexpr double kSideDistance = 4.0;     // metres from the torso: a hopper fills about half the height
constexpr double kSideElevation = -12.0;  // degrees: a little above, so the floor's checker shows
constexpr double kLookHeight = 0.75;      // of the torso's initial height: the legs and head both in view
constexpr double kMazeMargin = 1.04;      // a thin border around the maze

// looks along +y at the robot, so +x (its forward direction) points right on screen
mjvCamera side_camera(const mjModel& m, int torso) {
  mjvCamera cam;
  mjv_defaultCamera(&cam);
  cam.type = mjCAMERA_FREE;
  cam.azimuth = 90.0;
  cam.elevation = kSideElevation;
  cam.distance = kSideDistance;
  cam.lookat[2] = kLookHeight * m.body_pos[3 * torso + 2];
  return cam;
}

// straight down at the maze's centre (+y up, +x right on screen), far enough that the wall tops fit
mjvCamera overhead_camera(const mjModel& m, std::string_view env_name, FrameSize size) {
  const MazeLayout& layout = maze_layout(env_name);
  const int rows = static_cast<int>(layout.rows.size());
  const int cols = static_cast<int>(layout.rows[0].size());
  const auto first = cell_center(layout, {0, 0});
  const auto last = cell_center(layout, {rows - 1, cols - 1});
  const double half_height = rows * kMazeScaling / 2;
  const double half_width = cols * kMazeScaling / 2;
  const double tan_half_fovy = std::tan(m.vis.global.fovy * M_PI / 360.0);
  const double aspect = static_cast<double>(size.width) / size.height;
  const double fit = std::max(half_height / tan_half_fovy, half_width / (tan_half_fovy * aspect));

  mjvCamera cam;
  mjv_defaultCamera(&cam);
  cam.type = mjCAMERA_FREE;
  cam.azimuth = 90.0;
  cam.elevation = -90.0;
  cam.distance = kMazeMargin * fit + kMazeHeight * kMazeScaling;
  cam.lookat[0] = (first[0] + last[0]) / 2;
  cam.lookat[1] = (first[1] + last[1]) / 2;
  return cam;
}

}  // namespace

ViewCamera::ViewCamera(const mjModel& m, std::string_view env_name, FrameSize size) {
  if (is_antmaze(env_name)) {
    camera_ = overhead_camera(m, env_name, size);
    return;
  }
  follow_body_ = mj_name2id(&m, mjOBJ_BODY, "torso");
  if (follow_body_ < 0) throw EnvError(std::string(env_name) + ": the visual model has no body named torso");
  camera_ = side_camera(m, follow_body_);
}

mjvCamera& ViewCamera::aim(const mjData& state) {
  if (follow_body_ < 0) return camera_;
  camera_.lookat[0] = state.xpos[3 * follow_body_];
  camera_.lookat[1] = state.xpos[3 * follow_body_ + 1];  // 0 for the planar robots; the ant walks in y too
  return camera_;
}

}  // namespace harness
