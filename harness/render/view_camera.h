// Where the renderer looks from: a side view that follows the torso along x (locomotion: the robot
// walks in the x-z plane; the ground stays still, unlike a camera tracking the bouncing body), or
// a fixed overhead view of the whole maze (AntMaze).
#pragma once
#include <string_view>

#include <mujoco/mujoco.h>

#include "harness/render/frame.h"

namespace harness {

class ViewCamera {
 public:
  /// The camera for the environment `env_name` drawn with the visual model `m` into `size`.
  ViewCamera(const mjModel& m, std::string_view env_name, FrameSize size);

  /// The MuJoCo camera aimed at `state`: a side view moves with the torso's x and y.
  mjvCamera& aim(const mjData& state);

 private:
  mjvCamera camera_;
  int follow_body_ = -1;  // the torso's body id; -1: a fixed camera
};

}  // namespace harness
