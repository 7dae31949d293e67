// Offscreen MuJoCo rendering of one environment's states: the visual model posed as the env's
// mjData, drawn by MuJoCo's renderer into its offscreen buffer and read back as an RGB frame.
// Shadows, reflections and multisampling are off: on the software renderer they cost 4-8x.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <mujoco/mujoco.h>

#include "harness/envs/mujoco_model.h"
#include "harness/render/caption.h"
#include "harness/render/frame.h"
#include "harness/render/gl_context.h"
#include "harness/render/maze_marks.h"
#include "harness/render/view_camera.h"

namespace harness {

class Renderer {
 public:
  /// A renderer for the environment `env_name` making frames of `size`. Throws RenderError when
  /// there is no OpenGL, EnvError for an unknown name, RenderError for a size below 1.
  Renderer(std::string_view env_name, FrameSize size);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  /// The frame of `state` (an mjData of the env's model: its qpos is read, nothing is written),
  /// with `caption` drawn on it. AntMaze frames also show the goal and the path so far. The frame
  /// lives in the renderer until the next call.
  const Frame& render(const mjData& state, const Caption& caption = {});

  /// The two halves of render(), for callers that change the scene in between: update() poses the
  /// model as `state` and fills the scene; draw() renders it and reads the pixels back.
  mjvScene& update(const mjData& state);
  const Frame& draw(const Caption& caption = {});

  /// The goal and path marks of an AntMaze renderer; null for the other environments.
  MazeMarks* maze_marks() { return is_maze_ ? &marks_ : nullptr; }
  const mjModel& model() const { return *model_; }

 private:
  std::string env_name_;
  FrameSize size_;
  GlContext gl_;  // before the MuJoCo context, which needs it current, and destroyed after it
  ModelPtr model_;
  DataPtr data_;
  ViewCamera camera_;
  bool is_maze_;
  MazeMarks marks_;
  mjvOption option_;
  mjvScene scene_;
  mjrContext context_;
  std::vector<uint8_t> bottom_up_;  // (H, W, 3) as OpenGL reads it
  Frame frame_;
};

}  // namespace harness
